using Dashboard.Data;
using Dashboard.Jobs;
using Dashboard.Shared;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Features.Lifetime;

/// <summary>
/// Reads the latest successful "lifetime" run. The page's CLV controls (horizon, discount rate, margin) are applied
/// to the stored snapshot without refitting: per customer, CLV = margin × E[M] × P(alive) × Σ_m ΔC_m/(1+d)^m with the
/// curve C of their (x, T) stored by the run (see LifetimeProjection). One streaming pass over the snapshot
/// (≈20,000 rows for the demo brand, a million at scale); the figures are computed once per run, controls and state
/// of the store and kept (<see cref="ViewCache"/>).
/// </summary>
public sealed partial class LifetimeService(
    IDbContextFactory<DashboardDbContext> dbFactory,
    ILogger<LifetimeService> logger,
    ViewCache? cache = null)
{
    /// <summary>Months of projected P(alive) in a customer's sparkline.</summary>
    public const int SparklineMonths = 12;

    /// <summary>The page's figures for <paramref name="query"/>, or null when no run has succeeded yet.</summary>
    public async Task<LifetimeView?> LoadAsync(LifetimeQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await LatestRunAsync(db, ct);
        if (run is null)
        {
            return null;
        }
        var (runId, finishedUtc, resultJson) = run.Value;
        return await cache.GetOrComputeAsync(ViewCacheExtensions.Key("lifetime", runId, query), async c =>
        {
            await using var own = await dbFactory.CreateDbContextAsync(c);
            return await BuildAsync(own, runId, finishedUtc, LifetimeRunSummary.Parse(resultJson), query, c);
        }, ct);
    }

    /// <summary>One customer's figures from the latest successful run; null when there is none or it did not score the customer.</summary>
    public async Task<CustomerLifetimeView?> ForCustomerAsync(long customerId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await LatestRunAsync(db, ct);
        if (run is null)
        {
            return null;
        }
        var runId = run.Value.Id;
        var row = await db.CustomerLifetimes.AsNoTracking()
            .Where(c => c.ModelRunId == runId && c.CustomerId == customerId)
            .Select(c => new { c.X, c.T, c.PAlive, c.ExpectedPurchases, c.ExpectedAov, c.Clv })
            .FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }
        var survival = await db.LifetimeCurves.AsNoTracking()
            .Where(c => c.ModelRunId == runId && c.X == row.X && c.T == row.T)
            .Select(c => c.Survival).FirstOrDefaultAsync(ct);
        var alive = survival is null
            ? [row.PAlive]
            : LifetimeSnapshotWriter.Decode(survival).Take(SparklineMonths + 1).Select(s => row.PAlive * s).ToArray();
        var summary = LifetimeRunSummary.Parse(run.Value.ResultJson);
        return new CustomerLifetimeView(customerId, runId, run.Value.FinishedUtc, summary.DataTo, summary.HorizonMonths, row.X,
            row.PAlive, row.ExpectedPurchases, row.ExpectedAov, row.Clv, alive);
    }

    private static async Task<(long Id, DateTime? FinishedUtc, string ResultJson)?> LatestRunAsync(DashboardDbContext db, CancellationToken ct)
    {
        var run = await db.ModelRuns.AsNoTracking()
            .Where(r => r.Kind == LifetimeJob.KindName && r.Status == JobQueue.Succeeded && r.ResultJson != null)
            .OrderByDescending(r => r.Id)
            .Select(r => new { r.Id, r.FinishedUtc, r.ResultJson })
            .FirstOrDefaultAsync(ct);
        return run is null ? null : (run.Id, run.FinishedUtc, run.ResultJson!);
    }

    private async Task<LifetimeView> BuildAsync(
        DashboardDbContext db, long runId, DateTime? finishedUtc, LifetimeRunSummary summary, LifetimeQuery query, CancellationToken ct)
    {
        var curves = (await db.LifetimeCurves.AsNoTracking().Where(c => c.ModelRunId == runId).ToListAsync(ct))
            .Select(c => LifetimeSnapshotWriter.ToCurve(c.X, c.T, c.Purchases, c.Survival))
            .ToList();
        var settings = query.Clv with { HorizonMonths = Math.Min(query.HorizonMonths, curves.Count == 0 ? 1 : curves.Min(c => c.Months)) };
        var aggregator = new LifetimeAggregator(curves, settings);
        var rows = from c in db.CustomerLifetimes.AsNoTracking()
                   where c.ModelRunId == runId
                   join customer in db.Customers.AsNoTracking() on c.CustomerId equals customer.Id
                   select new { c.CustomerId, c.FirstPurchaseUtc, c.X, c.T, c.PAlive, c.ExpectedAov, customer.AcquisitionSourceId };
        await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            aggregator.Add(r.CustomerId, r.FirstPurchaseUtc, r.X, r.T, r.PAlive, r.ExpectedAov, r.AcquisitionSourceId ?? -1);
        }

        var sources = await db.DataSources.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var top = aggregator.Top;
        var ids = top.Select(t => t.CustomerId).ToList();
        var names = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var view = new LifetimeView(
            runId,
            finishedUtc,
            summary,
            query with { HorizonMonths = settings.HorizonMonths },
            aggregator.Kpis,
            aggregator.Distribution(),
            aggregator.BySource(id => sources.GetValueOrDefault(id) ?? "—"),
            aggregator.ByCohort(),
            aggregator.ExpectedActive(),
            top.Select(t => t with { Name = names.GetValueOrDefault(t.CustomerId) }).ToList());
        LogLoaded(logger, runId, aggregator.Customers, query.HorizonMonths);
        return view;
    }

    [LoggerMessage(LogLevel.Debug, "Lifetime view of run #{RunId}: {Customers} customers, horizon {Horizon} months")]
    private static partial void LogLoaded(ILogger logger, long runId, int customers, int horizon);
}
