using Dashboard.Domain.Segmentation;

namespace Dashboard.Features.Segments;

/// <summary>Everything the Segments page shows for one period; null parts are explained on the page.</summary>
/// <param name="Periods">Every stored period end, oldest first.</param>
/// <param name="Vap">VAP cells and strategies; null when the period has no lifetime estimates.</param>
/// <param name="Lifetime">The latest lifetime run, if any (says why VAP is missing or where it is).</param>
/// <param name="Flow">Crowd flow between two periods; null when fewer than two periods are stored.</param>
public sealed record SegmentsView(
    IReadOnlyList<DateOnly> Periods,
    SegmentPeriodSummary Period,
    IReadOnlyList<RfmHeatmapCell> Heatmap,
    IReadOnlyList<SegmentRow> Segments,
    PyramidView Pyramid,
    ParetoCurve Pareto,
    VapView? Vap,
    LifetimeSnapshotInfo? Lifetime,
    FlowView? Flow);

/// <param name="ValueBasis">"history" or "predicted": what the value tiers rank by.</param>
public sealed record SegmentPeriodSummary(DateOnly PeriodEnd, int Buyers, int Members, double Revenue, string ValueBasis, long ModelRunId);

/// <summary>One named RFM segment in the period.</summary>
public sealed record SegmentRow(RfmSegment Segment, string Name, int Customers, double CustomerShare, double Revenue, double RevenueShare, double AverageOrders);

/// <summary>One pyramid tier with its stable key (for links to the customer list).</summary>
public sealed record TierRow(string Key, PyramidTierSummary Summary);

/// <param name="ValueBasis">"history" or "predicted".</param>
/// <param name="HasPAlive">True when mean P(alive) is known (a lifetime run's estimates are in this period).</param>
public sealed record PyramidView(string ValueBasis, IReadOnlyList<TierRow> Tiers, bool HasPAlive);

/// <summary>VAP cells (all 27) and strategies (all 6) of the period.</summary>
public sealed record VapView(long LifetimeRunId, IReadOnlyList<VapCellSummary> Cells, IReadOnlyList<VapStrategySummary> Strategies);

/// <summary>Crowd flow between two periods, for the chosen labels (segments or stages).</summary>
public sealed record FlowView(DateOnly From, DateOnly To, FlowKind Kind, Migration Migration);
