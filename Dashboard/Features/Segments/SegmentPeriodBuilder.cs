using Dashboard.Data.Entities;
using Dashboard.Domain.Segmentation;

namespace Dashboard.Features.Segments;

/// <summary>A buyer's orders up to a period end, aggregated in SQL (GROUP BY customer).</summary>
/// <param name="PurchaseDays">Distinct days with an order (RFM frequency).</param>
public readonly record struct BuyerAggregate(long CustomerId, DateTime LastOrderUtc, int Orders, int PurchaseDays, double Revenue);

/// <summary>A customer's touchpoints in the lifecycle lookback before a period end, counted by type in SQL.</summary>
public readonly record struct TouchAggregate(long CustomerId, int Impressions, int Clicks, int Visits, int AddToCarts);

/// <summary>What VAP needs besides history: the lifetime run's estimates and the attributes that define peers.</summary>
public sealed record VapInputs(
    long LifetimeRunId,
    IReadOnlyDictionary<long, LifetimeEstimate> Estimates,
    IReadOnlyDictionary<long, string> AcquisitionSources,
    IReadOnlyDictionary<long, string> MainCategories);

/// <summary>Settings of the segments run (stored with the run as its parameters).</summary>
/// <param name="TouchpointLookbackDays">Lifecycle: touchpoints count when within this many days before the period end.</param>
/// <param name="Rebuild">Recompute every period, not only the missing ones.</param>
public sealed record SegmentRunSettings(int TouchpointLookbackDays = 90, bool Rebuild = false)
{
    public static SegmentRunSettings Default { get; } = new();
}

/// <summary>One period's rows and summary, ready to store.</summary>
/// <param name="MissingEstimates">Buyers without a lifetime estimate (then tiers fall back to historical value).</param>
public sealed record SegmentPeriodResult(SegmentPeriod Period, IReadOnlyList<CustomerSegmentSnapshot> Rows, int MissingEstimates);

/// <summary>
/// Combines the domain's segmentations into one snapshot row per customer for a period: RFM (buyers), value rank
/// and default tier (buyers), lifecycle stage (buyers and touched prospects), and VAP when lifetime estimates are given.
/// </summary>
public static class SegmentPeriodBuilder
{
    public const string HistoryBasis = "history";
    public const string PredictedBasis = "predicted";

    /// <exception cref="ArgumentException">The domain rejected an input (the message names the customer).</exception>
    public static SegmentPeriodResult Build(
        long runId, DateOnly periodEnd, IReadOnlyList<BuyerAggregate> buyers, IReadOnlyList<TouchAggregate> touches,
        VapInputs? vap, DateTime computedUtc)
    {
        var rows = new Dictionary<long, CustomerSegmentSnapshot>(buyers.Count + touches.Count);
        var rfm = RfmSegmentation.Assign(buyers.Select(b => new CustomerActivity(
            Id(b.CustomerId), DateOnly.FromDateTime(b.LastOrderUtc), b.PurchaseDays, b.Revenue)).ToList(), periodEnd);
        for (var i = 0; i < buyers.Count; i++)
        {
            var b = buyers[i];
            var a = rfm.Customers[i];
            rows[b.CustomerId] = new CustomerSegmentSnapshot
            {
                ModelRunId = runId, PeriodEnd = periodEnd, CustomerId = b.CustomerId,
                R = a.R, F = a.F, M = a.M, Segment = a.Segment, Orders = b.Orders, Revenue = b.Revenue,
            };
        }

        var missing = vap is null ? buyers.Count : buyers.Count(b => !vap.Estimates.ContainsKey(b.CustomerId));
        var predicted = vap is not null && missing == 0 && buyers.Count > 0;
        AssignRanks(buyers, rows, b => predicted ? vap!.Estimates[b.CustomerId].PredictedClv : b.Revenue);
        if (vap is not null)
        {
            AssignVap(buyers, rows, vap);
        }
        AssignStages(periodEnd, buyers, touches, rows, runId);

        var period = new SegmentPeriod
        {
            PeriodEnd = periodEnd, ModelRunId = runId, Buyers = buyers.Count, Members = rows.Count,
            Revenue = buyers.Sum(b => b.Revenue), ValueBasis = predicted ? PredictedBasis : HistoryBasis,
            LifetimeRunId = vap?.LifetimeRunId, ComputedUtc = computedUtc,
        };
        return new SegmentPeriodResult(period, rows.Values.OrderBy(r => r.CustomerId).ToList(), vap is null ? 0 : missing);
    }

    /// <summary>The customer id as the domain sees it (text; ties in value are ordered by it, ordinally).</summary>
    public static string Id(long customerId) => customerId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // Same order as ValuePyramid.Build: value descending, ties by id (ordinal text), so rank ranges equal its tiers.
    private static void AssignRanks(IReadOnlyList<BuyerAggregate> buyers, Dictionary<long, CustomerSegmentSnapshot> rows, Func<BuyerAggregate, double> value)
    {
        var order = buyers.Select(b => (Value: value(b), Id: Id(b.CustomerId), b.CustomerId)).ToArray();
        Array.Sort(order, (x, y) => x.Value != y.Value ? y.Value.CompareTo(x.Value) : string.CompareOrdinal(x.Id, y.Id));
        var tiers = TierRange.Default.Select(t => (t.Key, Bounds: t.RankBounds(order.Length))).ToArray();
        for (var k = 0; k < order.Length; k++)
        {
            var rank = k + 1;
            var row = rows[order[k].CustomerId];
            row.ValueRank = rank;
            row.Tier = tiers.First(t => rank > t.Bounds.Start && rank <= t.Bounds.End).Key;
        }
    }

    private static void AssignVap(IReadOnlyList<BuyerAggregate> buyers, Dictionary<long, CustomerSegmentSnapshot> rows, VapInputs vap)
    {
        var inputs = new List<VapInput>(buyers.Count);
        foreach (var b in buyers)
        {
            if (vap.Estimates.TryGetValue(b.CustomerId, out var e))
            {
                inputs.Add(new VapInput(Id(b.CustomerId), e.PredictedClv, e.PAlive,
                    vap.AcquisitionSources.GetValueOrDefault(b.CustomerId, "unknown"),
                    vap.MainCategories.GetValueOrDefault(b.CustomerId, "unknown")));
            }
        }
        var result = VapSegmentation.Assign(inputs);
        foreach (var a in result.Customers)
        {
            var row = rows[long.Parse(a.CustomerId, System.Globalization.CultureInfo.InvariantCulture)];
            var e = vap.Estimates[row.CustomerId];
            (row.PAlive, row.PredictedClv) = (e.PAlive, e.PredictedClv);
            (row.VapValue, row.VapAttrition, row.VapPotential, row.VapStrategy) = (a.Value, a.AttritionLevel, a.Potential, a.Strategy);
        }
    }

    private static void AssignStages(DateOnly periodEnd, IReadOnlyList<BuyerAggregate> buyers, IReadOnlyList<TouchAggregate> touches,
        Dictionary<long, CustomerSegmentSnapshot> rows, long runId)
    {
        var touched = touches.ToDictionary(t => t.CustomerId);
        foreach (var b in buyers)
        {
            var t = touched.GetValueOrDefault(b.CustomerId);
            var signals = new LifecycleSignals(Id(b.CustomerId), t.Impressions, t.Clicks, t.Visits, t.AddToCarts, b.Orders,
                periodEnd.DayNumber - DateOnly.FromDateTime(b.LastOrderUtc).DayNumber);
            rows[b.CustomerId].Stage = Lifecycle.StageOf(signals);
        }
        foreach (var t in touches)
        {
            if (rows.ContainsKey(t.CustomerId))
            {
                continue;
            }
            var signals = new LifecycleSignals(Id(t.CustomerId), t.Impressions, t.Clicks, t.Visits, t.AddToCarts, 0, null);
            if (Lifecycle.StageOf(signals) is { } stage)
            {
                rows[t.CustomerId] = new CustomerSegmentSnapshot { ModelRunId = runId, PeriodEnd = periodEnd, CustomerId = t.CustomerId, Stage = stage };
            }
        }
    }
}
