using System.Diagnostics;
using System.Globalization;
using Dashboard.Data.Seed;

namespace Dashboard.Cli;

/// <summary>Seeds a demo brand into a fresh temporary store (SQLite file, or a PostgreSQL database with --postgres) and reports time, rows and peak memory.</summary>
public sealed class BenchSeedVerb : ICliVerb
{
    public string Name => "bench seed";

    public string Usage => $"bench seed [--customers N] [--seed S] {BenchStore.Usage} [--json]   (temporary database, deleted afterwards)";

    public async Task<int> RunAsync(CliContext context)
    {
        var customers = context.Args.Int("customers", 20_000, min: 1, max: 10_000_000);
        var seed = context.Args.Int("seed", 42);
        var json = context.Json;
        var path = Path.Combine(Path.GetTempPath(), $"dashboard-bench-seed-{Guid.NewGuid():N}.db");
        await using var store = await BenchStore.CreateAsync(context.Args.Optional(BenchStore.Option), path, context.Cancellation);
        {
            var result = await new DemoBrandSeeder(store.Factory).SeedAsync(new DemoBrandSettings(customers, seed), null, context.Cancellation);
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            var totalRows = result.Rows.Values.Sum();
            var report = new BenchSeedReport(
                seed,
                customers,
                result.Customers,
                Math.Round(result.Elapsed.TotalSeconds, 3),
                Math.Round(totalRows / result.Elapsed.TotalSeconds),
                Math.Round(process.PeakWorkingSet64 / 1024.0 / 1024.0, 1),
                await store.SizeMbAsync(context.Cancellation),
                result.Rows);
            if (json)
            {
                await context.WriteJsonAsync(report);
            }
            else
            {
                await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"seeded {customers} buyers ({report.Customers} customers) in {report.ElapsedSeconds:F2} s " +
                    $"({report.RowsPerSecond:N0} rows/s), peak working set {report.PeakWorkingSetMb:F0} MB, database {report.DatabaseMb:F0} MB"));
                foreach (var (table, rows) in report.Rows.OrderBy(r => r.Key, StringComparer.Ordinal))
                {
                    await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {table,-22} {rows,12:N0}"));
                }
            }
            return 0;
        }
    }
}

/// <summary>Output of bench seed: seconds spent seeding, rows per table, the process's peak working set and the database size (MB).</summary>
public sealed record BenchSeedReport(
    int Seed,
    int Buyers,
    int Customers,
    double ElapsedSeconds,
    double RowsPerSecond,
    double PeakWorkingSetMb,
    double DatabaseMb,
    IReadOnlyDictionary<string, long> Rows);
