using Microsoft.Extensions.Options;

namespace Dashboard.Jobs;

/// <summary>
/// Reads the runs in flight from the store on a short interval, so pages see runs queued by other app instances and
/// executed by other workers. The first read happens before later hosted services start, so start-up checks such as
/// "is a segments run already queued?" see the store, not an empty memory.
/// </summary>
internal sealed partial class RunStatusPoller(JobQueue queue, IOptions<JobsOptions> options, ILogger<RunStatusPoller> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await queue.RefreshAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await queue.RefreshAsync(stoppingToken);
            }
            catch (System.Data.Common.DbException ex)
            {
                LogMissed(logger, ex);
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Could not read the model runs in flight; retrying at the next poll")]
    private static partial void LogMissed(ILogger logger, Exception exception);
}
