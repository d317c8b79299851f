using Dashboard.Data;
using Dashboard.Features.Segments;
using Dashboard.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Features.Lifetime;

/// <summary>
/// Gives the segmentation (VAP, predicted-value tiers) the latest lifetime run's per-customer P(alive) and CLV.
/// The scores were computed on all history up to the run's data end, which is therefore the as-of day.
/// </summary>
internal sealed class LifetimeSnapshotSource : ILifetimeSnapshotSource
{
    public async Task<LifetimeSnapshotInfo?> LatestAsync(DashboardDbContext db, CancellationToken ct)
    {
        var run = await db.ModelRuns.AsNoTracking()
            .Where(r => r.Kind == LifetimeJob.KindName && r.Status == JobQueue.Succeeded && r.ResultJson != null)
            .Where(r => db.CustomerLifetimes.Any(c => c.ModelRunId == r.Id))
            .OrderByDescending(r => r.Id)
            .Select(r => new { r.Id, r.ResultJson })
            .FirstOrDefaultAsync(ct);
        return run is null ? null : new LifetimeSnapshotInfo(run.Id, LifetimeRunSummary.Parse(run.ResultJson!).DataTo);
    }

    public IQueryable<LifetimeEstimate> Estimates(DashboardDbContext db, long runId) =>
        db.CustomerLifetimes.AsNoTracking().Where(c => c.ModelRunId == runId)
            .Select(c => new LifetimeEstimate { CustomerId = c.CustomerId, PAlive = c.PAlive, PredictedClv = c.Clv });
}

/// <summary>When a lifetime run this process executed succeeds, the segments are refreshed so VAP and predicted tiers use it.</summary>
internal sealed partial class SegmentsAfterLifetime(JobQueue queue, ILogger<SegmentsAfterLifetime> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        queue.FinishedHere += OnChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        queue.FinishedHere -= OnChanged;
        return Task.CompletedTask;
    }

    private void OnChanged(JobStatus status)
    {
        if (status.Kind != LifetimeJob.KindName || status.Status != JobQueue.Succeeded || queue.Active(SegmentsJob.JobKind) is not null)
        {
            return;
        }
        _ = EnqueueAsync(status.RunId);
    }

    private async Task EnqueueAsync(long lifetimeRunId)
    {
        var runId = await queue.EnqueueAsync(SegmentsJob.JobKind);
        LogQueued(logger, runId, lifetimeRunId);
    }

    [LoggerMessage(LogLevel.Information, "Lifetime run #{LifetimeRunId} succeeded: queued segments run #{RunId} for VAP")]
    private static partial void LogQueued(ILogger logger, long runId, long lifetimeRunId);
}
