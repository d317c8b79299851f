namespace Dashboard.Jobs;

/// <summary>
/// A model run that executes in the background (never on a page's request path). Register implementations with
/// <c>services.AddModelJob&lt;T&gt;()</c>; <see cref="JobQueue"/> starts them by <see cref="Kind"/>.
/// </summary>
public interface IModelJob
{
    /// <summary>Stable name, e.g. "lifetime".</summary>
    string Kind { get; }

    /// <summary>Runs the job; returns a JSON summary stored on the run. Throw <see cref="ModelJobException"/> for a failure a user can act on.</summary>
    Task<string?> RunAsync(ModelJobContext context, CancellationToken ct);
}

/// <summary>The run being executed: its id (for snapshots), its parameters, and where to report progress.</summary>
public sealed record ModelJobContext(long RunId, string? ParametersJson, IProgress<JobProgress> Progress);

/// <summary>How far a run is (0–1) and what it is doing.</summary>
public sealed record JobProgress(double Fraction, string Stage);

/// <summary>A failure with a message meant for the user (bad data, a model that cannot be identified...).</summary>
public sealed class ModelJobException(string message) : Exception(message);

/// <summary>The live state of a run, pushed to pages while it runs.</summary>
public sealed record JobStatus(long RunId, string Kind, string Status, double Fraction, string Stage, string? Error)
{
    public bool IsActive => Status is JobQueue.Queued or JobQueue.Running;
}
