using System.Diagnostics;
using Dashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Jobs;

/// <summary>Executes queued model runs one after another and records how each ended.</summary>
public sealed partial class JobWorker(
    JobQueue queue,
    IEnumerable<IModelJob> jobs,
    IDbContextFactory<DashboardDbContext> dbFactory,
    TimeProvider clock,
    ILogger<JobWorker> logger) : BackgroundService
{
    private readonly Dictionary<string, IModelJob> _jobs = jobs.ToDictionary(j => j.Kind, StringComparer.Ordinal);

    /// <summary>Settles runs a previous process left unfinished before anything new can be queued.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await MarkInterruptedAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var runId in queue.Reader.ReadAllAsync(stoppingToken))
        {
            await RunAsync(runId, stoppingToken);
        }
    }

    /// <summary>Runs left "running" or "queued" by a previous process will never finish: say so.</summary>
    private async Task MarkInterruptedAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.ModelRuns.Where(r => r.Status == JobQueue.Running || r.Status == JobQueue.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, JobQueue.Failed)
                .SetProperty(r => r.Error, "Interrupted: the app stopped before the run finished.")
                .SetProperty(r => r.FinishedUtc, clock.GetUtcNow().UtcDateTime), ct);
    }

    private async Task RunAsync(long runId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.ModelRuns.SingleAsync(r => r.Id == runId, ct);
        if (!_jobs.TryGetValue(run.Kind, out var job))
        {
            run.Status = JobQueue.Failed;
            run.Error = $"No job is registered for kind '{run.Kind}'.";
            await db.SaveChangesAsync(ct);
            queue.Publish(new JobStatus(run.Id, run.Kind, run.Status, 0, "Failed", run.Error));
            return;
        }
        run.Status = JobQueue.Running;
        run.StartedUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        var progress = new Progress(queue, run.Id, run.Kind);
        progress.Report(new JobProgress(0, "Starting"));
        var watch = Stopwatch.StartNew();
        try
        {
            run.ResultJson = await job.RunAsync(new ModelJobContext(run.Id, run.ParametersJson, progress), ct);
            run.Status = JobQueue.Succeeded;
            LogFinished(logger, run.Kind, run.Id, watch.Elapsed.TotalSeconds);
        }
        catch (ModelJobException ex)
        {
            run.Status = JobQueue.Failed;
            run.Error = ex.Message;
            LogUserFailure(logger, run.Kind, run.Id, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            run.Status = JobQueue.Failed;
            run.Error = "The run failed unexpectedly; the details are in the server log (run " + run.Id + ").";
            LogCrash(logger, ex, run.Kind, run.Id);
        }
        run.FinishedUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(CancellationToken.None);
        queue.Publish(new JobStatus(run.Id, run.Kind, run.Status, run.Status == JobQueue.Succeeded ? 1 : progress.Last, run.Status, run.Error));
    }

    /// <summary>Forwards progress to the queue, throttled to whole percents so pages are not flooded.</summary>
    private sealed class Progress(JobQueue queue, long runId, string kind) : IProgress<JobProgress>
    {
        private int _lastPercent = -1;
        private string _lastStage = "";

        public double Last { get; private set; }

        public void Report(JobProgress value)
        {
            var percent = (int)Math.Round(Math.Clamp(value.Fraction, 0, 1) * 100);
            if (percent == _lastPercent && value.Stage == _lastStage)
            {
                return;
            }
            (_lastPercent, _lastStage, Last) = (percent, value.Stage, percent / 100.0);
            queue.Publish(new JobStatus(runId, kind, JobQueue.Running, Last, value.Stage, null));
        }
    }

    [LoggerMessage(LogLevel.Information, "Model run {Kind} #{RunId} finished in {Seconds:F2} s")]
    private static partial void LogFinished(ILogger logger, string kind, long runId, double seconds);

    [LoggerMessage(LogLevel.Warning, "Model run {Kind} #{RunId} failed: {Reason}")]
    private static partial void LogUserFailure(ILogger logger, string kind, long runId, string reason);

    [LoggerMessage(LogLevel.Error, "Model run {Kind} #{RunId} crashed")]
    private static partial void LogCrash(ILogger logger, Exception exception, string kind, long runId);
}
