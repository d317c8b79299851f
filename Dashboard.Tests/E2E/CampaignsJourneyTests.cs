using System.Text.RegularExpressions;
using Dashboard.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.E2E;

[Trait("Category", "E2E")]
[Collection(BrowserCollection.Name)]
public partial class CampaignsJourneyTests(BrowserFixture fx)
{
    [Fact]
    public async Task Campaigns_OpenDemoCampaignFromTheList_ShowsTheLiftChart()
    {
        var (context, page, problems) = await fx.OpenAsync();
        await using var _ = context;

        await page.GotoAsync("/campaigns?from=2024-11-16&to=2026-11-15");
        var list = page.GetByTestId("campaign-list");
        await Expect(list).ToBeVisibleAsync();
        await Expect(list.Locator("tbody tr")).ToHaveCountAsync(6);
        await BrowserFixture.ScreenshotAsync(page, "campaigns-list");
        await page.GetByTestId("campaign-row-PUSH-WINBACK-2026").GetByRole(Microsoft.Playwright.AriaRole.Link).ClickAsync();

        await Expect(page).ToHaveURLAsync(CampaignUrl());
        await Expect(page.GetByTestId("campaign-name")).ToContainTextAsync("win-back");
        await Expect(page.GetByTestId("srm-banner")).ToBeVisibleAsync();
        await Expect(page.Locator("#lift-chart g.point").First).ToBeVisibleAsync();
        Assert.Equal(2, await page.Locator("#lift-chart g.point").CountAsync());
        await Expect(page.Locator("#funnel-chart .funnellayer .trace").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("arm-metrics")).ToContainTextAsync("winback");

        await page.GetByTestId("metric-revenue").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("metric=revenue"));
        await Expect(page.Locator("#lift-chart g.point").First).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(500);
        await BrowserFixture.ScreenshotAsync(page, "campaign");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task AnalyzeFile_MalformedUpload_NamesLineAndColumn()
    {
        var (context, page, problems) = await fx.OpenAsync();
        await using var _ = context;
        var path = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, "arm,visit\nA,1\nB,0\nB,oops\n");

        await page.GotoAsync("/campaigns/analyze");
        await Expect(page.GetByTestId("upload-button")).ToBeVisibleAsync();
        await page.Locator("input[type=file]").SetInputFilesAsync(path);
        await Expect(page.GetByTestId("file-name")).ToContainTextAsync(".csv");
        await page.GetByTestId("metric-columns").ClickAsync();
        await page.GetByRole(Microsoft.Playwright.AriaRole.Option, new() { Name = "visit" }).ClickAsync();
        await page.Keyboard.PressAsync("Escape");
        await page.GetByTestId("analyze").ClickAsync();

        await Expect(page.GetByTestId("file-error")).ToContainTextAsync("line 4, column 'visit': 'oops' is not a number");
        await BrowserFixture.ScreenshotAsync(page, "analyze-file-error");
        File.Delete(path);
        Assert.Empty(problems);
    }

    [GeneratedRegex(@"/campaigns/\d+")]
    private static partial Regex CampaignUrl();
}
