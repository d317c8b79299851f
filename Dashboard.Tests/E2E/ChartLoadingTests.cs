using Dashboard.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.E2E;

/// <summary>
/// Charts replaced before plotly.js has loaded (a slow network or a busy browser: the user acts on a page whose script is
/// still arriving) must still be drawn. Plotly.Blazor queues first draws until its script loads and replays the queue
/// without checking that each chart is still on the page; a replaced chart's draw threw and lost every draw after it.
/// </summary>
[Trait("Category", "E2E")]
[Collection(BrowserCollection.Name)]
public class ChartLoadingTests(BrowserFixture fx)
{
    [Fact]
    public async Task Budget_ChartsReplacedWhilePlotlyLoads_AreAllDrawn()
    {
        var (context, page, problems) = await fx.OpenAsync();
        await using var _ = context;
        var scriptHeld = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        await page.RouteAsync("**/plotly-*.min.js", async route =>
        {
            scriptHeld.TrySetResult();
            await release.Task;
            await route.ContinueAsync();
        });

        await page.GotoAsync("/budget");
        await Expect(page.GetByTestId("budget-toolbar")).ToHaveAttributeAsync("data-interactive", "1", new() { Timeout = 120_000 });
        await scriptHeld.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var upliftBefore = await page.GetByTestId("budget-uplift").InnerTextAsync();
        await page.GetByTestId("budget-optimize").ClickAsync();
        await Expect(page.GetByTestId("budget-uplift")).Not.ToHaveTextAsync(upliftBefore);
        Assert.False(await page.EvaluateAsync<bool>("() => typeof window.Plotly !== 'undefined'"));
        release.SetResult();

        // Two series of eight channels; the response curves' small multiples draw one subplot per channel.
        await Expect(page.Locator("#budget-differences g.point")).ToHaveCountAsync(16);
        await Expect(page.Locator("#budget-curves .main-svg").First).ToBeVisibleAsync();
        Assert.Empty(problems);
    }
}
