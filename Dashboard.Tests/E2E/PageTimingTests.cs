using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Dashboard.Data;
using Dashboard.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.E2E;

/// <summary>
/// Every page, in a real browser, shows its content (its chart drawn, its table filled) on its default URL, round
/// after round; how long that took from navigation is written to TestResults/page-timings.json with the app's memory.
/// On the small demo brand by default; with DASHBOARD_PERF_STORE set to a copy of a big SQLite store (seed-demo
/// --customers 1000000, then bench models) the same journey measures that store (docs/performance.md). The test
/// asserts what a user sees, never a duration.
/// </summary>
[Trait("Category", "E2E")]
[Collection(PageTimingCollection.Name)]
public sealed class PageTimingTests(PageTimingFixture fx, ITestOutputHelper output)
{
    private const int Rounds = 4;

    [Fact]
    public async Task EveryPage_ShowsItsContent_RoundAfterRound()
    {
        var (customerId, campaignId) = await SampleIdsAsync();
        var pages = new (string Name, string Url, string Content)[]
        {
            ("overview", "/", "#revenue-by-month g.point"),
            ("customers", "/customers", "tbody tr td"),
            ("customer", $"/customers/{customerId}", "[data-testid=timeline-entry]"),
            ("segments", "/segments", "#value-pyramid .funnellayer .trace"),
            ("lifetime", "/lifetime", "#clv-distribution g.point"),
            ("budget", "/budget", "[data-testid=budget-total-response]"),
            ("campaigns", "/campaigns", "[data-testid=headline-lift]"),
            ("campaign", $"/campaigns/{campaignId}", "#lift-chart g.point"),
            ("audiences", "/audiences", "[data-testid=audience-preview]"),
            ("products", "/products", "[data-testid=product-list] tbody tr td"),
            ("data", "/data", "[data-testid=table-counts]"),
        };
        var (context, page, problems) = await fx.OpenAsync();
        await using var _ = context;
        var timings = pages.ToDictionary(p => p.Name, _ => new List<double>());
        var memory = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var (name, url, content) in pages)
            {
                var watch = Stopwatch.StartNew();
                await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
                // On a big store the first round may meet views still being computed after start: give it time.
                try
                {
                    await Expect(page.Locator(content).First).ToBeVisibleAsync(new() { Timeout = round == 0 && fx.IsBigStore ? 600_000 : 60_000 });
                }
                catch (PlaywrightException ex)
                {
                    await BrowserFixture.ScreenshotAsync(page, "page-timing-" + name);
                    throw new InvalidOperationException($"{url} (round {round + 1}) did not show {content}: {ex.Message}", ex);
                }
                timings[name].Add(watch.Elapsed.TotalMilliseconds);
            }
            using var process = Process.GetCurrentProcess();
            memory.Add(Math.Round(process.WorkingSet64 / 1048576.0));
        }

        var report = new PageTimingReport(
            fx.Store,
            Rounds,
            pages.Select(p => new PageTimingRow(p.Name, p.Url, Math.Round(timings[p.Name][0]), Math.Round(timings[p.Name].Skip(1).Max()),
                Math.Round(Median(timings[p.Name].Skip(1))))).ToList(),
            memory);
        Directory.CreateDirectory("TestResults");
        await File.WriteAllTextAsync(Path.Combine("TestResults", "page-timings.json"), JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
        foreach (var row in report.Pages)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{row.Page,-10} first {row.FirstMs,8:F0} ms   later rounds: median {row.MedianMs,6:F0} ms, max {row.MaxMs,6:F0} ms"));
        }
        output.WriteLine($"process working set after each round (MB): {string.Join(", ", memory)}");
        Assert.Empty(problems);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>The customer with the most orders (the longest timeline) and the first campaign.</summary>
    private async Task<(long Customer, int Campaign)> SampleIdsAsync()
    {
        var factory = fx.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var customer = await db.Orders.GroupBy(o => o.CustomerId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
        var campaign = await db.Campaigns.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        return (customer, campaign);
    }
}

public sealed record PageTimingReport(string Store, int Rounds, IReadOnlyList<PageTimingRow> Pages, IReadOnlyList<double> WorkingSetMbAfterRound);

/// <summary>Milliseconds from navigation to the page's content being visible: first round, and median and max of the later rounds.</summary>
public sealed record PageTimingRow(string Page, string Url, double FirstMs, double MaxMs, double MedianMs);

/// <summary>The browser journey's app: on the small demo brand, or on the store file DASHBOARD_PERF_STORE names.</summary>
public sealed class PageTimingFixture() : BrowserFixture(Create())
{
    public const string StoreVariable = "DASHBOARD_PERF_STORE";

    public string Store { get; } = Environment.GetEnvironmentVariable(StoreVariable) is { Length: > 0 } path ? path : "small demo brand";

    public bool IsBigStore => Store != "small demo brand";

    private static DashboardAppFactory Create() =>
        Environment.GetEnvironmentVariable(StoreVariable) is { Length: > 0 } path ? new ExistingStoreAppFactory(path) : new DashboardAppFactory();
}

/// <summary>The app on an existing SQLite store (not seeded, not deleted afterwards; test users are added to it).</summary>
public sealed class ExistingStoreAppFactory(string path) : DashboardAppFactory
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{PageTimingFixture.StoreVariable}={path}: no such file.");
        }
        base.ConfigureWebHost(builder);
        builder.UseSetting("Database:Provider", "sqlite");
        builder.UseSetting("ConnectionStrings:Dashboard", $"Data Source={path}");
        builder.UseSetting("Demo:SeedOnFirstStart", "false");
    }
}

[CollectionDefinition(Name)]
public sealed class PageTimingCollection : ICollectionFixture<PageTimingFixture>
{
    public const string Name = "Page timing";
}
