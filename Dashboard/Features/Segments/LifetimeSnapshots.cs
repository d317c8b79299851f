using Dashboard.Data;

namespace Dashboard.Features.Segments;

/// <summary>
/// The lifetime model's per-customer outputs (BG/NBD P(alive) and predicted CLV), as segmentation reads them.
/// The lifetime feature registers the real implementation over its snapshot table; until it does, the default
/// answers "no lifetime run", and segmentation stays descriptive (no VAP, tiers by historical value) rather than
/// inventing predictions.
/// </summary>
public interface ILifetimeSnapshotSource
{
    /// <summary>The latest successful lifetime run that stored per-customer estimates, or null.</summary>
    Task<LifetimeSnapshotInfo?> LatestAsync(DashboardDbContext db, CancellationToken ct);

    /// <summary>The run's per-customer estimates, composable in SQL (no rows are loaded here).</summary>
    IQueryable<LifetimeEstimate> Estimates(DashboardDbContext db, long runId);
}

/// <param name="RunId">The lifetime model run (ModelRun id).</param>
/// <param name="AsOf">The last day of history the model saw; VAP is attached to the latest segment period on or before it.</param>
public sealed record LifetimeSnapshotInfo(long RunId, DateOnly AsOf);

/// <summary>One customer's lifetime estimates (a projection class, so EF can compose queries over it).</summary>
public sealed class LifetimeEstimate
{
    public long CustomerId { get; init; }
    /// <summary>Probability the customer is still alive (0..1).</summary>
    public double PAlive { get; init; }
    /// <summary>Predicted customer lifetime value (currency units, ≥ 0).</summary>
    public double PredictedClv { get; init; }
}

/// <summary>The default until the lifetime model's store wiring is registered: no lifetime run exists.</summary>
internal sealed class NoLifetimeSnapshots : ILifetimeSnapshotSource
{
    public Task<LifetimeSnapshotInfo?> LatestAsync(DashboardDbContext db, CancellationToken ct) => Task.FromResult<LifetimeSnapshotInfo?>(null);

    public IQueryable<LifetimeEstimate> Estimates(DashboardDbContext db, long runId) =>
        throw new InvalidOperationException("No lifetime snapshot source is registered; LatestAsync returned null.");
}
