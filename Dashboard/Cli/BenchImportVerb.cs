using System.Diagnostics;
using System.Globalization;
using Dashboard.Data;
using Dashboard.Data.Import;

namespace Dashboard.Cli;

/// <summary>
/// bench import [--rows N] [--customers N] [--seed S] [--reimport] [--keep-indexes] [--row-by-row] [--json]: writes a customers file
/// and an N-line orders file to a temporary folder (streaming), imports both into a fresh temporary SQLite store (or,
/// with --postgres ADMIN-CONNECTION-STRING, a fresh PostgreSQL database on that server, dropped afterwards) and
/// prints rows/s, elapsed seconds and the process's peak working set. Run it at two sizes to see memory stay flat.
/// A big file into an empty store builds the order indexes at the end; --keep-indexes measures the row-by-row index
/// maintenance that an import into a store already holding more orders than the file gets. On PostgreSQL,
/// --row-by-row measures one statement per row instead of the batched COPY path.
/// </summary>
public sealed class BenchImportVerb : ICliVerb
{
    public string Name => "bench import";

    public string Usage => $"bench import [--rows 1000000] [--customers N (default rows/10)] [--seed 7] [--reimport] [--keep-indexes] [--row-by-row] {BenchStore.Usage} [--json]";

    public async Task<int> RunAsync(CliContext context)
    {
        var rows = context.Args.Int("rows", 1_000_000, 1, 100_000_000);
        var customers = context.Args.Int("customers", Math.Max(1_000, rows / 10), 1, 10_000_000);
        var seed = context.Args.Int("seed", 7);
        var reimport = context.Args.Flag("reimport");
        var keepIndexes = context.Args.Flag("keep-indexes");
        var rowByRow = context.Args.Flag("row-by-row");
        var json = context.Json;
        var ct = context.Cancellation;

        var postgres = context.Args.Optional(BenchStore.Option);
        var folder = Directory.CreateTempSubdirectory("dashboard-bench-import-").FullName;
        try
        {
            var clock = Stopwatch.StartNew();
            var files = BenchImportFiles.Write(folder, customers, rows, seed);
            var generateSeconds = clock.Elapsed.TotalSeconds;

            await using var store = await BenchStore.CreateAsync(postgres, Path.Combine(folder, "bench.db"), ct);
            var factory = store.Factory;
            var importer = new CsvImporter(factory, TimeProvider.System)
            {
                DeferIndexesFromLines = keepIndexes ? long.MaxValue : CsvImporter.DeferIndexesFromLinesDefault,
                PostgresCopy = !rowByRow,
            };
            var (customerReport, _) = await ImportAsync(importer, ImportKind.Customers, files.Customers, ct);
            var (orderReport, orderCpu) = await ImportAsync(importer, ImportKind.Orders, files.Orders, ct);
            var (again, _) = reimport ? await ImportAsync(importer, ImportKind.Orders, files.Orders, ct) : default;
            var failed = new[] { customerReport, orderReport, again }.FirstOrDefault(r => r is { Succeeded: false });
            if (failed is not null)
            {
                throw new CliInputException($"the generated {failed.Kind.Code()} file was rejected: {failed.Problems[0].Problem} (line {failed.Problems[0].Line})");
            }

            using var process = Process.GetCurrentProcess();
            var result = new BenchImportResult(
                rows, customers, Megabytes(new FileInfo(files.Orders).Length), Math.Round(generateSeconds, 2),
                Math.Round(customerReport.Elapsed.TotalSeconds, 2), PerSecond(customerReport),
                Math.Round(orderReport.Elapsed.TotalSeconds, 2), PerSecond(orderReport), orderCpu, Math.Round(rows / Math.Max(orderCpu, 1e-9)),
                again is null ? null : Math.Round(again.Elapsed.TotalSeconds, 2), again is null ? null : PerSecond(again),
                again?.RowsUnchanged, Megabytes(process.PeakWorkingSet64), Megabytes(GC.GetTotalMemory(forceFullCollection: true)),
                store.Provider == StoreProvider.Sqlite ? Megabytes(SQLitePCL.raw.sqlite3_memory_highwater(0)) : 0,
                await store.SizeMbAsync(ct));
            if (json)
            {
                await context.WriteJsonAsync(result);
            }
            else
            {
                await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"""
                    orders file: {rows:N0} lines ({result.OrdersFileMb} MB), customers: {customers:N0}; generated in {result.GenerateSeconds} s
                    import customers: {result.CustomersSeconds} s ({result.CustomersRowsPerSecond:N0} rows/s)
                    import orders:    {result.OrdersSeconds} s ({result.OrdersRowsPerSecond:N0} rows/s); {result.OrdersCpuSeconds} CPU s ({result.OrdersRowsPerCpuSecond:N0} rows per CPU second)
                    """));
                if (again is not null)
                {
                    await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"re-import orders: {result.ReimportSeconds} s ({result.ReimportRowsPerSecond:N0} rows/s), {again.RowsUnchanged:N0} unchanged"));
                }
                await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"peak working set: {result.PeakWorkingSetMb} MB (live managed heap after the run {result.ManagedHeapMb} MB, SQLite's own peak {result.SqlitePeakMb} MB); database: {result.DatabaseMb} MB"));
            }
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    // The machine is shared: CPU seconds of this process say what the import costs when wall time is stretched by others.
    private static async Task<(ImportReport Report, double CpuSeconds)> ImportAsync(CsvImporter importer, ImportKind kind, string path, CancellationToken ct)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var report = await importer.ImportAsync(kind, stream, Path.GetFileName(path), null, ct);
        process.Refresh();
        return (report, Math.Round((process.TotalProcessorTime - cpu).TotalSeconds, 2));
    }

    private static double PerSecond(ImportReport report) => Math.Round(report.RowsRead / Math.Max(report.Elapsed.TotalSeconds, 1e-9));

    private static double Megabytes(long bytes) => Math.Round(bytes / 1024.0 / 1024.0, 1);

}

public sealed record BenchImportResult(
    int Rows,
    int Customers,
    double OrdersFileMb,
    double GenerateSeconds,
    double CustomersSeconds,
    double CustomersRowsPerSecond,
    double OrdersSeconds,
    double OrdersRowsPerSecond,
    double OrdersCpuSeconds,
    double OrdersRowsPerCpuSecond,
    double? ReimportSeconds,
    double? ReimportRowsPerSecond,
    long? ReimportUnchanged,
    double PeakWorkingSetMb,
    double ManagedHeapMb,
    double SqlitePeakMb,
    double DatabaseMb);

/// <summary>Deterministic import files for the benchmark, written line by line (never held in memory).</summary>
internal static class BenchImportFiles
{
    private static readonly string[] Sources = ["tmall", "jd", "douyin", "wechat", "app", "web", "offline"];
    private static readonly string[] Categories = ["cleanser", "toner", "serum", "cream", "mask", "sunscreen"];

    public sealed record Files(string Customers, string Orders);

    public static Files Write(string folder, int customers, int lines, int seed)
    {
        var random = new Random(seed);
        var start = new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var customersPath = Path.Combine(folder, "customers.csv");
        using (var writer = new StreamWriter(customersPath))
        {
            writer.WriteLine(string.Join(",", CsvLayouts.Customers));
            for (var i = 0; i < customers; i++)
            {
                var firstSeen = start.AddMinutes(random.Next(0, 365 * 24 * 60));
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{Sources[i % Sources.Length]},u{i:D8},Customer {i},138{i:D8},c{i}@example.com,M{i:D8},{(random.Next(3) == 0 ? "M" : "F")},{random.Next(1960, 2006)},Shanghai,{random.Next(1, 6)},{firstSeen:yyyy-MM-ddTHH:mm:ssZ},1,{random.Next(2)},0,1"));
            }
        }
        var ordersPath = Path.Combine(folder, "orders.csv");
        using (var writer = new StreamWriter(ordersPath))
        {
            writer.WriteLine(string.Join(",", CsvLayouts.Orders));
            var written = 0;
            for (var order = 0; written < lines; order++)
            {
                var buyer = random.Next(customers);
                var placedAt = start.AddMinutes(random.Next(0, 2 * 365 * 24 * 60));
                var count = Math.Min(random.Next(1, 5), lines - written);
                for (var line = 1; line <= count; line++, written++)
                {
                    var sku = random.Next(300);
                    writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{Sources[buyer % Sources.Length]},o{order:D9},{line},u{buyer:D8},{placedAt:yyyy-MM-ddTHH:mm:ss+08:00},SKU-{sku:D4},Product {sku},{Categories[sku % Categories.Length]},{random.Next(1, 4)},{(49 + (sku % 40) * 10).ToString("0.00", CultureInfo.InvariantCulture)}"));
                }
            }
        }
        return new Files(customersPath, ordersPath);
    }
}
