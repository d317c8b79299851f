using System.Collections.Concurrent;
using System.Threading.Channels;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Jobs;

/// <summary>
/// Queues model runs and publishes their live progress. The queue is the store: a run is a <see cref="ModelRun"/> row
/// that a worker (this process, or a `Dashboard worker` process) claims when it is free, so a run queued on one app
/// instance is done once, by whichever worker claims it, and every instance sees its progress.
/// </summary>
public sealed class JobQueue(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider clock)
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    // Wakes this process's worker as soon as a run is queued here (other processes find it by polling).
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true,
    });
    private readonly ConcurrentDictionary<long, JobStatus> _live = new();

    /// <summary>Raised (on a worker or poller thread) whenever a run's status or progress changes, wherever it runs.</summary>
    public event Action<JobStatus>? Changed;

    /// <summary>Raised when this process queued a run or moved one it executes: what other processes need to hear about.</summary>
    public event Action<JobStatus>? ChangedHere;

    /// <summary>Raised when a run executed by this process finishes: follow-up work hangs here so it happens once.</summary>
    public event Action<JobStatus>? FinishedHere;

    internal ChannelReader<bool> Wake => _wake.Reader;

    /// <summary>Records a queued run and wakes the worker. Returns the run id.</summary>
    public async Task<long> EnqueueAsync(string kind, string? parametersJson = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = new ModelRun { Kind = kind, Status = Queued, RequestedUtc = clock.GetUtcNow().UtcDateTime, ParametersJson = parametersJson };
        db.ModelRuns.Add(run);
        await db.SaveChangesAsync(ct);
        PublishHere(new JobStatus(run.Id, kind, Queued, 0, "Queued", null));
        _wake.Writer.TryWrite(true);
        return run.Id;
    }

    /// <summary>The newest in-flight run of a kind, if any.</summary>
    public JobStatus? Active(string kind) =>
        _live.Values.Where(s => s.Kind == kind && s.IsActive).MaxBy(s => s.RunId);

    /// <summary>The last known live status of a run (in flight or just finished).</summary>
    public JobStatus? Status(long runId) => _live.GetValueOrDefault(runId);

    /// <summary>
    /// Reads from the store the runs in flight and those this process last saw in flight, and publishes what changed:
    /// how runs executed by other processes reach this one's pages.
    /// </summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        var watched = _live.Values.Where(s => s.IsActive).Select(s => s.RunId).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.ModelRuns.AsNoTracking()
            .Where(r => r.Status == Queued || r.Status == Running || watched.Contains(r.Id))
            .Select(r => new { r.Id, r.Kind, r.Status, r.Progress, r.Stage, r.Error })
            .ToListAsync(ct);
        foreach (var r in rows)
        {
            var stage = r.Stage ?? (r.Status == Queued ? "Queued" : r.Status);
            var fraction = r.Status == Succeeded ? 1 : r.Progress;
            var status = new JobStatus(r.Id, r.Kind, r.Status, fraction, stage, r.Error);
            if (_live.TryGetValue(r.Id, out var known) && (known == status || IsBehind(status, known)))
            {
                continue;
            }
            Publish(status);
        }
    }

    private void Publish(JobStatus status)
    {
        _live[status.RunId] = status;
        Changed?.Invoke(status);
    }

    internal void PublishHere(JobStatus status)
    {
        Publish(status);
        ChangedHere?.Invoke(status);
    }

    internal void PublishFinishedHere(JobStatus status)
    {
        PublishHere(status);
        FinishedHere?.Invoke(status);
    }

    // The store lags this process's own events by up to a progress write; never step a run back.
    private static bool IsBehind(JobStatus stored, JobStatus known) =>
        Rank(stored.Status) < Rank(known.Status) || (stored.Status == known.Status && stored.Fraction < known.Fraction);

    private static int Rank(string status) => status switch { Queued => 0, Running => 1, _ => 2 };
}
