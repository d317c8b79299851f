using Dashboard.Domain.Segmentation;

namespace Dashboard.Data.Entities;

/// <summary>
/// One stored period of the "segments" model run: which run computed it and what it holds. A period is owned by
/// exactly one run; recomputing it replaces its rows in one transaction, so pages never see half a period.
/// </summary>
public sealed class SegmentPeriod
{
    /// <summary>The last day of the period (a month end), inclusive: everything up to that day's end counts.</summary>
    public DateOnly PeriodEnd { get; set; }
    public long ModelRunId { get; set; }
    /// <summary>Customers with at least one order up to the period end (they have RFM scores and a value tier).</summary>
    public int Buyers { get; set; }
    /// <summary>Rows stored for the period: buyers plus prospects inside the lifecycle funnel.</summary>
    public int Members { get; set; }
    /// <summary>Revenue of all orders up to the period end (currency units).</summary>
    public double Revenue { get; set; }
    /// <summary>What the value tiers rank by: "history" (revenue to date) or "predicted" (predicted CLV).</summary>
    public required string ValueBasis { get; set; }
    /// <summary>The lifetime model run whose P(alive) and predicted CLV the period used (VAP); null when none.</summary>
    public long? LifetimeRunId { get; set; }
    public DateTime ComputedUtc { get; set; }
}

/// <summary>
/// A customer's segmentation at one period end: RFM scores and segment, value tier, lifecycle stage and (when a
/// lifetime model had run) the VAP cell. Rows accumulate per period, so crowd flow can compare any two periods.
/// </summary>
public sealed class CustomerSegmentSnapshot
{
    public long ModelRunId { get; set; }
    public DateOnly PeriodEnd { get; set; }
    public long CustomerId { get; set; }
    /// <summary>RFM scores 1–5 (null for prospects without orders).</summary>
    public byte? R { get; set; }
    public byte? F { get; set; }
    public byte? M { get; set; }
    public RfmSegment? Segment { get; set; }
    /// <summary>Orders up to the period end.</summary>
    public int Orders { get; set; }
    /// <summary>Revenue up to the period end (currency units).</summary>
    public double Revenue { get; set; }
    /// <summary>1-based rank by value (highest first, ties by customer id as text) among the period's buyers.</summary>
    public int? ValueRank { get; set; }
    /// <summary>Key of the default pyramid tier ("0-1", "1-5", "5-20", "20-50", "50-100": percent of buyers by rank).</summary>
    public string? Tier { get; set; }
    /// <summary>Lifecycle stage; null when outside the funnel (no orders and no touchpoint in the lookback).</summary>
    public LifecycleStage? Stage { get; set; }
    public double? PAlive { get; set; }
    public double? PredictedClv { get; set; }
    public VapLevel? VapValue { get; set; }
    public VapLevel? VapAttrition { get; set; }
    public VapLevel? VapPotential { get; set; }
    public VapStrategy? VapStrategy { get; set; }
}
