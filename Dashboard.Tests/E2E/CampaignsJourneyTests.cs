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
        await Expect(list.Locator("tbody tr")).ToHaveCountAsync(7); // six measured campaigns and the launch (no holdout, no assignments)
        await BrowserFixture.ScreenshotAsync(page, "campaigns-list");
        await page.GetByTestId("campaign-row-PUSH-WINBACK-2026").GetByRole(Microsoft.Playwright.AriaRole.Link).ClickAsync();

        await Expect(page).ToHaveURLAsync(CampaignUrl());
        await Expect(page.GetByTestId("campaign-name")).ToContainTextAsync("win-back");
        await Expect(page.GetByTestId("srm-banner")).ToBeVisibleAsync();
        await Expect(page.Locator("#lift-chart g.point").First).ToBeVisibleAsync();
        await Expect(page.Locator("#lift-chart g.point")).ToHaveCountAsync(2);
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
        // The circuit must be live before a file is set, or the upload's change event has no listener yet.
        await Expect(page.GetByTestId("date-range")).ToHaveAttributeAsync("data-interactive", "1");
        await Expect(page.GetByTestId("upload-button")).ToBeVisibleAsync();
        await UploadAsync(page, path);
        await page.GetByTestId("metric-columns").ClickAsync();
        await page.GetByRole(Microsoft.Playwright.AriaRole.Option, new() { Name = "visit" }).ClickAsync();
        await page.Keyboard.PressAsync("Escape");
        await page.GetByTestId("analyze").ClickAsync();

        await Expect(page.GetByTestId("file-error")).ToContainTextAsync("line 4, column 'visit': 'oops' is not a number");
        await BrowserFixture.ScreenshotAsync(page, "analyze-file-error");
        File.Delete(path);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task AnalyzeFile_Hillstrom_LiftTablesAndQiniCurve()
    {
        var (context, page, problems) = await fx.OpenAsync();
        await using var _ = context;

        await page.GotoAsync("/campaigns/analyze");
        // The circuit must be live before a file is set, or the upload's change event has no listener yet.
        await Expect(page.GetByTestId("date-range")).ToHaveAttributeAsync("data-interactive", "1");
        await Expect(page.GetByTestId("upload-button")).ToBeVisibleAsync();
        await UploadAsync(page, SharedData.PathOf("hillstrom", "hillstrom.csv"));
        await Expect(page.GetByTestId("control-arm")).ToContainTextAsync("No E-Mail");
        await PickAsync(page, "metric-columns", "visit", "conversion", "spend");
        await PickAsync(page, "covariate", "history");
        await page.WaitForTimeoutAsync(300);
        await page.GetByTestId("analyze").ClickAsync();

        await Expect(page.GetByTestId("srm-banner")).ToHaveAttributeAsync("data-flagged", "false", new() { Timeout = 20_000 });
        await Expect(page.Locator("#file-lift-chart g.point").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("arm-metrics")).ToContainTextAsync("Womens E-Mail");
        await Expect(page.GetByTestId("cuped")).ToContainTextAsync("Mens E-Mail");
        await PickAsync(page, "uplift-outcome", "visit");
        await PickAsync(page, "uplift-features", "recency", "history", "mens", "womens", "zip_code", "newbie", "channel");
        await page.GetByTestId("uplift-fit").ClickAsync();
        await Expect(page.Locator("#qini-chart .main-svg").First).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await Expect(page.Locator("#qini-chart .scatterlayer .trace")).ToHaveCountAsync(2);
        await page.WaitForTimeoutAsync(500);
        await BrowserFixture.ScreenshotAsync(page, "analyze-hillstrom");
        Assert.Empty(problems);
    }

    // The upload's input can be replaced while MudFileUpload finishes initializing, losing a file set too early;
    // setting it again is what a user would do (pick the file again) and keeps the journey honest.
    private static async Task UploadAsync(Microsoft.Playwright.IPage page, string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            await page.Locator("input[type=file]").First.SetInputFilesAsync(path);
            try
            {
                await Expect(page.GetByTestId("file-name")).ToContainTextAsync(Path.GetFileName(path), new() { Timeout = 10_000 });
                return;
            }
            catch (Microsoft.Playwright.PlaywrightException) when (attempt < 3)
            {
                // Try again.
            }
        }
    }

    private static async Task PickAsync(Microsoft.Playwright.IPage page, string select, params string[] options)
    {
        await page.GetByTestId(select).ClickAsync();
        foreach (var option in options)
        {
            await page.GetByRole(Microsoft.Playwright.AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
        }
        await page.Keyboard.PressAsync("Escape");
    }

    [GeneratedRegex(@"/campaigns/\d+")]
    private static partial Regex CampaignUrl();
}
