using System.Text.Json;
using Dashboard.Tests.TestSupport;

namespace Dashboard.Tests.Cli;

public sealed class SegmentVerbTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("segment-verb-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Segment_OnlineRetailByDay_PublishedCleanSubsetFigures()
    {
        var result = await CliRunner.RunAsync(null, "segment", "--transactions", SharedData.PathOf("online-retail", "by-day"),
            "--format", "online-retail", "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        var json = JsonDocument.Parse(result.Output).RootElement;
        // The README's clean-purchases subset: 541,909 rows, of which 397,884 kept; 4,338 customers.
        Assert.Equal(4338, json.GetProperty("customers").GetInt32());
        Assert.Equal(8911407.90, json.GetProperty("revenue").GetDouble(), 2);
        Assert.Equal(541909, json.GetProperty("rows").GetInt64());
        Assert.Equal(397884, json.GetProperty("rowsUsed").GetInt64());
        Assert.Equal("2011-12-09", json.GetProperty("asOf").GetString());
        var dropped = json.GetProperty("dropped");
        Assert.Equal(135080, dropped.GetProperty("missingCustomerId").GetInt64());
        Assert.Equal(8905, dropped.GetProperty("cancelled").GetInt64());
        Assert.Equal(0, dropped.GetProperty("nonPositiveQuantity").GetInt64());
        Assert.Equal(40, dropped.GetProperty("nonPositivePrice").GetInt64());
        Assert.Equal(0.746079, json.GetProperty("top20RevenueShare").GetDouble(), 6);
        Assert.Equal(4338, json.GetProperty("rfm").EnumerateObject().Sum(p => p.Value.GetInt32()));
        var pyramid = json.GetProperty("pyramid").EnumerateArray().ToList();
        Assert.Equal([43, 174, 651, 1301, 2169], pyramid.Select(t => t.GetProperty("customers").GetInt32()));
        Assert.Equal("Top 1%", pyramid[0].GetProperty("tier").GetString());
        Assert.Equal(1.0, pyramid.Sum(t => t.GetProperty("revenueShare").GetDouble()), 5);
    }

    [Fact]
    public async Task Segment_SmallCsv_HandComputedSegmentsAndShares()
    {
        var file = Write("t.csv",
            "customer_id,date,amount",
            "A,2024-06-30,600", "A,2024-06-29,400", "A,2024-06-28,100", "A,2024-06-27,100", "A,2024-06-26,100",
            "B,2024-06-20,10",
            "C,2024-06-10,250", "C,2024-06-09,250", "C,2024-06-08,100", "C,2024-06-07,100",
            "D,2024-05-31,150", "D,2024-05-30,150", "D,2024-05-29,100",
            "E,2024-05-21,10", "E,2024-05-20,10");

        var result = await CliRunner.RunAsync(null, "segment", "--transactions", file, "--format", "csv", "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        var json = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal(5, json.GetProperty("customers").GetInt32());
        Assert.Equal(2430, json.GetProperty("revenue").GetDouble());
        Assert.Equal("2024-06-30", json.GetProperty("asOf").GetString());
        // R by recency 0/10/20/30/40 days, F by 5/1/4/3/2 days, M by 1300/10/700/400/20 → A Champions, B Promising,
        // C (3, 4, 4) Loyal, D (2, 3, 3) At risk, E (1, 2, 2) Lost.
        var rfm = json.GetProperty("rfm");
        Assert.Equal(11, rfm.EnumerateObject().Count());
        Assert.Equal([1, 1, 1, 1, 1], new[] { "Champions", "Promising", "Loyal", "At risk", "Lost" }.Select(s => rfm.GetProperty(s).GetInt32()));
        Assert.Equal(0, rfm.GetProperty("Can't lose them").GetInt32());
        // top 20% of 5 customers = A: 1300 of 2430
        Assert.Equal(Math.Round(1300.0 / 2430, 6), json.GetProperty("top20RevenueShare").GetDouble(), 6);
        Assert.Equal(0, json.GetProperty("dropped").GetProperty("nonPositiveAmount").GetInt64());
    }

    [Fact]
    public async Task Segment_FolderWithAsOf_DropsLaterRowsAndCountsThem()
    {
        Write("day1.csv", "customer_id,date,amount", "A,2024-01-01,10", ",2024-01-01,5", "B,2024-01-01,-4");
        Write("day2.csv", "customer_id,date,amount", "A,2024-01-02,10", "B,2024-01-03,7");
        Write("notes.txt", "not a csv file");

        var result = await CliRunner.RunAsync(null, "segment", "--transactions", _folder, "--format", "csv", "--as-of", "2024-01-02", "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        var json = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal(2, json.GetProperty("files").GetInt32());
        Assert.Equal(1, json.GetProperty("customers").GetInt32());
        Assert.Equal(20, json.GetProperty("revenue").GetDouble());
        var dropped = json.GetProperty("dropped");
        Assert.Equal((1, 1, 1), (dropped.GetProperty("missingCustomerId").GetInt64(), dropped.GetProperty("nonPositiveAmount").GetInt64(),
            dropped.GetProperty("afterAsOf").GetInt64()));
    }

    [Fact]
    public async Task Segment_WithoutJson_PrintsReadableSummary()
    {
        var file = Write("t.csv", "customer_id,date,amount", "A,2024-01-01,10");

        var result = await CliRunner.RunAsync(null, "segment", "--transactions", file, "--format", "csv");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("1 customers, revenue 10.00, as of 2024-01-01", result.Output);
    }

    [Fact]
    public async Task Segment_CsvBadAmount_ExitsOneNamingFileLineAndColumn()
    {
        var file = Write("bad.csv", "customer_id,date,amount", "A,2024-01-01,10", "B,2024-01-02,ten");

        var result = await CliRunner.RunAsync(null, "segment", "--transactions", file, "--format", "csv", "--json");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{file}:3: amount 'ten' is not a number", result.Error);
    }

    [Fact]
    public async Task Segment_CsvBadDate_ExitsOne()
    {
        var file = Write("bad.csv", "customer_id,date,amount", "A,01/02/2024,10");

        var result = await CliRunner.RunAsync(null, "segment", "--transactions", file, "--format", "csv");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{file}:2: date '01/02/2024' is not a date YYYY-MM-DD", result.Error);
    }

    [Fact]
    public async Task Segment_WrongHeader_ExitsOneNamingTheExpectedHeader()
    {
        var file = Write("bad.csv", "customer,date,amount", "A,2024-01-01,10");

        var result = await CliRunner.RunAsync(null, "segment", "--transactions", file, "--format", "csv");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{file}:1: expected the header customer_id,date,amount", result.Error);
    }

    [Fact]
    public async Task Segment_OnlineRetailBadQuantity_ExitsOne()
    {
        var file = Write("2011-01-01.csv",
            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
            "536365,85123A,\"HEART, WHITE\",6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom",
            "536366,22633,HAND WARMER,six,2010-12-01 08:28:00,1.85,17850.0,United Kingdom");

        var result = await CliRunner.RunAsync(null, "segment", "--transactions", file, "--format", "online-retail");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{file}:3: Quantity 'six' is not a whole number", result.Error);
    }

    [Fact]
    public async Task Segment_OnlineRetailQuotedFieldsAndCleaning_CountsEachReason()
    {
        var file = Write("2011-01-01.csv",
            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
            "536365,85123A,\"HEART, \"\"WHITE\"\"\",6,2010-12-01 08:26:00,2.5,17850.0,United Kingdom",
            "536365,71053,LANTERN,2,2010-12-01 08:26:00,5,17850.0,United Kingdom",
            "536366,22633,HAND WARMER,1,2010-12-02 08:28:00,1.85,,United Kingdom",
            "C536367,22633,HAND WARMER,-1,2010-12-02 08:28:00,1.85,17850.0,United Kingdom",
            "536368,22633,HAND WARMER,-2,2010-12-02 08:28:00,1.85,17850.0,United Kingdom",
            "536369,22633,HAND WARMER,2,2010-12-02 08:28:00,0,13047.0,United Kingdom");

        var result = await CliRunner.RunAsync(null, "segment", "--transactions", file, "--format", "online-retail", "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        var json = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal((1, 25.0, 1L), (json.GetProperty("customers").GetInt32(), json.GetProperty("revenue").GetDouble(), json.GetProperty("orders").GetInt64()));
        var dropped = json.GetProperty("dropped");
        Assert.Equal([1L, 1L, 1L, 1L, 0L], new[] { "missingCustomerId", "cancelled", "nonPositiveQuantity", "nonPositivePrice", "afterAsOf" }
            .Select(r => dropped.GetProperty(r).GetInt64()));
        Assert.Equal("2010-12-01", json.GetProperty("asOf").GetString());
    }

    [Fact]
    public async Task Segment_UnterminatedQuote_ExitsOne()
    {
        var file = Write("q.csv", "customer_id,date,amount", "\"A,2024-01-01,10");

        var result = await CliRunner.RunAsync(null, "segment", "--transactions", file, "--format", "csv");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{file}:2: field 1 has an opening quote without a closing one", result.Error);
    }

    [Fact]
    public async Task Segment_OnlyDroppedRows_ExitsOne()
    {
        var file = Write("t.csv", "customer_id,date,amount", ",2024-01-01,10");

        var result = await CliRunner.RunAsync(null, "segment", "--transactions", file, "--format", "csv");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no purchase rows left after cleaning", result.Error);
    }

    [Theory]
    [InlineData("--format", "xlsx")]
    [InlineData("--format", "csv", "--as-of", "2024-13-01")]
    public async Task Segment_BadArguments_ExitsTwoWithUsage(params string[] options)
    {
        var file = Write("t.csv", "customer_id,date,amount", "A,2024-01-01,10");

        var result = await CliRunner.RunAsync(null, ["segment", "--transactions", file, .. options]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("usage: segment --transactions PATH", result.Error);
    }

    [Fact]
    public async Task Segment_MissingPath_ExitsTwo()
    {
        var result = await CliRunner.RunAsync(null, "segment", "--transactions", Path.Combine(_folder, "nope"), "--format", "csv");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no such file or folder", result.Error);
    }

    [Fact]
    public async Task BenchSegment_SmallPopulation_ReportsSeconds()
    {
        var result = await CliRunner.RunAsync(null, "bench", "segment", "--customers", "2000", "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        var json = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal(2000, json.GetProperty("customers").GetInt32());
        Assert.True(json.GetProperty("totalSeconds").GetDouble() > 0);
    }

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }
}
