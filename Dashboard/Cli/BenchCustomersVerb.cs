using System.Diagnostics;
using System.Globalization;
using Dashboard.Data;
using Dashboard.Data.Seed;
using Dashboard.Features.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Cli;

/// <summary>
/// `bench customers`: times pages of the customer list (the same service the page calls) on a big store: the first
/// page, a deep page, sorted pages, searches and filters; p50/p95 over repeated runs. The store is a file given
/// with --database, seeded with the demo brand (--customers buyers) when it has no customers yet, and kept for
/// the next run, since seeding a million customers takes minutes.
/// </summary>
public sealed class BenchCustomersVerb : ICliVerb
{
    public string Name => "bench customers";

    public string Usage => "bench customers --database F.db [--customers N (default 1000000; seeded only when F has no customers)] [--seed S] [--runs R (default 15)] [--json]";

    public async Task<int> RunAsync(CliContext context)
    {
        var path = Path.GetFullPath(context.Args.Required("database"));
        var customers = context.Args.Int("customers", 1_000_000, min: 1, max: 10_000_000);
        var seed = context.Args.Int("seed", 42);
        var runs = context.Args.Int("runs", 15, min: 1, max: 1000);
        IDbContextFactory<DashboardDbContext> factory = new FileFactory(new DbContextOptionsBuilder<DashboardDbContext>()
            .UseSqlite($"Data Source={path}", s => s.CommandTimeout(3600)).Options);
        double? seedSeconds = null;
        await using (var db = await factory.CreateDbContextAsync(context.Cancellation))
        {
            await db.Database.MigrateAsync(context.Cancellation);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", context.Cancellation);
            if (!await db.Customers.AnyAsync(context.Cancellation))
            {
                await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"seeding {customers} buyers into {path} (once)..."));
                var result = await new DemoBrandSeeder(factory).SeedAsync(new DemoBrandSettings(customers, seed), null, context.Cancellation);
                seedSeconds = Math.Round(result.Elapsed.TotalSeconds, 1);
            }
        }
        await using (var db = await factory.CreateDbContextAsync(context.Cancellation))
        {
            // Fresh statistics for the query planner, as a maintained store would have.
            await db.Database.ExecuteSqlRawAsync("PRAGMA optimize;", context.Cancellation);
        }

        var service = new CustomerListService(factory, NullLogger<CustomerListService>.Instance);
        var cases = await CasesAsync(factory, context.Cancellation);
        var timings = new List<CaseTiming>();
        foreach (var (name, query) in cases)
        {
            await service.ListAsync(query, context.Cancellation);
            var ms = new List<double>();
            CustomerListPage? page = null;
            for (var r = 0; r < runs; r++)
            {
                var watch = Stopwatch.StartNew();
                page = await service.ListAsync(query, context.Cancellation);
                ms.Add(watch.Elapsed.TotalMilliseconds);
            }
            ms.Sort();
            timings.Add(new CaseTiming(name, DashboardUrls(query), Math.Round(Percentile(ms, 0.5), 1), Math.Round(Percentile(ms, 0.95), 1),
                page!.Rows.Count, page.Total, page.TotalIsLowerBound));
        }
        var total = await CountAsync(factory, context.Cancellation);
        var report = new BenchCustomersReport(path, total, runs, seedSeconds, timings);
        if (context.Json)
        {
            await context.WriteJsonAsync(report);
            return 0;
        }
        await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"customer list over {total:N0} customers ({runs} runs each){(seedSeconds is { } s ? $", seeded in {s} s" : "")}:"));
        foreach (var t in timings)
        {
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {t.Case,-28} p50 {t.P50Ms,7:F1} ms  p95 {t.P95Ms,7:F1} ms  rows {t.Rows,3}  total {t.Total:N0}{(t.TotalIsLowerBound ? "+" : "")}   {t.Url}"));
        }
        return 0;
    }

    private static async Task<List<(string, CustomersQuery)>> CasesAsync(IDbContextFactory<DashboardDbContext> factory, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var total = await db.Customers.CountAsync(ct);
        var middle = Math.Max(0, (total / 2 / CustomersQuery.DefaultPageSize) - 1);
        // A real customer's phone (one that is not blocked), a source id and a surname to search for.
        var phone = await db.IdentityKeys.Where(k => k.Kind == 1 && k.Value.Length == 11 && !db.IdentifierBlocks.Any(b => b.Kind == 1 && b.Value == k.Value))
            .OrderBy(k => k.SourceIdentityId).Skip(total / 3).Select(k => k.Value).FirstAsync(ct);
        var external = await db.SourceIdentities.OrderBy(i => i.Id).Skip(total / 2).Select(i => i.ExternalId).FirstAsync(ct);
        var surname = (await db.Customers.Where(c => c.Name != null).OrderBy(c => c.Id).Select(c => c.Name!).FirstAsync(ct))[..1];
        return
        [
            ("first page", CustomersQuery.Default),
            ("deep page (middle)", new CustomersQuery(Page: middle)),
            ("sort revenue desc", new CustomersQuery(Sort: CustomerSort.Revenue, Descending: true)),
            ("sort last purchase desc p40", new CustomersQuery(Sort: CustomerSort.LastOrder, Descending: true, Page: 39)),
            ("search phone", new CustomersQuery(Search: $"+86 {phone[..3]} {phone[3..7]} {phone[7..]}")),
            ("search source id", new CustomersQuery(Search: external)),
            ("search surname", new CustomersQuery(Search: surname)),
            ("filter city tier", new CustomersQuery(CityTier: 2)),
            ("filter source", new CustomersQuery(Source: "app")),
            ("filter source deep p200", new CustomersQuery(Source: "app", Page: 199)),
            ("filter first seen + sort", new CustomersQuery(SeenFrom: new DateOnly(2026, 1, 1), SeenTo: new DateOnly(2026, 3, 31), Sort: CustomerSort.Revenue, Descending: true)),
            ("filter last purchase", new CustomersQuery(BoughtFrom: new DateOnly(2026, 10, 1), BoughtTo: new DateOnly(2026, 11, 15))),
            ("filter tier + source + bought", new CustomersQuery(Source: "tmall", CityTier: 1, BoughtFrom: new DateOnly(2026, 6, 1))),
        ];
    }

    private static async Task<int> CountAsync(IDbContextFactory<DashboardDbContext> factory, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Customers.CountAsync(ct);
    }

    private static string DashboardUrls(CustomersQuery query) => Navigation.DashboardUrls.Customers(query);

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    public sealed record CaseTiming(string Case, string Url, double P50Ms, double P95Ms, int Rows, int Total, bool TotalIsLowerBound);

    public sealed record BenchCustomersReport(string Database, int Customers, int Runs, double? SeedSeconds, IReadOnlyList<CaseTiming> Cases);

    private sealed class FileFactory(DbContextOptions<DashboardDbContext> options) : IDbContextFactory<DashboardDbContext>
    {
        public DashboardDbContext CreateDbContext() => new(options);
    }
}
