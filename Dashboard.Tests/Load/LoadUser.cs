using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Playwright;

namespace Dashboard.Tests.Load;

/// <summary>
/// One simulated user in one browser tab: opens a page, then until told to stop alternates between another section of the
/// navigation and the budget page, where it moves sliders one step at a time, with human pauses in between.
/// </summary>
public sealed class LoadUser(int number, string role, (int From, int To) thinkSeconds, IPage page, LoadRecorder recorder)
{
    private static readonly float ReadyTimeout = 120_000;
    private readonly Random _random = new(number);
    private readonly IReadOnlyList<LoadPage> _pages = LoadPage.For(role);
    private LoadPage? _current;
    private int _moves;

    // Moves one enabled slider (picked by `pick` in [0, 1)) one step the way a drag does (stepUp/stepDown + input event), then
    // waits until the server's render changed the channel's spend on screen and replaced the URL.
    private const string MoveScript = """
        async ([pick, timeout]) => {
          const inputs = [...document.querySelectorAll('[data-testid^=budget-slider-] input[type=range]:not([disabled])')];
          const input = inputs[Math.floor(pick * inputs.length)];
          const code = input.closest('[data-testid^=budget-slider-]').dataset.testid.substring('budget-slider-'.length);
          const spend = () => document.querySelector(`[data-testid=budget-spend-${code}]`)?.textContent;
          const before = input.value, text = spend(), href = location.href;
          const t0 = performance.now();
          Number(input.value) + Number(input.step || 1) <= Number(input.max) ? input.stepUp() : input.stepDown();
          input.dispatchEvent(new Event('input', { bubbles: true }));
          while (spend() === text || location.href === href) {
            if (performance.now() - t0 > timeout) { return { code, ms: -1, before, after: input.value, href: location.href }; }
            await new Promise(resolve => setTimeout(resolve, 5));
          }
          return { code, ms: performance.now() - t0, before, after: input.value, href: location.href };
        }
        """;

    public int Number => number;

    public int Moves => _moves;

    /// <summary>Runs until <paramref name="stop"/> fires, and at least until the user has moved a slider once.</summary>
    public async Task RunAsync(TimeSpan startAfter, CancellationToken stop)
    {
        await Task.Delay(startAfter, CancellationToken.None);
        try
        {
            await OpenAsync(_pages[_random.Next(_pages.Count)], full: true);
            while (!stop.IsCancellationRequested || _moves == 0)
            {
                await PauseAsync(thinkSeconds.From * 1000, thinkSeconds.To * 1000, stop);
                // Every other visit is the budget page, where the sliders are (a user who starts there moves them first).
                var next = _current == LoadPage.Budget && _moves > 0 ? Other() : LoadPage.Budget;
                if (next != _current)
                {
                    await OpenAsync(next, full: false);
                }
                if (next == LoadPage.Budget)
                {
                    await MoveSlidersAsync(_random.Next(2, 5), stop);
                }
            }
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            recorder.Problem(number, $"after {_current?.Path}, at {page.Url}: {ex.Message.Split('\n')[0]}");
            await ScreenshotAsync();
        }
    }

    // What the user saw when it went wrong, next to the test's other screenshots.
    private async Task ScreenshotAsync()
    {
        try
        {
            Directory.CreateDirectory(TestSupport.BrowserFixture.ScreenshotDirectory);
            await page.ScreenshotAsync(new() { Path = Path.Combine(TestSupport.BrowserFixture.ScreenshotDirectory, $"load-user-{number}.png"), FullPage = true });
        }
        catch (PlaywrightException)
        {
            // The tab is gone or hung: the problem is recorded already.
        }
    }

    private LoadPage Other()
    {
        var others = _pages.Where(p => p != _current && p != LoadPage.Budget).ToList();
        return others[_random.Next(others.Count)];
    }

    /// <summary>Opens the page (a full browser load, or a click in the navigation drawer) and waits until its data shows.</summary>
    private async Task OpenAsync(LoadPage target, bool full)
    {
        var started = recorder.Now;
        if (full)
        {
            await page.GotoAsync(target.Path, new() { Timeout = ReadyTimeout });
        }
        else
        {
            await page.Locator(target.NavLink).ClickAsync(new() { Timeout = ReadyTimeout });
        }
        await page.Locator(target.Ready).First.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = ReadyTimeout });
        recorder.Load(new PageLoad(number, target.Path, full, started, recorder.Now));
        _current = target;
    }

    private async Task MoveSlidersAsync(int count, CancellationToken stop)
    {
        for (var i = 0; i < count; i++)
        {
            var started = recorder.Now;
            // The script gives up after ReadyTimeout; a renderer that never answers at all is caught here.
            var json = await page.EvaluateAsync<JsonElement>(MoveScript, new object[] { _random.NextDouble(), ReadyTimeout })
                .WaitAsync(TimeSpan.FromMilliseconds(ReadyTimeout * 1.5));
            var result = new MoveResult(json.GetProperty("code").GetString()!, json.GetProperty("ms").GetDouble(),
                json.GetProperty("before").GetString()!, json.GetProperty("after").GetString()!, json.GetProperty("href").GetString()!);
            var plan = QueryHelpers.ParseQuery(new Uri(result.Href).Query).GetValueOrDefault("s." + result.Code).ToString();
            var move = new SliderMove(number, result.Code, started, result.Ms, result.Before, result.After, plan == "" ? null : plan);
            recorder.Move(move);
            _moves++;
            if (result.Ms < 0 || !move.TookEffect)
            {
                recorder.Problem(number, $"slider {result.Code} moved from {result.Before}: slider {result.After}, plan {plan}, no round trip in time: {result.Ms < 0}");
            }
            if (i < count - 1)
            {
                await PauseAsync(700, 2_000, stop);
            }
        }
    }

    private async Task PauseAsync(int fromMilliseconds, int toMilliseconds, CancellationToken stop) =>
        await Task.Delay(_random.Next(fromMilliseconds, toMilliseconds), stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

    private sealed record MoveResult(string Code, double Ms, string Before, string After, string Href);
}
