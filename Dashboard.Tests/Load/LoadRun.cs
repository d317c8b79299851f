namespace Dashboard.Tests.Load;

/// <summary>
/// The load itself: users start evenly over the ramp-up; once all have their first page, the heap is measured, and the
/// import and the model run start; everyone keeps going for the steady period and until that work is done.
/// </summary>
public sealed record LoadRun(double StartedAt, double StoppedAt, IReadOnlyList<BackgroundWindow> Background)
{
    public const string RampedUp = "after the ramp-up";

    public static async Task<LoadRun> RunAsync(LoadAppFactory app, IReadOnlyList<LoadUser> users, LoadSettings settings, LoadRecorder recorder,
        List<MemoryPoint> checkpoints)
    {
        using var stop = new CancellationTokenSource();
        var startedAt = recorder.Now;
        var ramp = TimeSpan.FromSeconds(settings.RampSeconds);
        var running = users.Select((u, i) => u.RunAsync(ramp * i / users.Count, stop.Token)).ToList();

        await Task.Delay(ramp);
        await WaitForFirstPagesAsync(users.Count, recorder, running);
        checkpoints.Add(MemoryPoint.Measure(RampedUp, recorder.Now, app.Circuits.Open, collect: true));
        var steadyEnd = recorder.Now + settings.SteadySeconds;
        var background = await LoadBackground.RunAsync(app, recorder);
        var left = steadyEnd - recorder.Now;
        if (left > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(left));
        }

        await stop.CancelAsync();
        await Task.WhenAll(running);
        return new LoadRun(startedAt, recorder.Now, background);
    }

    // A user whose first page never came has finished (with a problem recorded); don't wait for it.
    private static async Task WaitForFirstPagesAsync(int count, LoadRecorder recorder, IReadOnlyList<Task> running)
    {
        for (var i = 0; i < 600 && recorder.Loads.Select(l => l.User).Distinct().Count() + running.Count(t => t.IsCompleted) < count; i++)
        {
            await Task.Delay(500);
        }
    }
}
