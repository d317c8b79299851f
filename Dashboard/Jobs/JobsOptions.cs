using System.ComponentModel.DataAnnotations;

namespace Dashboard.Jobs;

/// <summary>
/// Where model runs execute. One machine: in the app process (the default). Several app instances: set
/// <see cref="RunInProcess"/> to false on them and start `Dashboard worker` processes, which claim queued runs from the store.
/// </summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Execute queued runs in this process. False for app instances that leave runs to worker processes.</summary>
    public bool RunInProcess { get; set; } = true;

    /// <summary>How often the store is read for runs queued or progressing in other processes.</summary>
    [Range(50, 60_000)]
    public int PollMilliseconds { get; set; } = 1_000;

    /// <summary>A running run whose process has not written a heartbeat for this long is recorded as interrupted.</summary>
    [Range(10, 86_400)]
    public int StaleAfterSeconds { get; set; } = 120;

    internal TimeSpan PollInterval => TimeSpan.FromMilliseconds(PollMilliseconds);

    internal TimeSpan StaleAfter => TimeSpan.FromSeconds(StaleAfterSeconds);

    /// <summary>How often a running run's process proves it is alive: well inside <see cref="StaleAfter"/>.</summary>
    internal TimeSpan HeartbeatInterval => TimeSpan.FromSeconds(Math.Max(1, StaleAfterSeconds / 6.0));
}
