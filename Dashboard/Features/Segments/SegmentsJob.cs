using System.Diagnostics;
using System.Text.Json;
using Dashboard.Data;
using Dashboard.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Features.Segments;

/// <summary>
/// The "segments" model run: for every month end of the store's history that is not stored yet, segments every
/// customer as of that day (RFM, value rank and tier, lifecycle stage, and VAP for the period the latest lifetime
/// run describes) and stores one snapshot row per customer. Periods already stored are kept (history accumulates);
/// the lifetime period is recomputed when a newer lifetime run exists, and "rebuild" recomputes everything.
/// </summary>
public sealed partial class SegmentsJob(
    IDbContextFactory<DashboardDbContext> dbFactory,
    ILifetimeSnapshotSource lifetime,
    TimeProvider clock,
    ILogger<SegmentsJob> logger) : IModelJob
{
    public const string JobKind = "segments";

    public string Kind => JobKind;

    public async Task<string?> RunAsync(ModelJobContext context, CancellationToken ct)
    {
        var settings = ParseSettings(context.ParametersJson);
        var watch = Stopwatch.StartNew();
        var plan = await PlanAsync(settings, ct);
        var computed = new List<SegmentRunPeriod>();
        var timings = new SegmentRunTimings();
        for (var i = 0; i < plan.ToCompute.Count; i++)
        {
            var period = plan.ToCompute[i];
            context.Progress.Report(new JobProgress((double)i / plan.ToCompute.Count,
                $"{Navigation.DashboardUrls.Day(period)} ({i + 1}/{plan.ToCompute.Count})"));
            var vapPeriod = plan.Lifetime is not null && period == plan.LifetimePeriod;
            computed.Add(await ComputePeriodAsync(context.RunId, period, settings, vapPeriod ? plan.Lifetime : null, timings, ct));
        }
        var seconds = watch.Elapsed.TotalSeconds;
        LogFinished(logger, computed.Count, plan.AllPeriods.Count, seconds);
        return JsonSerializer.Serialize(new SegmentRunResult(
            plan.AllPeriods.Count, computed.Count, computed, plan.Lifetime?.RunId, Math.Round(seconds, 3),
            Math.Round(timings.Read, 3), Math.Round(timings.Compute, 3), Math.Round(timings.Write, 3)), Cli.CliApp.JsonOptions);
    }

    private async Task<SegmentRunPlan> PlanAsync(SegmentRunSettings settings, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var extent = await SegmentInputsReader.OrderExtentAsync(db, ct)
            ?? throw new ModelJobException("There are no orders in the store yet: import orders (or seed the demo brand) first.");
        var all = SegmentInputsReader.MonthEnds(extent.First, extent.Last);
        if (all.Count == 0)
        {
            throw new ModelJobException("Segments are computed per month end, and the order history does not cover a whole month yet.");
        }
        var stored = await db.SegmentPeriods.AsNoTracking().ToDictionaryAsync(p => p.PeriodEnd, p => p.LifetimeRunId, ct);
        var life = await lifetime.LatestAsync(db, ct);
        DateOnly? lifetimePeriod = life is null ? null : all.Where(p => p <= life.AsOf).Cast<DateOnly?>().LastOrDefault();
        if (settings.Rebuild)
        {
            // Periods the data no longer covers (a re-seeded or re-imported store) go too.
            await db.CustomerSegmentSnapshots.Where(s => !all.Contains(s.PeriodEnd)).ExecuteDeleteAsync(ct);
            await db.SegmentPeriods.Where(p => !all.Contains(p.PeriodEnd)).ExecuteDeleteAsync(ct);
        }
        var toCompute = all.Where(p => settings.Rebuild || !stored.ContainsKey(p)
            || (p == lifetimePeriod && stored[p] != life!.RunId)).ToList();
        return new SegmentRunPlan(all, toCompute, lifetimePeriod is null ? null : life, lifetimePeriod);
    }

    private async Task<SegmentRunPeriod> ComputePeriodAsync(
        long runId, DateOnly period, SegmentRunSettings settings, LifetimeSnapshotInfo? life, SegmentRunTimings timings, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        // The inputs are independent reads: each on its own connection (SQLite in WAL mode reads concurrently), so
        // on a multi-core machine their SQL runs side by side instead of one after another.
        var buyersRead = dbFactory.ReadAloneAsync(db => SegmentInputsReader.BuyersAsync(db, period, ct), ct);
        var touchesRead = dbFactory.ReadAloneAsync(db => SegmentInputsReader.TouchpointsAsync(db, period, settings.TouchpointLookbackDays, ct), ct);
        var vapRead = life is null ? Task.FromResult<VapInputs?>(null) : ReadVapInputsAsync(life, period, ct);
        var buyers = await buyersRead;
        var touches = await touchesRead;
        var vap = await vapRead;
        timings.Read += watch.Elapsed.TotalSeconds;
        watch.Restart();
        SegmentPeriodResult result;
        try
        {
            result = SegmentPeriodBuilder.Build(runId, period, buyers, touches, vap, clock.GetUtcNow().UtcDateTime);
        }
        catch (ArgumentException ex)
        {
            throw new ModelJobException($"Segmenting {Navigation.DashboardUrls.Day(period)} failed: {ex.Message}");
        }
        if (result.MissingEstimates > 0)
        {
            LogMissingEstimates(logger, result.MissingEstimates, life!.RunId);
        }
        timings.Compute += watch.Elapsed.TotalSeconds;
        watch.Restart();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var cache = await StoreSql.LargePageCacheAsync(db, 256, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.CustomerSegmentSnapshots.Where(s => s.PeriodEnd == period).ExecuteDeleteAsync(ct);
        await db.SegmentPeriods.Where(p => p.PeriodEnd == period).ExecuteDeleteAsync(ct);
        db.SegmentPeriods.Add(result.Period);
        await db.SaveChangesAsync(ct);
        await BulkInsert.InsertAsync(db, result.Rows, ct);
        await transaction.CommitAsync(ct);
        timings.Write += watch.Elapsed.TotalSeconds;
        return new SegmentRunPeriod(period, result.Period.Buyers, result.Period.Members, result.Period.ValueBasis, result.Period.LifetimeRunId);
    }

    private async Task<VapInputs?> ReadVapInputsAsync(LifetimeSnapshotInfo life, DateOnly period, CancellationToken ct)
    {
        var estimatesRead = dbFactory.ReadAloneAsync(async db =>
        {
            var estimates = new Dictionary<long, LifetimeEstimate>();
            await foreach (var e in lifetime.Estimates(db, life.RunId).AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
            {
                estimates[e.CustomerId] = e;
            }
            return estimates;
        }, ct);
        var sourcesRead = dbFactory.ReadAloneAsync(db => SegmentInputsReader.AcquisitionSourcesAsync(db, ct), ct);
        // Sorts every order line of the period by customer and category (20 M at a million customers): on disk, not in memory.
        var categoriesRead = dbFactory.ReadAloneAsync(db => SegmentInputsReader.MainCategoriesAsync(db, period, ct), ct, sortOnDisk: true);
        return new VapInputs(life.RunId, await estimatesRead, await sourcesRead, await categoriesRead);
    }

    /// <summary>Reads the run's parameters; missing or malformed JSON gives the defaults.</summary>
    public static SegmentRunSettings ParseSettings(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return SegmentRunSettings.Default;
        }
        try
        {
            var s = JsonSerializer.Deserialize<SegmentRunSettings>(json, Cli.CliApp.JsonOptions) ?? SegmentRunSettings.Default;
            return s.TouchpointLookbackDays is >= 1 and <= 3660 ? s : s with { TouchpointLookbackDays = SegmentRunSettings.Default.TouchpointLookbackDays };
        }
        catch (JsonException)
        {
            return SegmentRunSettings.Default;
        }
    }

    private sealed class SegmentRunTimings
    {
        public double Read { get; set; }
        public double Compute { get; set; }
        public double Write { get; set; }
    }

    private sealed record SegmentRunPlan(IReadOnlyList<DateOnly> AllPeriods, IReadOnlyList<DateOnly> ToCompute, LifetimeSnapshotInfo? Lifetime, DateOnly? LifetimePeriod);

    [LoggerMessage(LogLevel.Information, "Segmented {Computed} of {Periods} periods in {Seconds:F2} s")]
    private static partial void LogFinished(ILogger logger, int computed, int periods, double seconds);

    [LoggerMessage(LogLevel.Warning, "{Missing} buyers have no estimate in lifetime run {RunId}; value tiers use historical revenue")]
    private static partial void LogMissingEstimates(ILogger logger, int missing, long runId);
}

/// <summary>The run's summary (stored as the ModelRun's result JSON); seconds split into SQL reads, domain work and writes.</summary>
public sealed record SegmentRunResult(
    int Periods, int Computed, IReadOnlyList<SegmentRunPeriod> ComputedPeriods, long? LifetimeRunId, double Seconds,
    double ReadSeconds = 0, double ComputeSeconds = 0, double WriteSeconds = 0);

public sealed record SegmentRunPeriod(DateOnly PeriodEnd, int Buyers, int Members, string ValueBasis, long? LifetimeRunId);
