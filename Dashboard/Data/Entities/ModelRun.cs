namespace Dashboard.Data.Entities;

/// <summary>
/// One background model run (lifetime fit, segmentation, curve fitting...): when it ran, on what, with which
/// parameters, how it ended. Snapshots a run writes carry its id, so pages read the latest successful run.
/// </summary>
public sealed class ModelRun
{
    public long Id { get; set; }
    /// <summary>Which job ran, e.g. "lifetime".</summary>
    public required string Kind { get; set; }
    public DateTime RequestedUtc { get; set; }
    public DateTime? StartedUtc { get; set; }
    public DateTime? FinishedUtc { get; set; }
    /// <summary>queued, running, succeeded, failed.</summary>
    public required string Status { get; set; }
    /// <summary>Settings the run used, as JSON.</summary>
    public string? ParametersJson { get; set; }
    /// <summary>A summary of the outcome (fitted parameters, counts), as JSON.</summary>
    public string? ResultJson { get; set; }
    /// <summary>A message for the user when the run failed.</summary>
    public string? Error { get; set; }
}
