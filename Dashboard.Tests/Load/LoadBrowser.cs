using Dashboard.Security;
using Dashboard.Tests.TestSupport;
using Microsoft.Playwright;

namespace Dashboard.Tests.Load;

/// <summary>
/// Debian's Chromium with one tab per simulated user, in a few browser contexts each signed in as one role's test user
/// (through the real form, once per role). Every tab reports to the recorder what a user would notice: console errors,
/// script errors, failed requests, responses of 500 and more, and the reconnect or error UI of Blazor.
/// </summary>
public sealed class LoadBrowser : IAsyncDisposable
{
    // Blazor shows <dialog id=components-reconnect-modal> when the circuit's connection drops and #blazor-error-ui after an
    // unhandled circuit error, ChartView its chart-failed alert when a chart (or plotly.js) could not be loaded or drawn; each says so on the
    // console, where the tab's listener counts it as a problem.
    private const string WatchScript = """
        (() => {
          const seen = new Set();
          const report = what => { if (!seen.has(what)) { seen.add(what); console.error('load test: ' + what); } };
          setInterval(() => {
            if (document.getElementById('components-reconnect-modal')?.open) { report('the reconnect UI is showing'); }
            const error = document.getElementById('blazor-error-ui');
            if (error && getComputedStyle(error).display !== 'none') { report('the Blazor error UI is showing'); }
            if (document.querySelector('[data-testid=chart-failed]')) { report('a chart could not be drawn'); }
          }, 500);
        })();
        """;

    // Served instead of plotly.js when the browsers should not draw (DASHBOARD_LOAD_CHARTS=stub): every call Plotly.Blazor
    // makes is taken, the chart's data included, and the chart's box is marked instead of drawn.
    private const string PlotlyStub = """
        window.Plotly = new Proxy({}, {
          get: (_, name) => name === 'then' ? undefined : (id) => {
            const box = typeof id === 'string' ? document.getElementById(id) : null;
            if (box) { box.dataset.stubDrawn = '1'; }
            return Promise.resolve(box);
          },
        });
        """;

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly List<IBrowserContext> _contexts = [];

    private LoadBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static async Task<LoadBrowser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await BrowserFixture.LaunchChromiumAsync(playwright, $"--renderer-process-limit={LoadSettings.RendererProcesses}");
        return new LoadBrowser(playwright, browser);
    }

    /// <summary>The users, <see cref="LoadSettings.PagesPerContext"/> tabs per context, the contexts' roles taken in turn.</summary>
    public async Task<IReadOnlyList<LoadUser>> OpenUsersAsync(Uri baseAddress, LoadSettings settings, LoadRecorder recorder)
    {
        var states = new Dictionary<string, string>();
        foreach (var role in Roles.All)
        {
            states[role] = await SignInAsync(baseAddress, role);
        }
        var users = new List<LoadUser>();
        for (var c = 0; c < settings.Contexts; c++)
        {
            var role = Roles.All[c % Roles.All.Count];
            var context = await _browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = baseAddress.ToString(),
                ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
                Locale = "en-US",
                StorageState = states[role],
            });
            await context.AddInitScriptAsync(WatchScript);
            if (!settings.DrawCharts)
            {
                await context.RouteAsync("**/_content/Plotly.Blazor/plotly-*.min.js",
                    route => route.FulfillAsync(new() { Status = 200, ContentType = "text/javascript", Body = PlotlyStub }));
            }
            _contexts.Add(context);
            for (var i = 0; i < LoadSettings.PagesPerContext && users.Count < settings.Users; i++)
            {
                var number = users.Count;
                users.Add(new LoadUser(number, role, settings.ThinkSeconds, Watch(await context.NewPageAsync(), number, recorder), recorder));
            }
        }
        return users;
    }

    private static IPage Watch(IPage page, int user, LoadRecorder recorder)
    {
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                recorder.Problem(user, "console: " + message.Text);
            }
        };
        page.PageError += (_, error) => recorder.Problem(user, "script error: " + error);
        page.Request += (_, _) => recorder.Request();
        page.RequestFailed += (_, request) => recorder.Problem(user, $"request failed: {request.Method} {request.Url} {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 500)
            {
                recorder.Problem(user, $"HTTP {response.Status}: {response.Url}");
            }
        };
        return page;
    }

    private async Task<string> SignInAsync(Uri baseAddress, string role)
    {
        await using var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString() });
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, TestUsers.Email(role), TestUsers.Password);
        var state = await context.StorageStateAsync();
        // Leaving the page tells the server its circuit is done (closing the context alone would leave it retained).
        await page.GotoAsync("about:blank");
        return state;
    }

    /// <summary>Closes every tab as a user closing it would (the page is unloaded, so Blazor tells the server the circuit is done).</summary>
    public async Task CloseUsersAsync()
    {
        foreach (var context in _contexts)
        {
            await Task.WhenAll(context.Pages.ToList().Select(p => p.CloseAsync(new PageCloseOptions { RunBeforeUnload = true })));
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
