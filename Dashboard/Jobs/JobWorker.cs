using System.Diagnostics;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Jobs;

/// <summary>
/// Claims queued model runs from the store, one at a time, executes them and records how each ended. Runs in the app
/// process by default and in `Dashboard worker` processes when app instances leave runs to them; any number of workers
/// may share a store, since a claim is a conditional update that only one of them wins.
/// </summary>
public sealed partial class JobWorker(
    JobQueue queue,
    IEnumerable<IModelJob> jobs,
    IDbContextFactory<DashboardDbContext> dbFactory,
    TimeProvider clock,
    IOptions<JobsOptions> options,
    ILogger<JobWorker> logger) : BackgroundService
{
    private readonly Dictionary<string, IModelJob> _jobs = jobs.ToDictionary(j => j.Kind, StringComparer.Ordinal);
    private readonly JobsOptions _options = options.Value;

    /// <summary>Who claimed a run: host, process and this worker.</summary>
    public string Name { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..6]}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await MarkStaleAsync(stoppingToken);
            if (await ClaimNextAsync(stoppingToken) is { } run)
            {
                await RunAsync(run, stoppingToken);
                continue;
            }
            await WaitForWorkAsync(stoppingToken);
        }
    }

    private async Task WaitForWorkAsync(CancellationToken ct)
    {
        using var pause = CancellationTokenSource.CreateLinkedTokenSource(ct);
        pause.CancelAfter(_options.PollInterval);
        try
        {
            await queue.Wake.WaitToReadAsync(pause.Token);
            queue.Wake.TryRead(out _);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The poll interval passed: look at the store for runs queued by other processes.
        }
    }

    /// <summary>Claims the oldest queued run; null when there is none or another worker won it.</summary>
    private async Task<ModelRun?> ClaimNextAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var candidate = await db.ModelRuns.Where(r => r.Status == JobQueue.Queued).OrderBy(r => r.Id)
            .Select(r => (long?)r.Id).FirstOrDefaultAsync(ct);
        if (candidate is not { } id)
        {
            return null;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var claimed = await db.ModelRuns.Where(r => r.Id == id && r.Status == JobQueue.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, JobQueue.Running).SetProperty(r => r.Worker, Name)
                .SetProperty(r => r.StartedUtc, now).SetProperty(r => r.HeartbeatUtc, now)
                .SetProperty(r => r.Progress, 0).SetProperty(r => r.Stage, "Starting"), ct);
        return claimed == 1 ? await db.ModelRuns.AsNoTracking().SingleAsync(r => r.Id == id, ct) : null;
    }

    /// <summary>Runs whose process stopped proving it is alive will never finish: say so.</summary>
    private async Task MarkStaleAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var cutoff = now - _options.StaleAfter;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var count = await db.ModelRuns
            .Where(r => r.Status == JobQueue.Running && (r.HeartbeatUtc ?? r.StartedUtc ?? r.RequestedUtc) < cutoff)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, JobQueue.Failed)
                .SetProperty(r => r.Error, "Interrupted: the process running it stopped before the run finished.")
                .SetProperty(r => r.FinishedUtc, now), ct);
        if (count > 0)
        {
            LogInterrupted(logger, count);
        }
    }

    private async Task RunAsync(ModelRun run, CancellationToken ct)
    {
        if (!_jobs.TryGetValue(run.Kind, out var job))
        {
            await FinishAsync(run, JobQueue.Failed, 0, null, $"No job is registered for kind '{run.Kind}'.");
            return;
        }
        var progress = new RunProgress(queue, run.Id, run.Kind);
        progress.Report(new JobProgress(0, "Starting"));
        var watch = Stopwatch.StartNew();
        string status = JobQueue.Failed;
        string? result = null, error = null;
        await using (var heartbeat = new RunHeartbeat(dbFactory, clock, run.Id, progress, _options.HeartbeatInterval, logger))
        {
            try
            {
                result = await job.RunAsync(new ModelJobContext(run.Id, run.ParametersJson, progress), ct);
                status = JobQueue.Succeeded;
                LogFinished(logger, run.Kind, run.Id, watch.Elapsed.TotalSeconds);
            }
            catch (ModelJobException ex)
            {
                error = ex.Message;
                LogUserFailure(logger, run.Kind, run.Id, ex.Message);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                status = JobQueue.Queued;
            }
            catch (Exception ex)
            {
                error = "The run failed unexpectedly; the details are in the server log (run " + run.Id + ").";
                LogCrash(logger, ex, run.Kind, run.Id);
            }
        }
        if (status == JobQueue.Queued)
        {
            await RequeueAsync(run);
            return;
        }
        await FinishAsync(run, status, status == JobQueue.Succeeded ? 1 : progress.Last, result, error);
    }

    private async Task FinishAsync(ModelRun run, string status, double fraction, string? result, string? error)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        await db.ModelRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status)
            .SetProperty(r => r.ResultJson, result).SetProperty(r => r.Error, error).SetProperty(r => r.FinishedUtc, now)
            .SetProperty(r => r.Progress, fraction).SetProperty(r => r.Stage, status));
        queue.PublishFinishedHere(new JobStatus(run.Id, run.Kind, status, fraction, status, error));
    }

    /// <summary>This process is stopping mid-run: hand the run back so the next worker starts it again.</summary>
    private async Task RequeueAsync(ModelRun run)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        await db.ModelRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, JobQueue.Queued)
            .SetProperty(r => r.Worker, (string?)null).SetProperty(r => r.StartedUtc, (DateTime?)null)
            .SetProperty(r => r.HeartbeatUtc, (DateTime?)null).SetProperty(r => r.Progress, 0).SetProperty(r => r.Stage, (string?)null));
        LogRequeued(logger, run.Kind, run.Id);
    }

    [LoggerMessage(LogLevel.Information, "Model run {Kind} #{RunId} handed back to the queue: this process is stopping")]
    private static partial void LogRequeued(ILogger logger, string kind, long runId);

    [LoggerMessage(LogLevel.Information, "Model run {Kind} #{RunId} finished in {Seconds:F2} s")]
    private static partial void LogFinished(ILogger logger, string kind, long runId, double seconds);

    [LoggerMessage(LogLevel.Warning, "Model run {Kind} #{RunId} failed: {Reason}")]
    private static partial void LogUserFailure(ILogger logger, string kind, long runId, string reason);

    [LoggerMessage(LogLevel.Error, "Model run {Kind} #{RunId} crashed")]
    private static partial void LogCrash(ILogger logger, Exception exception, string kind, long runId);

    [LoggerMessage(LogLevel.Warning, "Recorded {Count} model run(s) as interrupted: their process stopped writing heartbeats")]
    private static partial void LogInterrupted(ILogger logger, int count);
}
