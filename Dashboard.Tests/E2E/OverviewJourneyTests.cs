using System.Text.RegularExpressions;
using Dashboard.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.E2E;

[Trait("Category", "E2E")]
[Collection(BrowserCollection.Name)]
public partial class OverviewJourneyTests(BrowserFixture fx)
{
    [Fact]
    public async Task Overview_ChangeDateRange_UpdatesChartsAndUrl()
    {
        var (context, page, problems) = await fx.OpenAsync();
        await using var _ = context;
        await page.GotoAsync("/");
        await Expect(page.GetByTestId("date-range")).ToHaveAttributeAsync("data-interactive", "1");
        await Expect(page.Locator("#revenue-by-month g.point").First).ToBeVisibleAsync();
        var barsBefore = await page.Locator("#revenue-by-month g.point").CountAsync();
        var revenueBefore = await page.GetByTestId("kpi-revenue").InnerTextAsync();
        var rangeBefore = await page.GetByTestId("overview-range").InnerTextAsync();

        await page.GetByTestId("quick-ranges").Locator("button").ClickAsync();
        await page.GetByRole(Microsoft.Playwright.AriaRole.Menuitem, new() { Name = "Last 90 days" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(RangeInUrl());
        await Expect(page.GetByTestId("overview-range")).Not.ToHaveTextAsync(rangeBefore);
        await Expect(page.GetByTestId("kpi-revenue")).Not.ToHaveTextAsync(revenueBefore);
        // The new chart drawn: fewer monthly bars (a count taken while the old chart is replaced can read none).
        try
        {
            await page.WaitForFunctionAsync(
                "before => { const n = document.querySelectorAll('#revenue-by-month g.point').length; return n > 0 && n < before; }", barsBefore);
        }
        catch (TimeoutException)
        {
            var barsAfter = await page.Locator("#revenue-by-month g.point").CountAsync();
            Assert.Fail($"90 days should draw fewer monthly bars than twelve months ({barsAfter} vs {barsBefore}; range shown: "
                + $"{await page.GetByTestId("overview-range").InnerTextAsync()}, URL {page.Url})");
        }
        var url = page.Url;

        await page.ReloadAsync();

        await Expect(page.GetByTestId("kpi-revenue")).Not.ToHaveTextAsync(revenueBefore);
        Assert.Equal(url, page.Url);
        await page.WaitForTimeoutAsync(500);
        await BrowserFixture.ScreenshotAsync(page, "overview");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Overview_TypedRangeInTheUrl_ShowsThatRange()
    {
        var (context, page, problems) = await fx.OpenAsync();
        await using var _ = context;

        await page.GotoAsync("/?from=2026-05-01&to=2026-07-31");

        await Expect(page.GetByTestId("overview-range")).ToContainTextAsync("2026-05-01");
        await Expect(page.Locator("#revenue-by-month g.trace").First).ToBeVisibleAsync();
        var traces = await page.Locator("#revenue-by-month g.trace").CountAsync();
        await Expect(page.Locator("#revenue-by-month g.point")).ToHaveCountAsync(3 * traces);
        Assert.Empty(problems);
    }

    [GeneratedRegex(@"\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$")]
    private static partial Regex RangeInUrl();
}
