using System.Text.Json;
using Dashboard.Data;
using Dashboard.Data.Seed;
using Dashboard.Tests.TestSupport;

namespace Dashboard.Tests.Data.Seed;

public class DemoBrandSeederTests
{
    [Fact]
    public async Task Seed_SameSeedTwice_WritesAnIdenticalBrand()
    {
        await using var db = await TestDatabase.CreateAsync(StoreProvider.Sqlite);
        var seeder = new DemoBrandSeeder(db.Factory);

        var first = await seeder.SeedAsync(new DemoBrandSettings(300, 5), null, CancellationToken.None);
        var firstPrint = await SeedQueries.FingerprintAsync(db);
        // Seeding again over an existing brand wipes it first: the same brand, not a doubled one.
        var second = await seeder.SeedAsync(new DemoBrandSettings(300, 5), null, CancellationToken.None);
        var secondPrint = await SeedQueries.FingerprintAsync(db);

        Assert.Equal(first.Rows, second.Rows);
        Assert.Equal(firstPrint, secondPrint);
        Assert.Equal(first.Orders, (long)(await SeedQueries.QueryAsync(db, "SELECT COUNT(*) FROM Orders"))[0][0]!);
    }

    [Fact]
    public async Task Seed_DifferentSeeds_WriteDifferentBrands()
    {
        await using var db = await TestDatabase.CreateAsync(StoreProvider.Sqlite);
        var seeder = new DemoBrandSeeder(db.Factory);

        await seeder.SeedAsync(new DemoBrandSettings(300, 5), null, CancellationToken.None);
        var five = await SeedQueries.FingerprintAsync(db);
        var fivePhones = await SeedQueries.QueryAsync(db, "SELECT Phone FROM SourceIdentities WHERE Phone IS NOT NULL ORDER BY Id LIMIT 20");
        await seeder.SeedAsync(new DemoBrandSettings(300, 6), null, CancellationToken.None);
        var six = await SeedQueries.FingerprintAsync(db);
        var sixPhones = await SeedQueries.QueryAsync(db, "SELECT Phone FROM SourceIdentities WHERE Phone IS NOT NULL ORDER BY Id LIMIT 20");

        Assert.NotEqual(five, six);
        Assert.NotEqual(fivePhones.Select(r => r[0]), sixPhones.Select(r => r[0]));
    }

    [Fact]
    public async Task Seed_WithProgress_ReportsStagesUpToDone()
    {
        await using var db = await TestDatabase.CreateAsync(StoreProvider.Sqlite);
        var reports = new List<DemoSeedProgress>();
        var progress = new SynchronousProgress(reports);

        await new DemoBrandSeeder(db.Factory).SeedAsync(new DemoBrandSettings(200, 1), progress, CancellationToken.None);

        Assert.Equal("done", reports[^1].Stage);
        Assert.Contains(reports, r => r.Stage == "people" && r.Fraction is > 0 and < 1);
        Assert.All(reports, r => Assert.InRange(r.Fraction, 0, 1));
    }

    [Fact]
    public async Task Seed_OverAnExistingBrand_ReplacesItAndKeepsReferenceData()
    {
        await using var db = await TestDatabase.CreateAsync(StoreProvider.Sqlite);
        await new DemoBrandSeeder(db.Factory).SeedAsync(new DemoBrandSettings(300, 2), null, CancellationToken.None);

        await new DemoBrandSeeder(db.Factory).SeedAsync(new DemoBrandSettings(100, 2), null, CancellationToken.None);

        var rows = await SeedQueries.QueryAsync(db,
            "SELECT (SELECT COUNT(*) FROM Customers), (SELECT COUNT(*) FROM DataSources), (SELECT COUNT(*) FROM AdChannels), (SELECT COUNT(*) FROM Products)");
        Assert.Equal(new object?[] { 8L, 8L, 67L }, rows[0][1..]);
        // 120 persons (100 buyers, 20 prospects), resolved into about as many profiles.
        Assert.InRange((long)rows[0][0]!, 115L, 130L);
    }

    [Fact]
    public async Task SeedDemoVerb_SmallBrand_RebuildsTheStoreAndPrintsCounts()
    {
        await using var db = await TestDatabase.CreateAsync(StoreProvider.Sqlite);

        var result = await CliRunner.RunAsync(db.Settings, "seed-demo", "--customers", "200", "--seed", "3", "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(240, json.RootElement.GetProperty("persons").GetInt32());
        Assert.InRange(json.RootElement.GetProperty("customers").GetInt32(), 230, 260);
        Assert.Equal(json.RootElement.GetProperty("customers").GetInt64(), (long)(await SeedQueries.QueryAsync(db, "SELECT COUNT(*) FROM Customers"))[0][0]!);
        Assert.Equal(200, json.RootElement.GetProperty("buyers").GetInt32());
        Assert.Equal(40, json.RootElement.GetProperty("prospects").GetInt32());
        Assert.True(json.RootElement.GetProperty("elapsedSeconds").GetDouble() > 0);
        var orders = json.RootElement.GetProperty("orders").GetInt64();
        Assert.Equal(orders, (long)(await SeedQueries.QueryAsync(db, "SELECT COUNT(*) FROM Orders"))[0][0]!);
        Assert.Equal(orders, json.RootElement.GetProperty("rows").GetProperty("Orders").GetInt64());
    }

    [Fact]
    public async Task SeedDemoVerb_WithoutJson_PrintsASentence()
    {
        await using var db = await TestDatabase.CreateAsync(StoreProvider.Sqlite);

        var result = await CliRunner.RunAsync(db.Settings, "seed-demo", "--customers", "100");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("120 persons (100 buyers, 20 prospects) resolved into ", result.Output);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("many")]
    public async Task SeedDemoVerb_BadCustomerCount_ExitsWithUsage(string customers)
    {
        await using var db = await TestDatabase.CreateAsync(StoreProvider.Sqlite);

        var result = await CliRunner.RunAsync(db.Settings, "seed-demo", "--customers", customers);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--customers", result.Error);
        Assert.Contains("usage: seed-demo", result.Error);
    }

    [Fact]
    public async Task Seed_MoreLinesPerOrder_AddsLinesAndKeepsEverythingElse()
    {
        await using var db = await TestDatabase.CreateAsync(StoreProvider.Sqlite);
        var seeder = new DemoBrandSeeder(db.Factory);
        const string Orders = "SELECT Id, CustomerId, SourceId, PlacedAtUtc, Total, OrderNo FROM Orders ORDER BY Id";
        const string Touches = "SELECT COUNT(*), SUM(Id), SUM(CustomerId), MIN(OccurredAtUtc), MAX(OccurredAtUtc) FROM Touchpoints";
        const string FirstLines = "SELECT OrderId, ProductId FROM OrderLines WHERE LineNo = 1 ORDER BY OrderId";

        var own = await seeder.SeedAsync(new DemoBrandSettings(400, 9), null, CancellationToken.None);
        var ownOrders = await SeedQueries.QueryAsync(db, Orders);
        var ownTouches = await SeedQueries.QueryAsync(db, Touches);
        var ownFirstLines = await SeedQueries.QueryAsync(db, FirstLines);
        var big = await seeder.SeedAsync(new DemoBrandSettings(400, 9, LinesPerOrder: 8), null, CancellationToken.None);

        // The same orders (times, values, channels, customers), touchpoints and first products: only the baskets grew.
        Assert.Equal(ownOrders, await SeedQueries.QueryAsync(db, Orders));
        Assert.Equal(ownTouches, await SeedQueries.QueryAsync(db, Touches));
        Assert.Equal(ownFirstLines, await SeedQueries.QueryAsync(db, FirstLines));
        Assert.Equal(own.Customers, big.Customers);
        // Poisson add-ons of mean 8 − 1.467 on top of the brand's own lines: about 8 per order (the sample mean of ~1,000 orders).
        Assert.InRange((double)own.OrderLines / own.Orders, 1.3, 1.65);
        Assert.InRange((double)big.OrderLines / big.Orders, 7.6, 8.4);
        // Every order's lines still add up to its total, to the fen, and each line's amount is its quantity times its price.
        var mismatches = await SeedQueries.QueryAsync(db, """
            SELECT COUNT(*) FROM Orders o
            WHERE ABS(o.Total - (SELECT SUM(l.Amount) FROM OrderLines l WHERE l.OrderId = o.Id)) > 0.005
               OR o.LineCount <> (SELECT COUNT(*) FROM OrderLines l WHERE l.OrderId = o.Id)
            """);
        Assert.Equal(0L, mismatches[0][0]);
        var badLines = await SeedQueries.QueryAsync(db, "SELECT COUNT(*) FROM OrderLines WHERE Amount <= 0 OR ABS(Amount - Quantity * UnitPrice) > 0.005");
        Assert.Equal(0L, badLines[0][0]);
    }

    [Theory]
    [InlineData("0.5")]
    [InlineData("lots")]
    public async Task SeedDemoVerb_BadLinesPerOrder_ExitsWithUsage(string lines)
    {
        await using var db = await TestDatabase.CreateAsync(StoreProvider.Sqlite);

        var result = await CliRunner.RunAsync(db.Settings, "seed-demo", "--customers", "100", "--lines-per-order", lines);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--lines-per-order must be a number between 1 and 100", result.Error);
    }

    [Fact]
    public async Task BenchSeedVerb_SmallBrand_ReportsTimeRowsAndMemory()
    {
        var result = await CliRunner.RunAsync(null, "bench", "seed", "--customers", "100", "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(json.RootElement.GetProperty("customers").GetInt64(), json.RootElement.GetProperty("rows").GetProperty("Customers").GetInt64());
        Assert.InRange(json.RootElement.GetProperty("customers").GetInt32(), 115, 130);
        Assert.True(json.RootElement.GetProperty("peakWorkingSetMb").GetDouble() > 0);
        Assert.True(json.RootElement.GetProperty("elapsedSeconds").GetDouble() > 0);
    }

    private sealed class SynchronousProgress(List<DemoSeedProgress> reports) : IProgress<DemoSeedProgress>
    {
        public void Report(DemoSeedProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
