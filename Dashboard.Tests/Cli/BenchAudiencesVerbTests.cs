using System.Text.Json;
using Dashboard.Cli;
using Dashboard.Tests.TestSupport;

namespace Dashboard.Tests.Cli;

public class BenchAudiencesVerbTests
{
    [Fact]
    public async Task Run_SmallPoolWithoutRetail_PrintsLookalikeFigures()
    {
        var result = await CliRunner.RunAsync(null, "bench", "audiences", "--profiles", "3000", "--train-sample", "2000", "--skip-retail", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var lookalike = json.RootElement.GetProperty("lookalike");
        Assert.Equal(3000, lookalike.GetProperty("scoredAll").GetInt32());
        Assert.InRange(lookalike.GetProperty("auc").GetDouble(), 0.5, 1.0);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("recommendations").ValueKind);
    }

    [Fact]
    public async Task Run_ProfilesBelowMinimum_ExitsWithUsage()
    {
        var result = await CliRunner.RunAsync(null, "bench", "audiences", "--profiles", "10", "--skip-retail");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--profiles", result.Error);
    }
}

public sealed class OnlineRetailBasketsTests : IDisposable
{
    private const string Header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";
    private readonly string _folder = Directory.CreateTempSubdirectory("retail-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Load_MixedLines_KeepsCleanPurchasesAsBaskets()
    {
        File.WriteAllLines(Path.Combine(_folder, "2011-01-02.csv"),
        [
            Header,
            "536365,85123A,\"HANGER, WHITE\",6,2011-01-02 08:26:00,2.55,17850.0,United Kingdom",
            "536365,71053,LANTERN,6,2011-01-02 08:27:00,3.39,17850.0,United Kingdom",
            "536365,85123A,HANGER AGAIN,2,2011-01-02 08:27:00,2.55,17850.0,United Kingdom",
            "C536379,71053,LANTERN,-1,2011-01-02 09:41:00,3.39,17850.0,United Kingdom",
            "536380,71053,LANTERN,1,2011-01-02 09:41:00,3.39,,United Kingdom",
            "536381,POST,POSTAGE,1,2011-01-02 09:41:00,18.00,12583.0,France",
            "536382,22633,HAND WARMER,0,2011-01-02 09:41:00,2.10,12583.0,France",
        ]);
        File.WriteAllLines(Path.Combine(_folder, "2011-01-01.csv"),
            [Header, "536300,71053,LANTERN,1,2011-01-01 10:00:00,3.39,12583.0,France"]);

        var load = OnlineRetailBaskets.Load(_folder);

        Assert.Equal(8, load.Lines);
        Assert.Equal(4, load.KeptLines);
        Assert.Equal((1, 1, 1, 1), (load.Cancellations, load.WithoutCustomer, load.NonProductCodes, load.NonPositiveQuantityOrPrice));
        Assert.Equal(new long[] { 536300, 536365 }, load.Orders.Select(o => o.OrderId));
        var basket = load.Orders[1];
        Assert.Equal(17850, basket.CustomerId);
        Assert.Equal(new DateTime(2011, 1, 2, 8, 26, 0, DateTimeKind.Utc), basket.PlacedAtUtc);
        Assert.Equal(new[] { "71053", "85123A" }, basket.ProductIds.Select(p => load.StockCodes[p]).Order());
    }

    [Fact]
    public void Load_BadQuantity_NamesFileLineAndColumn()
    {
        var file = Path.Combine(_folder, "2011-01-03.csv");
        File.WriteAllLines(file, [Header, "536365,71053,LANTERN,six,2011-01-03 08:26:00,2.55,17850.0,United Kingdom"]);

        var ex = Assert.Throws<CliInputException>(() => OnlineRetailBaskets.Load(_folder));

        Assert.Equal($"{file}: line 2, column Quantity: 'six' is not a number", ex.Message);
    }
}
