using Dashboard.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.E2E;

[Trait("Category", "E2E")]
[Collection(BrowserCollection.Name)]
public class OverviewJourneyTests(BrowserFixture fx)
{
    [Fact]
    public async Task Overview_ChangeDateRange_UpdatesChartsAndUrl()
    {
        var (context, page, problems) = await fx.OpenAsync();
        await using var _ = context;

        await page.GotoAsync("/");
        await Expect(page.GetByTestId("date-range")).ToHaveAttributeAsync("data-interactive", "1");
        await Expect(page.Locator("#revenue-by-month .main-svg").First).ToBeVisibleAsync();
        var barsBefore = await page.Locator("#revenue-by-month g.point").CountAsync();
        var revenueBefore = await page.GetByTestId("kpi-revenue").InnerTextAsync();

        var input = page.GetByTestId("date-range").Locator("input").First;
        await input.ClickAsync();
        await page.Locator(".mud-picker-calendar-header-switch, .mud-picker-calendar-header-transition").First.IsVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await page.GotoAsync("/?from=2026-05-01&to=2026-07-31");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("from=2026-05-01&to=2026-07-31"));
        await Expect(page.GetByTestId("overview-range")).ToContainTextAsync("2026-05-01");
        await Expect(page.GetByTestId("kpi-revenue")).Not.ToHaveTextAsync(revenueBefore);
        await Expect(page.Locator("#revenue-by-month g.point").First).ToBeVisibleAsync();
        var barsAfter = await page.Locator("#revenue-by-month g.point").CountAsync();
        Assert.True(barsAfter < barsBefore, $"three months should draw fewer bars than twelve ({barsAfter} vs {barsBefore})");
        await page.WaitForTimeoutAsync(500);
        await BrowserFixture.ScreenshotAsync(page, "overview");
        Assert.Empty(problems);
    }
}
