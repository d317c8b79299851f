using System.Text.RegularExpressions;
using Dashboard.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.E2E;

public partial class BudgetJourneyTests
{
    [Fact]
    public async Task Budget_CustomerGroups_ShowNumbersAndTheProposedSplitSurvivesAReload()
    {
        var (context, page, problems) = await fx.OpenAsync();
        await using var _ = context;

        // The lifetime and segments runs start with the app; the section reads their snapshots when the page loads.
        var table = page.GetByTestId("budget-groups-table");
        var deadline = DateTime.UtcNow.AddMinutes(4);
        do
        {
            await page.GotoAsync("/budget");
            await Expect(page.GetByTestId("budget-groups")).ToBeVisibleAsync(new() { Timeout = 120_000 });
            if (await table.IsVisibleAsync())
            {
                break;
            }
            await page.WaitForTimeoutAsync(3_000);
        }
        while (DateTime.UtcNow < deadline);

        await Expect(table).ToBeVisibleAsync();
        await Expect(page.GetByTestId("budget-toolbar")).ToHaveAttributeAsync("data-interactive", "1", new() { Timeout = 120_000 });
        var retained = int.Parse(await page.GetByTestId("budget-group-customers-retain").InnerTextAsync(), System.Globalization.NumberStyles.AllowThousands,
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(retained > 0, "the retain group has members");
        Assert.Matches(new Regex(@"¥[1-9][\d,]*"), await page.GetByTestId("budget-group-return-retain").InnerTextAsync());
        await Expect(page.Locator("#budget-groups-chart .main-svg").First).ToBeVisibleAsync();

        await page.GetByTestId("budget-groups-apply").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"g\.retain=\d+"), new() { Timeout = Patience });
        var url = page.Url;
        var budget = await page.GetByTestId("budget-group-budget-retain").InnerTextAsync();
        var expected = await page.GetByTestId("budget-groups-return").InnerTextAsync();
        await page.WaitForTimeoutAsync(500);
        await page.GetByTestId("budget-groups").ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(page, "budget-groups");

        await page.GotoAsync(url);
        await Expect(page.GetByTestId("budget-groups-reset")).ToBeVisibleAsync(new() { Timeout = Patience });
        Assert.Equal(budget, await page.GetByTestId("budget-group-budget-retain").InnerTextAsync());
        Assert.Equal(expected, await page.GetByTestId("budget-groups-return").InnerTextAsync());
        Assert.Empty(problems);
    }
}
