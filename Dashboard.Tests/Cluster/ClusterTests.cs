using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Cluster;

/// <summary>
/// The dashboard past one machine (scripts/cluster.sh): a run queued on one instance is executed by the worker process
/// and seen on both instances; a browser pinned by nginx keeps working when the other instance dies.
/// </summary>
[Trait("Category", "Cluster")]
public sealed partial class ClusterTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task Cluster_RunQueuedOnOneInstance_IsDoneByTheWorkerAndSeenOnBoth_ThenAPinnedSessionSurvivesTheOtherInstance()
    {
        // A run queued from app1, watched from app2.
        await using var watcher = await cluster.Browser.NewContextAsync(new() { BaseURL = cluster.Instances["app2"].ToString() });
        var onApp2 = await watcher.NewPageAsync();
        await cluster.SignInAsAdminAsync(onApp2);
        await onApp2.GotoAsync("/budget");
        await Expect(onApp2.GetByTestId("model-run-budget-curves")).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await Expect(onApp2.GetByTestId("model-run-start")).ToBeEnabledAsync(new() { Timeout = 120_000 });
        await using var starter = await cluster.Browser.NewContextAsync(new() { BaseURL = cluster.Instances["app1"].ToString() });
        var onApp1 = await starter.NewPageAsync();
        await cluster.SignInAsAdminAsync(onApp1);
        await onApp1.GotoAsync("/budget");
        await Expect(onApp1.GetByTestId("model-run-start")).ToBeEnabledAsync(new() { Timeout = 120_000 });
        await Expect(onApp1.GetByTestId("model-run-status")).ToContainTextAsync(RunNumber());
        var before = int.Parse(RunNumber().Match(await onApp1.GetByTestId("model-run-status").InnerTextAsync()).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        await onApp1.GetByTestId("model-run-start").ClickAsync();

        await Expect(onApp1.GetByTestId("model-run-status")).Not.ToContainTextAsync($"#{before},", new() { Timeout = 120_000 });
        await Expect(onApp1.GetByTestId("model-run-status")).ToContainTextAsync("succeeded", new() { Timeout = 120_000 });
        var runId = RunNumber().Match(await onApp1.GetByTestId("model-run-status").InnerTextAsync()).Groups[1].Value;
        Assert.True(int.Parse(runId, System.Globalization.CultureInfo.InvariantCulture) > before);
        await Expect(onApp2.GetByTestId("model-run-status")).ToContainTextAsync($"#{runId}, succeeded", new() { Timeout = 30_000 });
        Assert.Contains($"budget-curves #{runId} finished", cluster.WorkerLog(), StringComparison.Ordinal);

        // A browser through nginx is pinned to one instance; the other one dies; the session goes on, reloads included.
        await using var user = await cluster.Browser.NewContextAsync(new() { BaseURL = cluster.Nginx.ToString() });
        var page = await user.NewPageAsync();
        await cluster.SignInAsAdminAsync(page);
        var first = await page.GotoAsync("/");
        var pinned = await first!.HeaderValueAsync("X-Dashboard-Instance");
        Assert.NotNull(pinned);
        await Expect(page.GetByTestId("kpi-revenue")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        cluster.Kill(pinned == "app1" ? "app2" : "app1");

        await page.GetByRole(AriaRole.Link, new() { Name = "Segments" }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/segments"));
        await Expect(page.GetByTestId("model-run-segments")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var reload = await page.ReloadAsync();
        Assert.Equal(pinned, await reload!.HeaderValueAsync("X-Dashboard-Instance"));
        await Expect(page.GetByTestId("model-run-segments")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        Assert.Equal(0, await page.Locator("#components-reconnect-modal[open], .components-reconnect-show").CountAsync());
    }

    [GeneratedRegex(@"#(\d+),")]
    private static partial Regex RunNumber();
}
