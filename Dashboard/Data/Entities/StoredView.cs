namespace Dashboard.Data.Entities;

/// <summary>
/// A page view that aggregates the whole store, kept as computed (gzipped JSON) under the store state and build it was
/// computed for (<see cref="Shared.ViewCache"/>): an app instance that starts, or another instance of a cluster, reads
/// it instead of aggregating again. Rows of another state are never read and are removed by the next write.
/// </summary>
public sealed class StoredView
{
    /// <summary>SHA-256 (hex) of <see cref="View"/>.</summary>
    public required string Key { get; set; }
    /// <summary>The view's type, name and parameters, as the cache keys it.</summary>
    public required string View { get; set; }
    /// <summary>The store's state (<see cref="StoreStamp"/>) and the build that computed the view.</summary>
    public required string Stamp { get; set; }
    public required byte[] Payload { get; set; }
    public DateTime ComputedUtc { get; set; }
    /// <summary>How long the computation took, for the people deciding what to speed up.</summary>
    public double ComputeSeconds { get; set; }
}
