using System.Diagnostics;
using System.Globalization;
using Dashboard.Data;
using Dashboard.Features.Audiences;
using Dashboard.Features.Budget;
using Dashboard.Features.Campaigns;
using Dashboard.Features.Customers;
using Dashboard.Features.Data;
using Dashboard.Features.Lifetime;
using Dashboard.Features.Lookalike;
using Dashboard.Features.Overview;
using Dashboard.Features.Recommendations;
using Dashboard.Features.Segments;
using Dashboard.Shared;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Cli;

/// <summary>
/// `bench pages`: each page's data load on the configured store, as the page does it on its default URL (the same
/// feature-service calls, in the same order), repeated; p50, p95 and max per page and the process's peak memory.
/// The customer page uses the customer with the most orders, the campaign and product pages the first campaign
/// and the best-selling product. The first call reads the views stored for the store's state, as an app starting on it
/// would, and computes the rest (the report says how many of each); --recompute removes the stored views first.
/// </summary>
public sealed class BenchPagesVerb : ICliVerb
{
    public string Name => "bench pages";

    public string Usage => "bench pages [--runs R (default 20)] [--page NAME] [--recompute] [--json]   (the configured store, after seed-demo and bench models)";

    public async Task<int> RunAsync(CliContext context)
    {
        var runs = context.Args.Int("runs", 20, min: 1, max: 1000);
        var only = context.Args.Optional("page");
        var recompute = context.Args.Flag("recompute");
        using var host = JobHost.Build(context, 1_000, LogLevel.Warning);
        var services = host.Services;
        await services.GetRequiredService<DatabaseInitializer>().MigrateAsync(context.Cancellation);
        if (recompute)
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(context.Cancellation);
            await db.StoredViews.ExecuteDeleteAsync(context.Cancellation);
        }
        var cache = services.GetRequiredService<ViewCache>();
        using var memory = new PeakMemorySampler();
        var pages = await PagesAsync(services, context.Cancellation);
        if (only is not null && pages.All(p => p.Name != only))
        {
            throw new CliInputException($"--page: unknown page \"{only}\"; pages: {string.Join(", ", pages.Select(p => p.Name))}.");
        }
        var timings = new List<PageTiming>();
        foreach (var (name, load) in pages.Where(p => only is null || p.Name == only))
        {
            var (computedBefore, loadedBefore) = (cache.Computed, cache.Loaded);
            var firstWatch = Stopwatch.StartNew();
            await load(context.Cancellation);
            var first = firstWatch.Elapsed.TotalMilliseconds;
            var (computed, loaded) = (cache.Computed - computedBefore, cache.Loaded - loadedBefore);
            var ms = new double[runs];
            for (var r = 0; r < runs; r++)
            {
                var watch = Stopwatch.StartNew();
                await load(context.Cancellation);
                ms[r] = watch.Elapsed.TotalMilliseconds;
            }
            Array.Sort(ms);
            var timing = new PageTiming(name, Math.Round(first, 1), Math.Round(Percentile(ms, 0.5), 1), Math.Round(Percentile(ms, 0.95), 1), Math.Round(ms[^1], 1), computed, loaded);
            timings.Add(timing);
            if (!context.Json)
            {
                await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{timing.Page,-22} first {timing.FirstMs,8:F1} ms ({computed} views computed, {loaded} read stored)   p50 {timing.P50Ms,8:F1}   p95 {timing.P95Ms,8:F1}   max {timing.MaxMs,8:F1}"));
            }
        }
        await cache.FlushAsync();
        var report = new BenchPagesReport(runs, timings, Math.Round(PeakMemorySampler.PeakWorkingSetMb), Math.Round(memory.PeakManagedMb));
        if (context.Json)
        {
            await context.WriteJsonAsync(report);
        }
        else
        {
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{runs} runs per page; peak working set {report.PeakWorkingSetMb:F0} MB, peak managed heap {report.PeakManagedMb:F0} MB"));
        }
        return 0;
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static async Task<IReadOnlyList<(string Name, Func<CancellationToken, Task> Load)>> PagesAsync(IServiceProvider services, CancellationToken ct)
    {
        var factory = services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        var window = new DataWindow(factory, TimeProvider.System);
        var overview = services.GetRequiredService<OverviewService>();
        var customers = services.GetRequiredService<CustomerListService>();
        var customer = services.GetRequiredService<CustomerService>();
        var lifetime = services.GetRequiredService<LifetimeService>();
        var recommendations = services.GetRequiredService<RecommendationsService>();
        var segments = services.GetRequiredService<SegmentsService>();
        var budget = services.GetRequiredService<BudgetService>();
        var groups = services.GetRequiredService<CustomerGroupsService>();
        var campaigns = services.GetRequiredService<CampaignsService>();
        var audiences = services.GetRequiredService<AudiencesService>();
        var lookalike = services.GetRequiredService<LookalikeService>();
        var data = services.GetRequiredService<DataService>();

        long customerId;
        int? campaignId;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            customerId = await db.Orders.GroupBy(o => o.CustomerId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync(ct);
            campaignId = await db.Campaigns.OrderBy(c => c.Id).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
        }
        var sku = (await recommendations.ProductsAsync(ct)).OrderByDescending(p => p.Buyers).Select(p => p.Sku).FirstOrDefault();
        var pages = new List<(string, Func<CancellationToken, Task>)>
        {
            ("overview", async t => await overview.LoadAsync(await window.ResolveAsync(null, null, t), t)),
            ("customers", async t =>
            {
                await customers.SourcesAsync(t);
                await customers.ListAsync(CustomersQuery.Default, t);
            }),
            ("customer", async t =>
            {
                await customer.LoadAsync(customerId, t);
                await customer.TimelineAsync(customerId, new CustomerQuery(), t);
                await lifetime.ForCustomerAsync(customerId, t);
                await recommendations.NextBestProductsAsync(customerId, t);
            }),
            ("segments", t => segments.LoadAsync(SegmentsQuery.Default, null, t)),
            ("lifetime", t => lifetime.LoadAsync(new LifetimeQuery(), t)),
            ("budget", async t =>
            {
                await budget.ScenariosAsync(t);
                await budget.LoadAsync(BudgetQuery.Default.Outcome, t);
                await groups.LoadAsync(t);
            }),
            ("campaigns", async t => await campaigns.ListAsync(new CampaignListQuery(), await window.ResolveAsync(null, null, t), t)),
            ("audiences", async t =>
            {
                await audiences.ListAsync(t);
                await audiences.SourcesAsync(t);
                await audiences.PreviewAsync(new CustomerSegmentFilter(), t);
            }),
            ("lookalike", async t =>
            {
                await lookalike.AudiencesAsync(t);
                await lookalike.LoadAsync(LookalikeQuery.Default, t);
            }),
            ("products", t => recommendations.ProductsAsync(t)),
            ("data", t => data.LoadAsync(t)),
        };
        if (campaignId is { } id)
        {
            pages.Insert(pages.FindIndex(p => p.Item1 == "campaigns") + 1, ("campaign", t => campaigns.LoadAsync(id, new CampaignQuery(), t)));
        }
        if (sku is not null)
        {
            pages.Insert(pages.FindIndex(p => p.Item1 == "products") + 1, ("product", t => recommendations.ProductAsync(sku, t)));
        }
        return pages;
    }
}

/// <summary>Output of bench pages: milliseconds per page data load (first call, then p50/p95/max over the runs).</summary>
public sealed record BenchPagesReport(int Runs, IReadOnlyList<PageTiming> Pages, double PeakWorkingSetMb, double PeakManagedMb);

/// <summary>
/// One page's data-load timings, in milliseconds, and how many whole-store views its first call computed and how many
/// it read as stored.
/// </summary>
public sealed record PageTiming(string Page, double FirstMs, double P50Ms, double P95Ms, double MaxMs, int FirstViewsComputed, int FirstViewsLoaded);
