using System.Text.RegularExpressions;
using Dashboard.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.E2E;

[Trait("Category", "E2E")]
[Collection(BrowserCollection.Name)]
public partial class SegmentsJourneyTests(BrowserFixture fx)
{
    // The segments run is queued at start-up; on the shared test machine it may take a while.
    private static readonly LocatorAssertionsToBeVisibleOptions RunFinished = new() { Timeout = 120_000 };

    [Fact]
    public async Task Segments_FirstVisit_ShowsPyramidAndSankeyAndTierOpensItsCustomerList()
    {
        var (context, page, problems) = await fx.OpenAsync();
        await using var _ = context;

        await page.GotoAsync("/segments");
        await Expect(page.Locator("#value-pyramid .funnellayer .trace").First).ToBeVisibleAsync(RunFinished);
        await Expect(page.Locator("#crowd-flow g.sankey").First).ToBeVisibleAsync();
        await Expect(page.Locator("#rfm-heatmap .main-svg").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("tier-row")).ToHaveCountAsync(5);
        // VAP appears once the start-up lifetime run has finished; before that the panel says it is waiting for it.
        await Expect(page.GetByTestId("vap-panel")).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(800);
        await BrowserFixture.ScreenshotAsync(page, "segments");

        var tier = page.Locator("[data-testid=tier-row][data-tier='5-20'] [data-testid=tier-link]");
        var period = await page.GetByTestId("segments-period").GetAttributeAsync("data-period") ?? "missing";
        await tier.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/customers\\?tier=5-20&period={Regex.Escape(period)}$"));
        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Name = "Customers" })).ToBeVisibleAsync();
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Audiences_SaveTopTier_FreezesAndExportsACrowdPackage()
    {
        var (context, page, problems) = await fx.OpenAsync();
        await using var _ = context;
        await page.GotoAsync("/segments");
        await Expect(page.Locator("#value-pyramid .funnellayer .trace").First).ToBeVisibleAsync(RunFinished);

        await page.GotoAsync("/audiences?tier=5-20&stage=Repeat");
        await Expect(page.GetByTestId("audience-size")).ToBeVisibleAsync();
        await Input(page, "audience-name").FillAsync("Repeat buyers, top 20%");
        await page.GetByTestId("audience-save").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/audiences/\d+$"));
        await page.GetByTestId("freeze").ClickAsync();
        await Expect(page.GetByTestId("snapshots").Locator("tbody tr")).ToHaveCountAsync(1);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-now").ClickAsync());
        await page.WaitForTimeoutAsync(300);
        await BrowserFixture.ScreenshotAsync(page, "audience");

        var path = await download.PathAsync();
        var lines = await File.ReadAllLinesAsync(path);
        Assert.Equal("customer_id,phone_sha256,email_sha256", lines[0]);
        Assert.True(lines.Length > 1, "the crowd package has rows");
        Assert.All(lines.Skip(1), l => Assert.Matches("^[0-9]+,([0-9a-f]{64})?,([0-9a-f]{64})?$", l));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    // MudBlazor puts extra attributes on the input itself; this finds it either way.
    private static ILocator Input(IPage page, string testId) => page.GetByTestId(testId).Locator("xpath=self::input | .//input").First;

}
