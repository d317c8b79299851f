using System.Text.RegularExpressions;
using Dashboard.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.E2E;

[Trait("Category", "E2E")]
[Collection(BrowserCollection.Name)]
public class LookalikeJourneyTests(BrowserFixture fx)
{
    // Model runs queue behind the start-up segments run; on the shared test machine they may take a while.
    private static readonly LocatorAssertionsToBeVisibleOptions RunFinished = new() { Timeout = 180_000 };

    [Fact]
    public async Task Lookalike_FromASegment_RunsMovesTheSizeAndSavesAnAudience()
    {
        var (context, page, problems) = await fx.OpenAsync();
        await using var _ = context;
        await page.GotoAsync("/segments");
        await Expect(page.Locator("#value-pyramid .funnellayer .trace").First).ToBeVisibleAsync(RunFinished);

        await page.GotoAsync("/audiences");
        await page.GetByTestId("open-lookalike").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/audiences/lookalike$"));
        await Expect(page.GetByTestId("date-range")).ToHaveAttributeAsync("data-interactive", "1");
        await Expect(page.GetByTestId("seed-picker").GetByTestId("builder-segment")).ToBeVisibleAsync();
        await page.GetByTestId("builder-segment").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Champions" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/audiences/lookalike\?segment=Champions$"));
        await page.GetByTestId("model-run-start").ClickAsync();
        await Expect(page.GetByTestId("kpi-auc")).ToBeVisibleAsync(RunFinished);
        await Expect(page.Locator("#lookalike-tradeoff .scatterlayer path.point").First).ToBeVisibleAsync();
        await Expect(page.Locator("#lookalike-importance g.point").First).ToBeVisibleAsync();

        var slider = page.GetByTestId("expansion-slider").Locator("xpath=self::input | .//input").First;
        await slider.FocusAsync();
        // One step at a time, as a user watching the value: a key pressed while the server's answer to the previous one
        // is on its way lands on the value that answer then sets (Blazor Server re-renders the input), so it can be lost.
        for (var size = 6; size <= 10; size++)
        {
            await slider.PressAsync("ArrowRight");
            await Expect(page).ToHaveURLAsync(new Regex($@"segment=Champions&size={size}$"));
        }
        await Expect(page.GetByTestId("expansion-summary")).ToContainTextAsync("people, mean similarity");
        await page.GetByTestId("lookalike-name").Locator("xpath=self::input | .//input").First.FillAsync("Like Champions, top 10%");
        await page.GetByTestId("lookalike-save").ClickAsync();
        await Expect(page.GetByTestId("lookalike-saved-link")).ToBeVisibleAsync();
        // Read after saving: by then the summary has rendered the size that was saved (slider moves render asynchronously).
        var summary = await page.GetByTestId("expansion-summary").InnerTextAsync();
        await page.WaitForTimeoutAsync(800);
        await BrowserFixture.ScreenshotAsync(page, "lookalike");

        await page.GetByTestId("lookalike-saved-link").ClickAsync();
        await Expect(page.GetByTestId("audience-title")).ToHaveTextAsync("Like Champions, top 10%");
        var members = await page.GetByTestId("snapshots").Locator("tbody tr td").Nth(2).InnerTextAsync();
        Assert.StartsWith(members, summary, StringComparison.Ordinal); // "N people, …" — the snapshot holds the chosen top N
        await Expect(page.GetByTestId("audience-lookalike-run")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "lookalike-audience");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
