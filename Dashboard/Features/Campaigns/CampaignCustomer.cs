namespace Dashboard.Features.Campaigns;

/// <summary>
/// What one customer did around a campaign, aggregated in SQL. <see cref="Arm"/> is the assigned arm (or
/// <see cref="CampaignAnalysis.ComparisonArm"/> for an untargeted customer of the observational comparison).
/// Window = [campaign start, campaign end + attribution window). Exposure counts the campaign's own impressions
/// and sent messages; click, visit and add-to-cart count any such touchpoint in the window, so that a holdout
/// customer's organic behaviour is comparable with a treated customer's.
/// </summary>
public sealed record CampaignCustomer(
    long CustomerId,
    string Arm,
    bool IsControl,
    int? CityTier,
    bool Exposed,
    bool Clicked,
    bool Visited,
    bool AddedToCart,
    int Orders,
    double Revenue,
    DateTime? FirstOrderInWindowUtc,
    bool NewCustomer,
    double PreSpend,
    int PreOrders,
    int StageBefore,
    int StageAfter)
{
    /// <summary>Responded: a visit or a click in the window.</summary>
    public bool Responded => Visited || Clicked;

    /// <summary>Converted: at least one order in the window.</summary>
    public bool Converted => Orders > 0;
}

/// <summary>
/// The lifecycle stage of a customer at a moment, a simple AIPL-like ladder read from the store (documented here
/// because the segmentation capability's own definition is not in this branch):
/// <list type="bullet">
/// <item>0 aware: no order ever before the moment and no visit, click or add-to-cart in the 90 days before it;</item>
/// <item>1 interested: no order ever, but a visit, click or add-to-cart in the 90 days before;</item>
/// <item>2 purchased: exactly one order ever before the moment;</item>
/// <item>3 loyal: two or more orders ever before the moment.</item>
/// </list>
/// The stage before is taken at the campaign's start, the stage after at the end of the attribution window, so
/// "moved up" means a first order, a repeat order, or first engagement during the window.
/// </summary>
public static class CampaignStage
{
    public const int Aware = 0;
    public const int Interested = 1;
    public const int Purchased = 2;
    public const int Loyal = 3;

    /// <summary>Days of touchpoints before the moment that count as engagement.</summary>
    public const int EngagementDays = 90;

    public static IReadOnlyList<string> Names { get; } = ["Aware", "Interested", "Purchased", "Loyal"];

    public static int Of(int ordersBefore, bool engagedRecently) => ordersBefore switch
    {
        >= 2 => Loyal,
        1 => Purchased,
        _ => engagedRecently ? Interested : Aware,
    };
}
