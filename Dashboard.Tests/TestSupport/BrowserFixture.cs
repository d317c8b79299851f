using Dashboard.Security;
using Microsoft.Playwright;

namespace Dashboard.Tests.TestSupport;

/// <summary>
/// The app on a real Kestrel loopback port, seeded with a small demo brand, and Debian's Chromium driven by
/// Playwright. Browsers cannot be downloaded here: CHROMIUM_PATH (default /usr/bin/chromium) must exist;
/// the README's test command installs it.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    private readonly DashboardAppFactory _factory;
    private IPlaywright? _playwright;
    private readonly Dictionary<string, string> _storageStates = [];
    private readonly SemaphoreSlim _signIn = new(1, 1);

    public BrowserFixture()
        : this(new DashboardAppFactory())
    {
    }

    /// <summary>The same fixture over another app (xunit wants one public constructor, so this one is protected).</summary>
    protected BrowserFixture(DashboardAppFactory factory) => _factory = factory;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => _factory.Services;

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        // Plotly's 4.8 MB bundle and the circuit can take seconds on a loaded 2-core machine; waits are generous, not sleeps.
        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(30_000);
        _factory.UseKestrel(0);
        _factory.StartServer();
        BaseAddress = _factory.ClientOptions.BaseAddress;
        await TestUsers.EnsureAsync(_factory.Services);
        _playwright = await Playwright.CreateAsync();
        Browser = await LaunchChromiumAsync(_playwright);
    }

    /// <summary>Debian's Chromium, headless, with the flags that keep it off the network (and any <paramref name="extraArgs"/>).</summary>
    public static async Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright, params string[] extraArgs)
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {chromium}. Install it with `apt-get install -y chromium` (the README's test command does) or set CHROMIUM_PATH.");
        }
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                .. extraArgs,
            ],
        });
    }

    /// <summary>
    /// A fresh browser context with a desktop viewport, signed in as the role's test user (null: signed out); problems
    /// (console errors, uncaught script errors, failed or 4xx/5xx requests) are collected. Each role signs in through the real form once; later
    /// contexts reuse its cookies.
    /// </summary>
    public async Task<(IBrowserContext Context, IPage Page, List<string> Problems)> OpenAsync(string? locale = null, string? role = Roles.Admin)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 950 },
            Locale = locale ?? "en-US",
            StorageState = role is null ? null : await StorageStateAsync(role),
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, msg) => { if (msg.Type == "error") { problems.Add($"console: {msg.Text}"); } };
        page.PageError += (_, error) => problems.Add($"uncaught: {error}");
        page.RequestFailed += (_, req) => problems.Add($"request failed: {req.Url} {req.Failure}");
        page.Response += (_, res) => { if (res.Status >= 400) { problems.Add($"HTTP {res.Status}: {res.Url}"); } };
        return (context, page, problems);
    }

    /// <summary>Signs in through the login page in a throwaway context and keeps its cookies for the role.</summary>
    private async Task<string> StorageStateAsync(string role)
    {
        await _signIn.WaitAsync();
        try
        {
            if (!_storageStates.TryGetValue(role, out var state))
            {
                await using var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress.ToString() });
                var page = await context.NewPageAsync();
                await SignInAsync(page, TestUsers.Email(role), TestUsers.Password);
                state = await context.StorageStateAsync();
                _storageStates[role] = state;
            }
            return state;
        }
        finally
        {
            _signIn.Release();
        }
    }

    /// <summary>Fills and posts the sign-in form; waits until the app leaves the login page.</summary>
    public static async Task SignInAsync(IPage page, string email, string password, string? returnUrl = null)
    {
        await page.GotoAsync(returnUrl is null ? "/account/login" : "/account/login?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        _signIn.Dispose();
        await _factory.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
