using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.Security;
using Dashboard.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.E2E;

[Trait("Category", "E2E")]
[Collection(BrowserCollection.Name)]
public partial class BudgetJourneyTests(BrowserFixture fx, ITestOutputHelper output)
{
    // The machine these run on is shared; a loaded box can stall a render for seconds without anything being wrong.
    private const float Patience = 20_000;

    private static readonly string[] Codes = ["tmall_ads", "jd_ads", "douyin_ads", "wechat_moments", "search", "kol_live", "sms", "app_push"];

    // Moves a slider `moves` times from the page's script (stepUp + input event, as a drag does) and times each move until
    // the channel's spend on screen changes (the server round trip) and until the URL holds it.
    private const string TimeMovesScript = """
        async ([code, moves]) => {
          const input = document.querySelector(`[data-testid=budget-slider-${code}] input[type=range]`);
          const shown = document.querySelector(`[data-testid=budget-spend-${code}]`);
          const render = [], url = [];
          const until = (test) => new Promise((resolve, reject) => {
            const start = performance.now();
            const poll = () => test() ? resolve(performance.now()) : performance.now() - start > 20000 ? reject(new Error('timeout')) : setTimeout(poll, 0);
            poll();
          });
          for (let i = 0; i < moves; i++) {
            const text = shown.textContent, href = location.href;
            const t0 = performance.now();
            const rendered = new Promise(resolve => {
              const observer = new MutationObserver(() => { if (shown.textContent !== text) { observer.disconnect(); resolve(performance.now()); } });
              observer.observe(shown, { childList: true, subtree: true, characterData: true });
            });
            input.stepUp();
            input.dispatchEvent(new Event('input', { bubbles: true }));
            render.push((await rendered) - t0);
            url.push((await until(() => location.href !== href)) - t0);
          }
          return [render, url];
        }
        """;

    [Fact]
    public async Task Budget_MoveSlider_UpdatesProjectionAndUrl_ReloadRestoresTheSplit()
    {
        var (context, page, problems) = await fx.OpenAsync();
        await using var _ = context;

        await page.GotoAsync("/budget");
        // The curves are fitted in the background at start-up; the page shows them when the run finishes.
        await Expect(page.GetByTestId("budget-toolbar")).ToHaveAttributeAsync("data-interactive", "1", new() { Timeout = 120_000 });
        await Expect(page.Locator("#budget-curves .main-svg").First).ToBeVisibleAsync();
        var responseBefore = await page.GetByTestId("budget-total-response").InnerTextAsync();
        var douyinBefore = await page.GetByTestId("budget-spend-douyin_ads").InnerTextAsync();

        var slider = page.Locator("[data-testid=budget-slider-douyin_ads] input[type=range]");
        await slider.FocusAsync();
        await slider.PressAsync("ArrowRight");
        await slider.PressAsync("ArrowRight");

        await Expect(page).ToHaveURLAsync(SpendInUrl(), new() { Timeout = Patience });
        await Expect(page.GetByTestId("budget-spend-douyin_ads")).Not.ToHaveTextAsync(douyinBefore, new() { Timeout = Patience });
        await Expect(page.GetByTestId("budget-total-response")).Not.ToHaveTextAsync(responseBefore, new() { Timeout = Patience });
        var timings = await page.EvaluateAsync<double[][]>(TimeMovesScript, new object[] { "kol_live", 30 });
        Report("slider move → projection on screen", timings[0]);
        Report("slider move → URL replaced", timings[1]);
        await page.WaitForTimeoutAsync(300);
        var url = page.Url;
        var split = await SplitAsync(page);
        var total = await page.GetByTestId("budget-total-spend").InnerTextAsync();
        var response = await page.GetByTestId("budget-total-response").InnerTextAsync();
        await BrowserFixture.ScreenshotAsync(page, "budget");

        await page.GotoAsync(url);
        await Expect(page.GetByTestId("budget-toolbar")).ToHaveAttributeAsync("data-interactive", "1");

        Assert.Equal(split, await SplitAsync(page));
        Assert.Equal(url, page.Url);
        Assert.Equal(total, await page.GetByTestId("budget-total-spend").InnerTextAsync());
        Assert.Equal(response, await page.GetByTestId("budget-total-response").InnerTextAsync());
        Assert.Equal(await slider.InputValueAsync(), (await SplitValuesAsync(page))["douyin_ads"]);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Budget_Optimize_FillsTheBestSplitAndComparesIt()
    {
        var (context, page, problems) = await fx.OpenAsync();
        await using var _ = context;

        await page.GotoAsync("/budget");
        await Expect(page.GetByTestId("budget-toolbar")).ToHaveAttributeAsync("data-interactive", "1", new() { Timeout = 120_000 });
        var upliftBefore = await page.GetByTestId("budget-uplift").InnerTextAsync();
        await page.GetByTestId("budget-optimize").ClickAsync();

        await Expect(page).ToHaveURLAsync(SpendInUrl(), new() { Timeout = Patience });
        await Expect(page.GetByTestId("budget-uplift")).Not.ToHaveTextAsync(upliftBefore, new() { Timeout = Patience });
        Assert.Contains("+", await page.GetByTestId("budget-uplift").InnerTextAsync(), StringComparison.Ordinal);
        // Two series (proposed = optimized now) of eight channels.
        await Expect(page.Locator("#budget-differences g.point")).ToHaveCountAsync(16);
        await page.GetByTestId("budget-scenario-name").FillAsync("Optimized plan");
        await page.GetByTestId("budget-scenario-save").ClickAsync();
        await Expect(page.GetByTestId("budget-scenarios")).ToContainTextAsync("Optimized plan");
        // The saved plan is audited: who, and the plan as saved (no state before).
        var saved = await fx.Services.GetRequiredService<AuditLog>().RecentAsync(AuditActions.BudgetSave, 10, CancellationToken.None);
        var entry = Assert.Single(saved, a => a.Target.EndsWith("'Optimized plan'", StringComparison.Ordinal));
        Assert.Equal(TestUsers.Email(Roles.Admin), entry.User);
        Assert.Null(entry.Before);
        Assert.Contains("\"channels\":[", entry.After, StringComparison.Ordinal);
        await page.GetByTestId("budget-scenario-compare").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("cmp=\\d+"));
        await Expect(page.GetByTestId("budget-comparison")).ToContainTextAsync("Optimized plan");
        await page.WaitForTimeoutAsync(500);
        await BrowserFixture.ScreenshotAsync(page, "budget-compare");
        Assert.Empty(problems);
    }

    private static async Task<Dictionary<string, string>> SplitAsync(IPage page)
    {
        var split = new Dictionary<string, string>();
        foreach (var code in Codes)
        {
            split[code] = await page.GetByTestId("budget-spend-" + code).InnerTextAsync();
        }
        return split;
    }

    private static async Task<Dictionary<string, string>> SplitValuesAsync(IPage page)
    {
        var values = new Dictionary<string, string>();
        foreach (var code in Codes)
        {
            values[code] = await page.Locator($"[data-testid=budget-slider-{code}] input[type=range]").InputValueAsync();
        }
        return values;
    }

    private void Report(string what, double[] millis)
    {
        var sorted = millis.Order().ToArray();
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{what}: n={sorted.Length} median {sorted[sorted.Length / 2]:F1} ms, p90 {sorted[(int)(sorted.Length * 0.9)]:F1} ms, max {sorted[^1]:F1} ms");
        output.WriteLine(line);
        Directory.CreateDirectory(BrowserFixture.ScreenshotDirectory);
        File.AppendAllText(Path.Combine(BrowserFixture.ScreenshotDirectory, "budget-roundtrip.txt"), line + Environment.NewLine);
    }

    [GeneratedRegex("s\\.douyin_ads=\\d+")]
    private static partial Regex SpendInUrl();
}
