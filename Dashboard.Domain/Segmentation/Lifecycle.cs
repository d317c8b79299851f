namespace Dashboard.Domain.Segmentation;

/// <summary>
/// A customer's signals as of a date: touchpoint counts within the lookback window, and order history up to that date.
/// </summary>
/// <param name="Impressions">Ad or content impressions in the lookback window.</param>
/// <param name="Clicks">Ad clicks in the lookback window.</param>
/// <param name="Visits">Store, site or app visits in the lookback window.</param>
/// <param name="AddToCarts">Add-to-cart events in the lookback window.</param>
/// <param name="Orders">All orders placed up to the as-of date (not only in the lookback).</param>
/// <param name="DaysSinceLastOrder">Days from the last order to the as-of date; null when there is no order.</param>
public readonly record struct LifecycleSignals(
    string CustomerId, int Impressions, int Clicks, int Visits, int AddToCarts, int Orders, int? DaysSinceLastOrder);

/// <summary>Lifecycle stages for crowd flow (AIPL-like: aware → interested → purchased → loyal, plus lapsed).</summary>
public enum LifecycleStage
{
    Aware,
    Interested,
    FirstPurchase,
    Repeat,
    Loyal,
    Lapsed,
}

/// <summary>Thresholds of the lifecycle rules.</summary>
/// <param name="RepeatMinOrders">Orders from which a buyer is "repeat"; default 2.</param>
/// <param name="LoyalMinOrders">Orders from which a buyer is "loyal"; default 4.</param>
/// <param name="LapsedAfterDays">A buyer whose last order is more than this many days old is "lapsed"; default 180.</param>
public sealed record LifecycleSettings(int RepeatMinOrders = 2, int LoyalMinOrders = 4, int LapsedAfterDays = 180)
{
    public static LifecycleSettings Default { get; } = new();
}

/// <summary>A customer's stage.</summary>
public readonly record struct StageAssignment(string CustomerId, LifecycleStage Stage);

/// <summary>Lifecycle stage per customer from touchpoints and orders as of a date.</summary>
public static class Lifecycle
{
    private static readonly string[] Names = ["Aware", "Interested", "First purchase", "Repeat", "Loyal", "Lapsed"];

    /// <summary>The English display name ("First purchase"); also the label for crowd flow.</summary>
    public static string NameOf(LifecycleStage stage) => Names[(int)stage];

    /// <summary>
    /// The rules (product definitions, checked in order):
    /// <list type="number">
    /// <item>Buyers (orders ≥ 1) whose last order is more than LapsedAfterDays old → Lapsed, whatever their touchpoints
    /// (they count as re-activated only when they order again).</item>
    /// <item>Orders ≥ LoyalMinOrders → Loyal; ≥ RepeatMinOrders → Repeat; 1 → First purchase.</item>
    /// <item>No orders, and a click, visit or add-to-cart in the lookback → Interested (they acted).</item>
    /// <item>No orders, only impressions in the lookback → Aware (they were reached).</item>
    /// <item>No orders and no touchpoint in the lookback → null: outside the funnel (counts as entering or leaving in crowd flow).</item>
    /// </list>
    /// </summary>
    /// <exception cref="ArgumentException">Negative counts, or orders and DaysSinceLastOrder disagree.</exception>
    public static LifecycleStage? StageOf(in LifecycleSignals s, LifecycleSettings? settings = null)
    {
        settings ??= LifecycleSettings.Default;
        if (s.Impressions < 0 || s.Clicks < 0 || s.Visits < 0 || s.AddToCarts < 0 || s.Orders < 0 || s.DaysSinceLastOrder < 0
            || (s.Orders > 0) != s.DaysSinceLastOrder.HasValue)
        {
            throw new ArgumentException($"customer '{s.CustomerId}': counts must be ≥ 0, and the last order's age is given exactly when there are orders");
        }
        if (s.Orders > 0)
        {
            if (s.DaysSinceLastOrder > settings.LapsedAfterDays)
            {
                return LifecycleStage.Lapsed;
            }
            return s.Orders >= settings.LoyalMinOrders ? LifecycleStage.Loyal
                : s.Orders >= settings.RepeatMinOrders ? LifecycleStage.Repeat
                : LifecycleStage.FirstPurchase;
        }
        if (s.Clicks > 0 || s.Visits > 0 || s.AddToCarts > 0)
        {
            return LifecycleStage.Interested;
        }
        return s.Impressions > 0 ? LifecycleStage.Aware : null;
    }

    /// <summary>Stages for every customer that has one (customers outside the funnel are left out), in input order.</summary>
    public static IReadOnlyList<StageAssignment> Assign(IReadOnlyList<LifecycleSignals> customers, LifecycleSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        settings ??= LifecycleSettings.Default;
        if (settings.RepeatMinOrders < 2 || settings.LoyalMinOrders < settings.RepeatMinOrders || settings.LapsedAfterDays < 0)
        {
            throw new ArgumentException($"invalid lifecycle settings {settings}: need 2 ≤ repeat ≤ loyal orders and lapsed days ≥ 0");
        }
        var result = new List<StageAssignment>(customers.Count);
        foreach (var c in customers)
        {
            if (StageOf(c, settings) is { } stage)
            {
                result.Add(new StageAssignment(c.CustomerId, stage));
            }
        }
        return result;
    }

    /// <summary>The stages as crowd-flow labels, in funnel order.</summary>
    public static IReadOnlyList<string> Labels => Names;

    /// <summary>Converts stage assignments to crowd-flow labels.</summary>
    public static IReadOnlyList<LabelAssignment> ToLabels(IReadOnlyList<StageAssignment> stages) =>
        stages.Select(s => new LabelAssignment(s.CustomerId, NameOf(s.Stage))).ToList();
}
