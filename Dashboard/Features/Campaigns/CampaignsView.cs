using Dashboard.Domain.Measurement;

namespace Dashboard.Features.Campaigns;

/// <summary>A campaign as stored. Times are UTC; <see cref="EndUtc"/> is exclusive.</summary>
public sealed record CampaignSummary(
    int Id,
    string Code,
    string Name,
    string Channel,
    DateTime StartUtc,
    DateTime EndUtc,
    double Cost,
    string TargetAudience,
    double PlannedControlShare);

/// <summary>
/// How a metric is shown: <see cref="Key"/> is the name in the analysis, <see cref="Label"/> the English text
/// (a resource key for the campaign metrics, the column name for an uploaded file).
/// </summary>
public sealed record MetricInfo(string Key, string Label, MetricKind Kind, bool IsMoney);

/// <summary>A holdout analysis and how to show its metrics.</summary>
public sealed record ExperimentView(ExperimentResult Result, IReadOnlyList<MetricInfo> Metrics)
{
    public MetricInfo Metric(string key) => Metrics.Single(m => m.Key == key);
}

/// <summary>
/// The headline of a campaign in the list: the absolute conversion lift (rate points as a fraction) of all
/// treatment arms together against control (or against the matched comparison group), its interval and p-value.
/// </summary>
public sealed record CampaignHeadline(
    double Lift,
    double LiftLow,
    double LiftHigh,
    double PValue,
    double? RelativeLift,
    IncrementalTotal? IncrementalRevenue,
    IncrementalTotal? Roi,
    bool SrmFlagged,
    bool Observational)
{
    public bool IsSignificant => LiftFormat.IsSignificant(PValue, LiftLow, LiftHigh);
}

public sealed record CampaignListRow(CampaignSummary Campaign, long Targeted, long Control, CampaignHeadline? Headline, string? Problem);

public sealed record CampaignListView(IReadOnlyList<CampaignListRow> Rows, int AttributionDays);

/// <summary>Customers of an arm at each step of the delivery funnel (each counted once per step).</summary>
public sealed record ArmFunnel(string Arm, long Targeted, long Exposed, long Clicked, long Visited, long AddedToCart, long Ordered);

/// <summary>Cumulative share of an arm's customers with an order by the end of each day of the window.</summary>
public sealed record ArmCumulative(string Arm, long N, IReadOnlyList<DateOnly> Days, IReadOnlyList<long> Converters)
{
    public double RateOn(int dayIndex) => N == 0 ? 0 : (double)Converters[dayIndex] / N;
}

/// <summary>Customers whose first-ever order fell in the window: acquired by (or during) the campaign.</summary>
public sealed record ArmAcquisition(string Arm, long N, long NewCustomers)
{
    public double Share => N == 0 ? 0 : (double)NewCustomers / N;
}

/// <summary>How an arm's customers were spread over the lifecycle stages at the campaign's start (counts by stage rank).</summary>
public sealed record ArmStageMix(string Arm, long N, IReadOnlyList<long> ByStage);

/// <summary>
/// A campaign without a random holdout: the matched comparison, how many targeted and candidate untargeted
/// customers it started from, and the strata used (city tier × lifecycle stage).
/// </summary>
public sealed record ObservationalView(ObservationalResult Result, long Targeted, long Candidates, IReadOnlyList<MetricInfo> Metrics);

/// <summary>Everything the campaign page shows.</summary>
public sealed record CampaignView(
    CampaignSummary Campaign,
    CampaignQuery Query,
    DateTime WindowEndUtc,
    ExperimentView? Experiment,
    ObservationalView? Observational,
    CampaignHeadline? Headline,
    IReadOnlyList<ArmFunnel> Funnel,
    IReadOnlyList<ArmCumulative> Cumulative,
    IReadOnlyList<ArmAcquisition> Acquisition,
    IReadOnlyList<ArmStageMix> StageMix,
    IReadOnlyList<CrowdFlowArm>? CrowdFlow,
    string? Problem);
