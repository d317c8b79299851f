using System.Globalization;
using Dashboard.Data;
using Dashboard.Data.Seed;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Cli;

/// <summary>Rebuilds the demo brand in the configured store: wipes the brand data, keeps the reference sources and channels.</summary>
public sealed class SeedDemoVerb : ICliVerb
{
    public string Name => "seed-demo";

    public string Usage => "seed-demo [--customers N] [--seed S] [--lines-per-order L] [--json]   (N buyers, default 20000; prospects come on top; L: mean order lines per order, add-on lines on top of the brand's own 1.47)";

    public async Task<int> RunAsync(CliContext context)
    {
        var customers = context.Args.Int("customers", 20_000, min: 1, max: 10_000_000);
        var seed = context.Args.Int("seed", 42);
        double? linesPerOrder = context.Args.Optional("lines-per-order") is null ? null : context.Args.Double("lines-per-order", 0, min: 1, max: 100);
        var json = context.Json;
        var factory = context.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await context.Services.GetRequiredService<DatabaseInitializer>().MigrateAsync(context.Cancellation);
        var result = await new DemoBrandSeeder(factory).SeedAsync(new DemoBrandSettings(customers, seed, linesPerOrder), null, context.Cancellation);
        var report = SeedReport.From(result, customers, seed);
        if (json)
        {
            await context.WriteJsonAsync(report);
        }
        else
        {
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Seeded the demo brand (seed {seed}): {report.Persons} persons ({report.Buyers} buyers, {report.Prospects} prospects) " +
                $"resolved into {report.Customers} customers, " +
                $"{report.SourceIdentities} source identities, {report.Orders} orders, {report.OrderLines} order lines, " +
                $"{report.Touchpoints} touchpoints in {report.ElapsedSeconds:F1} s"));
        }
        return 0;
    }
}

/// <summary>The JSON shape of seed-demo and bench seed.</summary>
public sealed record SeedReport(
    int Seed,
    int Customers,
    int Buyers,
    int Prospects,
    int Persons,
    int SourceIdentities,
    long Orders,
    long OrderLines,
    long Touchpoints,
    double ElapsedSeconds,
    IReadOnlyDictionary<string, long> Rows)
{
    public static SeedReport From(DemoSeedResult result, int buyers, int seed) => new(
        seed, result.Customers, buyers, result.Prospects, result.Persons, result.SourceIdentities, result.Orders, result.OrderLines,
        result.Touchpoints, Math.Round(result.Elapsed.TotalSeconds, 3), result.Rows);
}
