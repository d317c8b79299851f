using System.Diagnostics;
using System.Globalization;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Features.Segments;
using Dashboard.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Cli;

/// <summary>
/// bench segment-store: runs the real "segments" model run (SQL aggregates per month end, domain segmentation,
/// snapshot writes) against the configured store, recorded as a ModelRun like a run from the app, and times it.
/// --rebuild recomputes every period (the first-run cost); without it only missing periods are computed.
/// The CLI has no lifetime model wiring, so the run is descriptive (no VAP).
/// </summary>
public sealed class BenchSegmentStoreVerb : ICliVerb
{
    public string Name => "bench segment-store";

    public string Usage => "bench segment-store [--rebuild] [--lookback-days D (90)] [--json]   (the configured store; seed it with seed-demo)";

    public async Task<int> RunAsync(CliContext context)
    {
        var settings = new SegmentRunSettings(context.Args.Int("lookback-days", 90, min: 1, max: 3660), context.Args.Flag("rebuild"));
        var factory = context.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await context.Services.GetRequiredService<DatabaseInitializer>().MigrateAsync(context.Cancellation);
        var parameters = System.Text.Json.JsonSerializer.Serialize(settings, CliApp.JsonOptions);
        long runId;
        int customers;
        await using (var db = await factory.CreateDbContextAsync(context.Cancellation))
        {
            customers = await db.Customers.CountAsync(context.Cancellation);
            var run = new ModelRun
            {
                Kind = SegmentsJob.JobKind, Status = JobQueue.Running, RequestedUtc = DateTime.UtcNow, StartedUtc = DateTime.UtcNow,
                ParametersJson = parameters,
            };
            db.ModelRuns.Add(run);
            await db.SaveChangesAsync(context.Cancellation);
            runId = run.Id;
        }
        var job = new SegmentsJob(factory, new NoLifetimeSnapshots(), TimeProvider.System, NullLogger<SegmentsJob>.Instance);
        var watch = Stopwatch.StartNew();
        string? result;
        string status = JobQueue.Succeeded;
        string? error = null;
        try
        {
            result = await job.RunAsync(new ModelJobContext(runId, parameters, new Progress<JobProgress>()), context.Cancellation);
        }
        catch (ModelJobException ex)
        {
            (result, status, error) = (null, JobQueue.Failed, ex.Message);
        }
        var seconds = watch.Elapsed.TotalSeconds;
        await using (var db = await factory.CreateDbContextAsync(CancellationToken.None))
        {
            await db.ModelRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, status).SetProperty(r => r.ResultJson, result).SetProperty(r => r.Error, error)
                .SetProperty(r => r.FinishedUtc, DateTime.UtcNow), CancellationToken.None);
        }
        if (error is not null)
        {
            throw new CliInputException(error);
        }
        var summary = System.Text.Json.JsonSerializer.Deserialize<SegmentRunResult>(result!, CliApp.JsonOptions)!;
        var rows = summary.ComputedPeriods.Sum(p => (long)p.Members);
        var report = new BenchSegmentStoreReport(customers, summary.Periods, summary.Computed, rows, Math.Round(seconds, 3),
            summary.Computed == 0 ? 0 : Math.Round(seconds / summary.Computed, 3), summary.ReadSeconds, summary.ComputeSeconds, summary.WriteSeconds, runId);
        if (context.Json)
        {
            await context.WriteJsonAsync(report);
        }
        else
        {
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"segments run #{runId}: {report.Computed} of {report.Periods} periods, {report.SnapshotRows:N0} snapshot rows for {customers:N0} customers in {report.Seconds:F2} s ({report.SecondsPerPeriod:F3} s per period)"));
        }
        return 0;
    }
}

public sealed record BenchSegmentStoreReport(
    int Customers, int Periods, int Computed, long SnapshotRows, double Seconds, double SecondsPerPeriod,
    double ReadSeconds, double ComputeSeconds, double WriteSeconds, long RunId);
