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
        Progress(recorder, app, "ramped up; importing, then a lifetime run and its segments run");
        var steadyEnd = recorder.Now + settings.SteadySeconds;
        var background = await LoadBackground.RunAsync(app, recorder);
        Progress(recorder, app, "import and model run done: " + string.Join("; ", background.Select(b => $"{b.What} {b.EndedAt - b.StartedAt:F1} s {b.Outcome}")));
        var left = steadyEnd - recorder.Now;
        if (left > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(left));
        }

        Progress(recorder, app, "stopping the users");
        await stop.CancelAsync();
        await Task.WhenAll(running);
        return new LoadRun(startedAt, recorder.Now, background);
    }

    // On the test host's standard output (shown with --logger "console;verbosity=detailed"), so a long run shows where it is.
    private static void Progress(LoadRecorder recorder, LoadAppFactory app, string what) => Console.WriteLine(string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"load test at {recorder.Now:F0} s: {what} ({recorder.Loads.Count} pages, {recorder.Moves.Count} slider moves, {app.Circuits.Open} circuits, {recorder.Problems.Count} problems)"));

    // A user whose first page never came has finished (with a problem recorded); don't wait for it.
    private static async Task WaitForFirstPagesAsync(int count, LoadRecorder recorder, IReadOnlyList<Task> running)
    {
        for (var i = 0; i < 600 && recorder.Loads.Select(l => l.User).Distinct().Count() + running.Count(t => t.IsCompleted) < count; i++)
        {
            await Task.Delay(500);
        }
    }
}
