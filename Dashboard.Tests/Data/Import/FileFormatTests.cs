using System.Text;
using Dashboard.Data.Import;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Tests.Data.Import.ImportTestKit;

namespace Dashboard.Tests.Data.Import;

/// <summary>What every kind shares: the header, the encoding, the shape of rows, line numbers and the problem limit.</summary>
public sealed class FileFormatTests : IAsyncLifetime
{
    private ImportTestKit _kit = null!;

    public async Task InitializeAsync() => _kit = await ImportTestKit.CreateAsync();

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    [Fact]
    public async Task ImportAsync_HeaderMissesAColumn_RejectedNamingIt() =>
        await _kit.AssertRejectedAsync(ImportKind.Spend, "channel,week_start,spend,revenue\nsearch,2024-01-01,1,2\n",
            1, "conversions", "missing column 'conversions'");

    [Fact]
    public async Task ImportAsync_HeaderHasAnUnexpectedColumn_RejectedNamingIt() =>
        await _kit.AssertRejectedAsync(ImportKind.Spend, SpendHeader + ",note\nsearch,2024-01-01,1,2,3,hello\n",
            1, "note", "unexpected column 'note'");

    [Fact]
    public async Task ImportAsync_WrongColumnSet_ReportsMissingAndUnexpectedColumns()
    {
        var before = await _kit.FingerprintAsync();

        var report = await _kit.ImportAsync(ImportKind.Orders,
            "source,order_no,line_no,source_id,ordered_at,product_code,product_name,category,quantity,unit_price\n");

        Assert.False(report.Succeeded);
        Assert.Equal([(1L, "product_code", "unexpected column"), (1L, "sku", "missing column")],
            report.Problems.Select(p => (p.Line, p.Column!, p.Problem.Split(" '")[0])));
        Assert.Equal(before, await _kit.FingerprintAsync());
    }

    [Fact]
    public async Task ImportAsync_ColumnsInAnotherOrderAndCase_Applied()
    {
        var report = await _kit.ImportAsync(ImportKind.Spend, " Revenue ,conversions,week_start,CHANNEL,spend\n200.5,3,2024-01-01,search,100\n");

        Assert.True(report.Succeeded);
        await using var db = await _kit.Database.Factory.CreateDbContextAsync();
        var row = await db.ChannelSpends.SingleAsync();
        Assert.Equal((100.0, 200.5, 3.0), (row.Spend, row.Revenue, row.Conversions));
    }

    [Fact]
    public async Task ImportAsync_NotUtf8_RejectedNamingTheLine()
    {
        var before = await _kit.FingerprintAsync();
        var bytes = new List<byte>(Encoding.UTF8.GetBytes(CustomersHeader + "\ntmall,u1,,,,,,,,,2024-01-05,,,,\ntmall,u2,,,,,,,,,2024-01-05,,,,\n"));
        // "张三" in GBK, as Excel on a Chinese Windows saves it.
        bytes.AddRange(Encoding.ASCII.GetBytes("tmall,u3,"));
        bytes.AddRange([0xD5, 0xC5, 0xC8, 0xFD]);
        bytes.AddRange(Encoding.ASCII.GetBytes(",,,,,,,,2024-01-05,,,,\ntmall,u4,,,,,,,,,2024-01-05,,,,\n"));

        var report = await _kit.ImportBytesAsync(ImportKind.Customers, bytes.ToArray());

        Assert.False(report.Succeeded);
        var problem = Assert.Single(report.Problems);
        Assert.Equal(4, problem.Line);
        Assert.Contains("not valid UTF-8 near line 4", problem.Problem);
        Assert.Equal(before, await _kit.FingerprintAsync());
    }

    [Fact]
    public async Task ImportAsync_Utf16File_RejectedAsNotUtf8()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(SpendHeader + "\nsearch,2024-01-01,1,2,3\n")).ToArray();

        var report = await _kit.ImportBytesAsync(ImportKind.Spend, bytes);

        Assert.Contains("not valid UTF-8", Assert.Single(report.Problems).Problem);
        Assert.Equal(0, await _kit.CountAsync("ChannelSpends"));
    }

    [Fact]
    public async Task ImportAsync_Utf8WithBomAndCrLf_Applied()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(CustomersHeader + "\r\ntmall,u1,张三,,,,,,上海,,2024-01-05,,,,\r\n")).ToArray();

        var report = await _kit.ImportBytesAsync(ImportKind.Customers, bytes);

        Assert.True(report.Succeeded);
        await using var db = await _kit.Database.Factory.CreateDbContextAsync();
        var customer = await db.Customers.SingleAsync();
        Assert.Equal(("张三", "上海"), (customer.Name, customer.City));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    public async Task ImportAsync_EmptyFile_RejectedAsEmpty(string csv) =>
        await _kit.AssertRejectedAsync(ImportKind.Orders, csv, 1, null, "the file is empty: expected a header row");

    [Fact]
    public async Task ImportAsync_HeaderOnly_RejectedAsHavingNoRows() =>
        await _kit.AssertRejectedAsync(ImportKind.Spend, SpendHeader + "\n", 2, null, "no rows");

    [Fact]
    public async Task ImportAsync_RowWithTooFewFields_RejectedNamingTheLine() =>
        await _kit.AssertRejectedAsync(ImportKind.Spend, SpendHeader + "\nsearch,2024-01-01,1,2,3\nsearch,2024-01-08,1,2\n",
            3, null, "the row has 4 fields but the header has 5");

    [Fact]
    public async Task ImportAsync_MalformedQuoting_RejectedNamingTheLine() =>
        await _kit.AssertRejectedAsync(ImportKind.Customers, CustomersHeader + "\ntmall,u1,Li \"Na\" Li,,,,,,,,2024-01-05,,,,\n",
            2, null, "malformed quoting");

    [Fact]
    public async Task ImportAsync_QuotedFieldSpanningLines_LaterLinesKeepTheirNumbers()
    {
        var report = await _kit.ImportAsync(ImportKind.Customers, CustomersHeader + "\n" +
            "tmall,u1,\"Li\nNa\",,,,,,,,2024-01-05,,,,\n" +
            "tmall,u2,,,,,X,,,,2024-01-05,,,,\n");

        var problem = Assert.Single(report.Problems);
        Assert.Equal((4L, "gender"), (problem.Line, problem.Column));
    }

    [Fact]
    public async Task ImportAsync_ProblemInRowSpanningLines_NamesTheLineWhereItStarts()
    {
        var report = await _kit.ImportAsync(ImportKind.Customers, CustomersHeader + "\n" +
            "tmall,u1,,,,,,,,,2024-01-05,,,,\n" +
            "tmall,u2,\"Li\nNa\",,,,X,,,,2024-01-05,,,,\n");

        Assert.Equal((3L, "gender"), (report.Problems[0].Line, report.Problems[0].Column));
    }

    [Fact]
    public async Task ImportAsync_ManyBadRows_StopsAfterTheProblemLimit()
    {
        var csv = new StringBuilder(SpendHeader + "\n");
        for (var i = 0; i < 150; i++)
        {
            csv.Append("nowhere,2024-01-01,1,2,3\n");
        }

        var report = await _kit.ImportAsync(ImportKind.Spend, csv.ToString());

        Assert.False(report.Succeeded);
        Assert.Equal(CsvImporter.MaxProblems + 1, report.Problems.Count);
        Assert.Equal(CsvImporter.MaxProblems, report.RowsRead);
        Assert.Contains("stopped reading after 100 problems", report.Problems[^1].Problem);
        Assert.Equal(0, await _kit.CountAsync("ChannelSpends"));
    }

    [Fact]
    public async Task ImportAsync_Applied_RecordsASucceededRun()
    {
        var report = await _kit.ImportOkAsync(ImportKind.Spend, SpendHeader + "\nsearch,2024-01-01,1,2,3\nkol_live,2024-01-01,4,5,6\n");

        await using var db = await _kit.Database.Factory.CreateDbContextAsync();
        var run = await db.ImportRuns.SingleAsync();
        Assert.Equal(report.ImportRunId, run.Id);
        Assert.Equal(("spend", "test.csv", "succeeded", 2L, 2L, 0L), (run.Kind, run.FileName, run.Status, run.RowsRead, run.RowsInserted, run.RowsUnchanged));
        Assert.NotNull(run.FinishedUtc);
        Assert.All(await db.ChannelSpends.ToListAsync(), s => Assert.Equal(run.Id, s.ImportRunId));
    }

    [Fact]
    public async Task ImportAsync_Rejected_RecordsARejectedRunAndNoData()
    {
        var report = await _kit.ImportAsync(ImportKind.Spend, SpendHeader + "\nsearch,2024-01-01,1,2,3\nsearch,2024-01-08,x,2,3\n", "weekly.csv");

        await using var db = await _kit.Database.Factory.CreateDbContextAsync();
        var run = await db.ImportRuns.SingleAsync();
        Assert.Equal(report.ImportRunId, run.Id);
        Assert.Equal(("rejected", 2L, 0L), (run.Status, run.RowsRead, run.RowsInserted));
        Assert.Contains("line 3, spend: 'x' is not a number", run.Message);
        Assert.Equal(0, await db.ChannelSpends.CountAsync());
    }

    [Fact]
    public async Task ImportAsync_LargeFile_ReportsProgressEvery10000Rows()
    {
        var csv = new StringBuilder(CustomersHeader + "\n");
        for (var i = 0; i < 25_000; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"app,a{i},,,,,,,,,2024-01-05,,,,\n");
        }
        var bytes = Encoding.UTF8.GetBytes(csv.ToString());
        var reports = new List<ImportProgress>();

        var report = await _kit.ImportBytesAsync(ImportKind.Customers, bytes, progress: new SyncProgress(reports.Add));

        Assert.True(report.Succeeded);
        Assert.Equal([10_000L, 20_000L, 25_000L], reports.Select(r => r.RowsRead));
        Assert.All(reports, r => Assert.Equal(bytes.Length, r.TotalBytes));
        Assert.Equal(1.0, reports[^1].Fraction);
    }

    [Fact]
    public async Task ImportAsync_Cancelled_RollsBackAndRecordsACancelledRun()
    {
        var csv = new StringBuilder(CustomersHeader + "\n");
        for (var i = 0; i < 15_000; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"app,a{i},,,,,,,,,2024-01-05,,,,\n");
        }
        using var cts = new CancellationTokenSource();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _kit.Importer.ImportAsync(ImportKind.Customers, stream, "big.csv", new SyncProgress(_ => cts.Cancel()), cts.Token));

        await using var db = await _kit.Database.Factory.CreateDbContextAsync();
        Assert.Equal("cancelled", (await db.ImportRuns.SingleAsync()).Status);
        Assert.Equal(0, await db.Customers.CountAsync());
    }

    private sealed class SyncProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
