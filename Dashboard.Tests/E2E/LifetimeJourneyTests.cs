using System.Text.RegularExpressions;
using Dashboard.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.E2E;

[Trait("Category", "E2E")]
[Collection(BrowserCollection.Name)]
public partial class LifetimeJourneyTests(BrowserFixture fx)
{
    // The first lifetime run is queued at start-up and runs in the background; the page fills in when it ends.
    private static readonly LocatorAssertionsToBeVisibleOptions RunFinished = new() { Timeout = 90_000 };

    [Fact]
    public async Task Lifetime_SeededDemo_ShowsHoldoutChartsAndTheClvDistribution()
    {
        var (context, page, problems) = await fx.OpenAsync();
        await using var _ = context;

        await page.GotoAsync("/lifetime");

        await Expect(page.Locator("#holdout-by-frequency g.point").First).ToBeVisibleAsync(RunFinished);
        await Expect(page.Locator("#holdout-cumulative .scatterlayer .trace")).ToHaveCountAsync(4);
        await Expect(page.Locator("#clv-distribution g.point").First).ToBeVisibleAsync();
        await Expect(page.Locator("#expected-active .scatterlayer .trace")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("holdout-verdict")).ToContainTextAsync("naive baseline");
        await Expect(page.GetByTestId("fit-parameters")).ToContainTextAsync("r, α");
        var firstCustomer = page.GetByTestId("top-customers").Locator("tbody tr a").First;
        await Expect(firstCustomer).ToHaveAttributeAsync("href", CustomerLink());
        await page.WaitForTimeoutAsync(800);
        await BrowserFixture.ScreenshotAsync(page, "lifetime");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Lifetime_ChangeHorizon_WritesTheUrlAndRecomputes()
    {
        var (context, page, problems) = await fx.OpenAsync();
        await using var _ = context;
        await page.GotoAsync("/lifetime?margin=40");
        await Expect(page.Locator("#clv-distribution g.point").First).ToBeVisibleAsync(RunFinished);
        var clvBefore = await page.GetByTestId("kpi-clv").InnerTextAsync();

        await page.GetByTestId("horizon").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "24 months" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/lifetime\?horizon=24&margin=40$"));
        await Expect(page.GetByTestId("kpi-purchases")).ToContainTextAsync("Next 24 months");
        await Expect(page.GetByTestId("kpi-clv")).Not.ToHaveTextAsync(clvBefore);
        Assert.Empty(problems);
    }

    [GeneratedRegex(@"^/customers/\d+$")]
    private static partial Regex CustomerLink();
}
