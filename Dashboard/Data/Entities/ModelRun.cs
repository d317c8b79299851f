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
    /// <summary>How far the run is (0–1), written by the process running it so every app instance can show it.</summary>
    public double Progress { get; set; }
    /// <summary>What the run is doing now ("Fitting BG/NBD").</summary>
    public string? Stage { get; set; }
    /// <summary>The process that claimed the run (host and process id).</summary>
    public string? Worker { get; set; }
    /// <summary>Last time the claiming process proved it is alive; a stale heartbeat marks the run interrupted.</summary>
    public DateTime? HeartbeatUtc { get; set; }
}
