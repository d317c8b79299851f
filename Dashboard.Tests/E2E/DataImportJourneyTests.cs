using System.Text;
using Dashboard.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.E2E;

[Trait("Category", "E2E")]
[Collection(BrowserCollection.Name)]
public class DataImportJourneyTests(BrowserFixture fx)
{
    [Fact]
    public async Task DataPage_UploadBadThenGoodSpendFile_ShowsProblemsThenApplies()
    {
        var (context, page, problems) = await fx.OpenAsync();
        await using var _ = context;
        await page.GotoAsync("/data");
        await Expect(page.GetByTestId("import-form")).ToBeVisibleAsync();
        await page.GetByTestId("import-kind").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Channel spend" }).ClickAsync();
        await Expect(page.GetByTestId("import-columns")).ToContainTextAsync("week_start");
        // MudFileUpload keeps a fresh hidden input after each pick: use the newest.
        var fileInput = page.Locator("[data-testid=import-form] input[type=file]").Last;

        await fileInput.SetInputFilesAsync(Csv("bad-spend.csv",
            "channel,week_start,spend,revenue,conversions\nsearch,2027-01-04,100,500,3\nbillboards,2027-01-04,100,500,3\n"));

        await Expect(page.GetByTestId("import-problems")).ToContainTextAsync("billboards");
        await Expect(page.GetByTestId("import-problems")).ToContainTextAsync("3");

        await fileInput.SetInputFilesAsync(Csv("spend.csv",
            "channel,week_start,spend,revenue,conversions\nsearch,2027-01-04,100,500,3\nsms,2027-01-04,50,80,1\n"));

        await Expect(page.GetByTestId("import-report")).ToContainTextAsync("Import finished");
        await Expect(page.GetByTestId("import-runs")).ToContainTextAsync("spend.csv");
        await Expect(page.GetByTestId("import-runs")).ToContainTextAsync("rejected");
        await BrowserFixture.ScreenshotAsync(page, "data-import");
        Assert.Empty(problems);
    }

    private static FilePayload Csv(string name, string text) =>
        new() { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(text) };
}
