namespace Dashboard.Jobs;

/// <summary>
/// A running run's progress: published at once to this process's pages (throttled to whole percents so they are not
/// flooded) and kept for <see cref="RunHeartbeat"/> to write to the store for the other processes.
/// </summary>
internal sealed class RunProgress(JobQueue queue, long runId, string kind) : IProgress<JobProgress>
{
    private readonly Lock _gate = new();
    private int _lastPercent = -1;
    private string _lastStage = "";

    public double Last { get; private set; }

    /// <summary>The latest (fraction, stage), for the store.</summary>
    public (double Fraction, string Stage) Current
    {
        get
        {
            lock (_gate)
            {
                return (Last, _lastStage);
            }
        }
    }

    public void Report(JobProgress value)
    {
        var percent = (int)Math.Round(Math.Clamp(value.Fraction, 0, 1) * 100);
        lock (_gate)
        {
            if (percent == _lastPercent && value.Stage == _lastStage)
            {
                return;
            }
            (_lastPercent, _lastStage, Last) = (percent, value.Stage, percent / 100.0);
        }
        queue.PublishHere(new JobStatus(runId, kind, JobQueue.Running, percent / 100.0, value.Stage, null));
    }
}
