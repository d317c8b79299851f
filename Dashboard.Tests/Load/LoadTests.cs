using Dashboard.Tests.Cluster;
using Dashboard.Tests.TestSupport;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Dashboard.Tests.Load;

/// <summary>
/// Issue 10: many users at once. Real circuits: Debian's Chromium with one tab per user (DASHBOARD_LOAD_USERS, 200 by
/// default) browses the dashboard and moves budget sliders at a human pace against the app on a loopback Kestrel port,
/// while a customers and an orders import and a lifetime model run (and the segments run it queues) go on. Nothing here asserts a speed: the figures are
/// printed and written to TestResults/load.json (docs/performance.md, "Many users at once").
/// </summary>
[Trait("Category", "Load")]
[Collection(LoadCollection.Name)]
public sealed class LoadTests(ITestOutputHelper output)
{
    // The heap after the load may exceed the heap after the ramp-up by what steady state legitimately adds (the imported
    // rows' caches, new snapshots, pooled buffers), bounded here; a leak per action (200 users × hundreds of actions)
    // would exceed it many times over.
    private const double HeapGrowthFactor = 1.5;
    private const double HeapGrowthAllowanceMegabytes = 64;

    [Fact]
    public async Task ManyUsers_BrowseAndMoveSlidersDuringAnImportAndAModelRun_NoErrorsAndSteadyMemory()
    {
        var settings = LoadSettings.FromEnvironment();
        await using var app = new LoadAppFactory();
        app.UseKestrel(0);
        app.StartServer();
        await TestUsers.EnsureAsync(app.Services);
        await LoadBackground.WaitForIdleQueueAsync(app.Services);
        await using var browser = await LoadBrowser.LaunchAsync();
        var recorder = new LoadRecorder();
        var users = await browser.OpenUsersAsync(app.ClientOptions.BaseAddress, settings, recorder);
        var checkpoints = new List<MemoryPoint> { MemoryPoint.Measure("before the users", recorder.Now, app.Circuits.Open, collect: true) };
        using var sampler = new MemorySampler(recorder, app.Circuits);

        var run = await LoadRun.RunAsync(app, users, settings, recorder, checkpoints);
        checkpoints.Add(MemoryPoint.Measure("end of the load", recorder.Now, app.Circuits.Open, collect: true));
        var openAtEnd = app.Circuits.Open;
        recorder.Watching = false;
        await browser.CloseUsersAsync();
        var openAfterClose = await WaitForCircuitsToCloseAsync(app.Circuits);
        checkpoints.Add(MemoryPoint.Measure("after the tabs closed", recorder.Now, app.Circuits.Open, collect: true));

        var figures = Figures(settings, run, recorder, app, checkpoints, sampler.Points, openAtEnd, openAfterClose);
        Report(figures, app.Logs.Entries);
        AssertHealthy(figures, recorder, app.Logs.Entries, users);
    }

    /// <summary>Pages that finished rendering, and slider moves the server answered, between two moments.</summary>
    private static int Answered(LoadRecorder recorder, double from, double to) =>
        recorder.Loads.Count(l => l.EndedAt >= from && l.EndedAt <= to)
        + recorder.Moves.Count(m => m.Milliseconds >= 0 && m.StartedAt + m.Milliseconds / 1000 >= from && m.StartedAt + m.Milliseconds / 1000 <= to);

    private static async Task<int> WaitForCircuitsToCloseAsync(CircuitCounter circuits)
    {
        for (var i = 0; i < 120 && circuits.Open > 0; i++)
        {
            await Task.Delay(500);
        }
        return circuits.Open;
    }

    private static LoadFigures Figures(LoadSettings settings, LoadRun run, LoadRecorder recorder, LoadAppFactory app,
        IReadOnlyList<MemoryPoint> checkpoints, IReadOnlyList<MemoryPoint> overTime, int openAtEnd, int openAfterClose)
    {
        var loads = recorder.Loads;
        var moves = recorder.Moves;
        var logs = app.Logs.Entries;
        var duration = run.StoppedAt - run.StartedAt;
        return new LoadFigures(
            settings.Users, settings.Contexts, LoadSettings.RendererProcesses, settings.DrawCharts, settings.RampSeconds, $"{settings.ThinkSeconds.From}-{settings.ThinkSeconds.To}", Math.Round(duration, 1),
            recorder.Requests, loads.Count, moves.Count, Math.Round((loads.Count + moves.Count) / duration, 2),
            Percentiles.Of(loads.Where(l => l.Full).Select(l => l.Milliseconds)),
            Percentiles.Of(loads.Where(l => !l.Full).Select(l => l.Milliseconds)),
            Percentiles.Of(moves.Where(m => m.Milliseconds >= 0).Select(m => m.Milliseconds)),
            run.Background.Select(w => new WindowFigures(w.What, Math.Round(w.StartedAt, 1), Math.Round(w.EndedAt, 1), Math.Round(w.EndedAt - w.StartedAt, 1), w.Outcome,
                loads.Count(l => l.EndedAt >= w.StartedAt && l.EndedAt <= w.EndedAt),
                moves.Count(m => m.Milliseconds >= 0 && m.StartedAt + m.Milliseconds / 1000 >= w.StartedAt && m.StartedAt + m.Milliseconds / 1000 <= w.EndedAt))).ToList(),
            new CircuitFigures(app.Circuits.Opened, app.Circuits.Peak, openAtEnd, openAfterClose, app.Circuits.ConnectionsDown),
            checkpoints, overTime,
            logs.Count(l => l.Level == LogLevel.Warning), logs.Count(l => l.Level >= LogLevel.Error), recorder.Problems);
    }

    private void Report(LoadFigures figures, IReadOnlyList<CapturedLogs.LogEntry> logs)
    {
        output.WriteLine(figures.ToString());
        var folder = Path.Combine(ClusterFixture.RepositoryRoot, "TestResults");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "load.json"), figures.ToJson());
        File.WriteAllLines(Path.Combine(folder, "load-server.log"), logs.Select(l => $"{l.Utc:O} {l.Level} {l.Category}: {l.Message}\n{l.Exception}"));
    }

    private void AssertHealthy(LoadFigures figures, LoadRecorder recorder, IReadOnlyList<CapturedLogs.LogEntry> logs,
        IReadOnlyList<LoadUser> users)
    {
        foreach (var problem in recorder.Problems)
        {
            output.WriteLine(problem);
        }
        foreach (var entry in logs)
        {
            output.WriteLine($"server {entry.Level} {entry.Category}: {entry.Message}");
        }
        Assert.Empty(recorder.Problems);
        Assert.DoesNotContain(logs, l => l.Level >= LogLevel.Error);
        // Every user moved sliders, and every move changed the slider and the plan (the spend in the URL the server wrote).
        Assert.All(users, u => Assert.True(u.Moves > 0, $"user {u.Number} never moved a slider"));
        Assert.All(recorder.Moves, m => Assert.True(m.TookEffect, $"user {m.User}: {m.Channel} {m.Before} -> {m.After}, plan {m.PlanSpend}"));
        // Pages kept rendering, and sliders kept answering, while each import and the model run were in progress.
        Assert.All(figures.Background, w => Assert.StartsWith(w.What.StartsWith("import", StringComparison.Ordinal) ? "HTTP 200" : "succeeded", w.Outcome, StringComparison.Ordinal));
        // The two files are one import session (an orders file alone can take a fraction of a second).
        var imports = figures.Background.Where(w => w.What.StartsWith("import", StringComparison.Ordinal)).ToList();
        Assert.True(Answered(recorder, imports.Min(w => w.StartedAt), imports.Max(w => w.EndedAt)) > 0, "no page rendered and no slider answered during the imports");
        Assert.All(figures.Background.Except(imports), w => Assert.True(w.PagesRendered + w.SliderMoves > 0, $"no page rendered and no slider answered during {w.What}"));
        // Every circuit was released once its tab closed, and memory came back.
        Assert.True(figures.Circuits.Peak >= figures.Users, $"only {figures.Circuits.Peak} circuits were open at once");
        Assert.True(figures.Circuits.OpenAfterClose <= figures.MemoryCheckpoints[0].Circuits,
            $"{figures.Circuits.OpenAfterClose} circuits still open after the tabs closed ({figures.MemoryCheckpoints[0].Circuits} before the users came)");
        var rampedUp = figures.MemoryCheckpoints.Single(m => m.Label == LoadRun.RampedUp);
        var end = figures.MemoryCheckpoints.Single(m => m.Label == "end of the load");
        var closed = figures.MemoryCheckpoints.Single(m => m.Label == "after the tabs closed");
        Assert.True(end.HeapMegabytes <= rampedUp.HeapMegabytes * HeapGrowthFactor + HeapGrowthAllowanceMegabytes,
            $"heap grew from {rampedUp.HeapMegabytes} MB after the ramp-up to {end.HeapMegabytes} MB at the end of the load");
        Assert.True(closed.HeapMegabytes < end.HeapMegabytes, $"closing the tabs freed nothing: {end.HeapMegabytes} MB -> {closed.HeapMegabytes} MB");
    }
}

/// <summary>The load test runs alone: never beside the browser tests or anything else that would share the machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LoadCollection
{
    public const string Name = "Load";
}
