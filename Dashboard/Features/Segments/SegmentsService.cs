using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Domain.Segmentation;
using Dashboard.Shared;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Features.Segments;

/// <summary>
/// Reads the Segments page from stored snapshots: counts and sums in SQL; the pyramid, Pareto curve and crowd
/// flow go through the domain over one small projection per customer (value, revenue, orders; or id and label).
/// </summary>
public sealed partial class SegmentsService(
    IDbContextFactory<DashboardDbContext> dbFactory, ILifetimeSnapshotSource lifetime, ILogger<SegmentsService> logger, ViewCache? cache = null)
{
    /// <summary>The view for the query's period; null when no period is stored yet.</summary>
    /// <param name="rangeEnd">The app bar's last day, when the URL has one: default periods are the latest on or before it.</param>
    /// <remarks>It reads only the segments runs' snapshots (and which lifetime run is latest), so an import leaves it current.</remarks>
    public Task<SegmentsView?> LoadAsync(SegmentsQuery query, DateOnly? rangeEnd, CancellationToken ct) =>
        cache.GetOrComputeAsync(ViewCacheExtensions.Key("segments", query, rangeEnd), c => ComputeAsync(query, rangeEnd, c), ct, StampScope.ModelRuns);

    private async Task<SegmentsView?> ComputeAsync(SegmentsQuery query, DateOnly? rangeEnd, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var periods = await db.SegmentPeriods.AsNoTracking().OrderBy(p => p.PeriodEnd).ToListAsync(ct);
        if (periods.Count == 0)
        {
            return null;
        }
        var candidates = periods.Where(p => rangeEnd is null || p.PeriodEnd <= rangeEnd).ToList();
        var latest = candidates.Count > 0 ? candidates : periods.Take(1).ToList();
        var period = periods.FirstOrDefault(p => p.PeriodEnd == query.Period) ?? latest[^1];
        var rows = db.CustomerSegmentSnapshots.AsNoTracking().Where(s => s.PeriodEnd == period.PeriodEnd);
        var segments = await LoadSegmentsAsync(rows, period, ct);
        var (pyramid, pareto) = await LoadPyramidAsync(rows, period, query.PyramidTiers, ct);
        var view = new SegmentsView(
            periods.Select(p => p.PeriodEnd).ToList(),
            new SegmentPeriodSummary(period.PeriodEnd, period.Buyers, period.Members, period.Revenue, period.ValueBasis, period.ModelRunId),
            await LoadHeatmapAsync(rows, ct),
            segments,
            pyramid,
            pareto,
            period.LifetimeRunId is { } runId ? await LoadVapAsync(rows, runId, ct) : null,
            await lifetime.LatestAsync(db, ct),
            await LoadFlowAsync(db, periods, latest, query, ct));
        LogLoaded(logger, period.PeriodEnd, period.Buyers);
        return view;
    }

    private static async Task<IReadOnlyList<RfmHeatmapCell>> LoadHeatmapAsync(IQueryable<CustomerSegmentSnapshot> rows, CancellationToken ct)
    {
        var cells = await rows.Where(s => s.R != null).GroupBy(s => new { s.R, s.F })
            .Select(g => new { g.Key.R, g.Key.F, Customers = g.Count(), Revenue = g.Sum(s => s.Revenue) })
            .ToListAsync(ct);
        var lookup = cells.ToDictionary(c => ((int)c.R!, (int)c.F!));
        return Enumerable.Range(0, 25).Select(k =>
        {
            var (r, f) = (k / 5 + 1, k % 5 + 1);
            return lookup.TryGetValue((r, f), out var c) ? new RfmHeatmapCell(r, f, c.Customers, c.Revenue) : new RfmHeatmapCell(r, f, 0, 0);
        }).ToList();
    }

    private static async Task<IReadOnlyList<SegmentRow>> LoadSegmentsAsync(IQueryable<CustomerSegmentSnapshot> rows, SegmentPeriod period, CancellationToken ct)
    {
        var groups = await rows.Where(s => s.Segment != null).GroupBy(s => s.Segment)
            .Select(g => new { Segment = g.Key!.Value, Customers = g.Count(), Revenue = g.Sum(s => s.Revenue), Orders = g.Sum(s => s.Orders) })
            .ToListAsync(ct);
        var lookup = groups.ToDictionary(g => g.Segment);
        return Enum.GetValues<RfmSegment>().Select(s =>
        {
            var g = lookup.GetValueOrDefault(s);
            var (customers, revenue, orders) = g is null ? (0, 0.0, 0) : (g.Customers, g.Revenue, g.Orders);
            return new SegmentRow(s, RfmSegmentation.NameOf(s), customers, Share(customers, period.Buyers), revenue,
                Share(revenue, period.Revenue), customers == 0 ? 0 : (double)orders / customers);
        }).ToList();
    }

    private static async Task<(PyramidView, ParetoCurve)> LoadPyramidAsync(
        IQueryable<CustomerSegmentSnapshot> rows, SegmentPeriod period, IReadOnlyList<PyramidTier> tiers, CancellationToken ct)
    {
        var predicted = period.ValueBasis == SegmentPeriodBuilder.PredictedBasis;
        var values = await rows.Where(s => s.ValueRank != null)
            .Select(s => new { s.CustomerId, s.Revenue, s.Orders, s.PredictedClv, s.PAlive })
            .ToListAsync(ct);
        var customers = values.Select(v => new CustomerValue(SegmentPeriodBuilder.Id(v.CustomerId),
            predicted ? v.PredictedClv ?? 0 : v.Revenue, v.Revenue, v.Orders, v.PAlive)).ToList();
        var pyramid = ValuePyramid.Build(customers, tiers);
        var keys = TierRange.FromTiers(tiers);
        var tierRows = pyramid.Tiers.Select((t, i) => new TierRow(keys[i].Key, t)).ToList();
        var pareto = Pareto.Curve(values.Select(v => v.Revenue).ToArray(), 100);
        return (new PyramidView(period.ValueBasis, tierRows, values.Any(v => v.PAlive.HasValue)), pareto);
    }

    private static async Task<VapView> LoadVapAsync(IQueryable<CustomerSegmentSnapshot> rows, long lifetimeRunId, CancellationToken ct)
    {
        var groups = await rows.Where(s => s.VapStrategy != null)
            .GroupBy(s => new { s.VapValue, s.VapAttrition, s.VapPotential })
            .Select(g => new { g.Key.VapValue, g.Key.VapAttrition, g.Key.VapPotential, Customers = g.Count(), Clv = g.Sum(s => s.PredictedClv ?? 0) })
            .ToListAsync(ct);
        var lookup = groups.ToDictionary(g => (g.VapValue!.Value, g.VapAttrition!.Value, g.VapPotential!.Value));
        var cells = Enumerable.Range(0, 27).Select(k =>
        {
            var (v, a, p) = ((VapLevel)(k / 9), (VapLevel)(k / 3 % 3), (VapLevel)(k % 3));
            var g = lookup.GetValueOrDefault((v, a, p));
            return new VapCellSummary(v, a, p, VapSegmentation.StrategyOf(v, a, p), g?.Customers ?? 0, g?.Clv ?? 0);
        }).ToList();
        var strategies = Enum.GetValues<VapStrategy>().Select(s => new VapStrategySummary(s, VapSegmentation.ActionOf(s),
            cells.Where(c => c.Strategy == s).Sum(c => c.Customers), cells.Where(c => c.Strategy == s).Sum(c => c.PredictedClv))).ToList();
        return new VapView(lifetimeRunId, cells, strategies);
    }

    // Default: the last two periods (of those on or before the app bar's range end).
    private static async Task<FlowView?> LoadFlowAsync(DashboardDbContext db, IReadOnlyList<SegmentPeriod> periods,
        IReadOnlyList<SegmentPeriod> latest, SegmentsQuery query, CancellationToken ct)
    {
        if (periods.Count < 2)
        {
            return null;
        }
        var stored = periods.Select(p => p.PeriodEnd).ToHashSet();
        var (defaultFrom, defaultTo) = latest.Count >= 2 ? (latest[^2], latest[^1]) : (periods[0], periods[1]);
        var from = query.FlowFrom is { } f && stored.Contains(f) ? f : defaultFrom.PeriodEnd;
        var to = query.FlowTo is { } t && stored.Contains(t) ? t : defaultTo.PeriodEnd;
        var migration = query.Flow == FlowKind.Stages
            ? CrowdFlow.Migrate(await StagesAsync(db, from, ct), await StagesAsync(db, to, ct), Lifecycle.Labels)
            : CrowdFlow.Migrate(await SegmentsAsync(db, from, ct), await SegmentsAsync(db, to, ct),
                Enum.GetValues<RfmSegment>().Select(RfmSegmentation.NameOf).ToList());
        return new FlowView(from, to, query.Flow, migration);
    }

    private static async Task<IReadOnlyList<LabelAssignment>> SegmentsAsync(DashboardDbContext db, DateOnly period, CancellationToken ct) =>
        (await db.CustomerSegmentSnapshots.AsNoTracking().Where(s => s.PeriodEnd == period && s.Segment != null)
            .Select(s => new { s.CustomerId, s.Segment }).ToListAsync(ct))
        .Select(s => new LabelAssignment(SegmentPeriodBuilder.Id(s.CustomerId), RfmSegmentation.NameOf(s.Segment!.Value))).ToList();

    private static async Task<IReadOnlyList<LabelAssignment>> StagesAsync(DashboardDbContext db, DateOnly period, CancellationToken ct) =>
        (await db.CustomerSegmentSnapshots.AsNoTracking().Where(s => s.PeriodEnd == period && s.Stage != null)
            .Select(s => new { s.CustomerId, s.Stage }).ToListAsync(ct))
        .Select(s => new LabelAssignment(SegmentPeriodBuilder.Id(s.CustomerId), Lifecycle.NameOf(s.Stage!.Value))).ToList();

    private static double Share(double part, double total) => total > 0 ? part / total : 0;

    [LoggerMessage(LogLevel.Debug, "Loaded segments for {Period}: {Buyers} buyers")]
    private static partial void LogLoaded(ILogger logger, DateOnly period, int buyers);
}
