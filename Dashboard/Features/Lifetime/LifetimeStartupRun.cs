using Dashboard.Data;
using Dashboard.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Features.Lifetime;

/// <summary>
/// Once the app has started (so the job worker is listening and has settled interrupted runs), queues a "lifetime"
/// run when the store has orders but no usable snapshot: no successful run, or one whose rows are gone (the demo
/// brand was re-seeded). The seeded demo thus opens on a filled page; nothing is fitted on a request path.
/// </summary>
public sealed partial class LifetimeStartupRun(
    IHostApplicationLifetime lifetime,
    IDbContextFactory<DashboardDbContext> dbFactory,
    JobQueue queue,
    ILogger<LifetimeStartupRun> logger) : BackgroundService
{
    /// <summary>The first run validates on the last 26 weeks, so the holdout charts have something to show.</summary>
    public static readonly LifetimeRunParameters Defaults = new(HoldoutWeeks: 26);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
        try
        {
            if (await NeedsRunAsync(stoppingToken) && queue.Active(LifetimeJob.KindName) is null)
            {
                var id = await queue.EnqueueAsync(LifetimeJob.KindName, Defaults.ToJson(), stoppingToken);
                LogQueued(logger, id);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex);
        }
    }

    private async Task<bool> NeedsRunAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Orders.AnyAsync(ct))
        {
            return false;
        }
        var latest = await db.ModelRuns.AsNoTracking()
            .Where(r => r.Kind == LifetimeJob.KindName && r.Status == JobQueue.Succeeded)
            .OrderByDescending(r => r.Id).Select(r => (long?)r.Id).FirstOrDefaultAsync(ct);
        return latest is not { } id || !await db.CustomerLifetimes.AnyAsync(c => c.ModelRunId == id, ct);
    }

    [LoggerMessage(LogLevel.Information, "No lifetime snapshot yet: queued lifetime run #{RunId}")]
    private static partial void LogQueued(ILogger logger, long runId);

    [LoggerMessage(LogLevel.Warning, "Could not queue the first lifetime run")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
