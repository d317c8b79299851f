using System.Collections.Concurrent;
using System.Threading.Channels;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Jobs;

/// <summary>
/// Queues model runs (one at a time, in order) and publishes their live progress. The run itself is recorded in
/// the store as a <see cref="ModelRun"/>; this class only holds what is in flight.
/// </summary>
public sealed class JobQueue(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider clock)
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    private readonly Channel<long> _channel = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<long, JobStatus> _live = new();

    /// <summary>Raised (on a worker thread) whenever a run's status or progress changes.</summary>
    public event Action<JobStatus>? Changed;

    internal ChannelReader<long> Reader => _channel.Reader;

    /// <summary>Records a queued run and hands it to the worker. Returns the run id.</summary>
    public async Task<long> EnqueueAsync(string kind, string? parametersJson = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = new ModelRun { Kind = kind, Status = Queued, RequestedUtc = clock.GetUtcNow().UtcDateTime, ParametersJson = parametersJson };
        db.ModelRuns.Add(run);
        await db.SaveChangesAsync(ct);
        Publish(new JobStatus(run.Id, kind, Queued, 0, "Queued", null));
        await _channel.Writer.WriteAsync(run.Id, ct);
        return run.Id;
    }

    /// <summary>The newest in-flight run of a kind, if any.</summary>
    public JobStatus? Active(string kind) =>
        _live.Values.Where(s => s.Kind == kind && s.IsActive).MaxBy(s => s.RunId);

    /// <summary>The last known live status of a run (in flight or just finished in this process).</summary>
    public JobStatus? Status(long runId) => _live.GetValueOrDefault(runId);

    internal void Publish(JobStatus status)
    {
        _live[status.RunId] = status;
        Changed?.Invoke(status);
    }
}
