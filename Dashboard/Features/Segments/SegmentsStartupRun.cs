using Dashboard.Data;
using Dashboard.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Features.Segments;

/// <summary>
/// At start-up (after migrations and seeding, before the first request is served), queues a "segments" run when
/// the store has orders but no segment snapshot and no run of that kind is queued, so a fresh demo brand opens on
/// a populated Segments page. Only the queueing happens here; the run itself is the job worker's.
/// </summary>
public sealed partial class SegmentsStartupRun(
    IDbContextFactory<DashboardDbContext> dbFactory, JobQueue queue, ILogger<SegmentsStartupRun> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.SegmentPeriods.AnyAsync(cancellationToken) || !await db.Orders.AnyAsync(cancellationToken)
            || queue.Active(SegmentsJob.JobKind) is not null)
        {
            return;
        }
        var runId = await queue.EnqueueAsync(SegmentsJob.JobKind, null, cancellationToken);
        LogQueued(logger, runId);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "No segment snapshot yet: queued segments run #{RunId}")]
    private static partial void LogQueued(ILogger logger, long runId);
}
