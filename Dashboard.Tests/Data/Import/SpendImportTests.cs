using Dashboard.Data.Import;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Tests.Data.Import.ImportTestKit;

namespace Dashboard.Tests.Data.Import;

public sealed class SpendImportTests : IAsyncLifetime
{
    private const string TwoWeeks = SpendHeader + "\nsearch,2024-01-01,1000,3500.5,42\ndouyin_ads,2024-01-08,2000,5000,80.5\n";

    private ImportTestKit _kit = null!;

    public async Task InitializeAsync() => _kit = await ImportTestKit.CreateAsync();

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    [Fact]
    public async Task ImportAsync_NewWeeks_InsertsSpendPerChannelAndWeek()
    {
        var report = await _kit.ImportAsync(ImportKind.Spend, TwoWeeks);

        Assert.Equal((true, 2L), (report.Succeeded, report.RowsInserted));
        await using var db = await _kit.Database.Factory.CreateDbContextAsync();
        var rows = await db.ChannelSpends.Include(s => s.AdChannel).OrderBy(s => s.WeekStartUtc).ToListAsync();
        Assert.Equal([("search", new DateTime(2024, 1, 1), 1000.0, 3500.5, 42.0), ("douyin_ads", new DateTime(2024, 1, 8), 2000.0, 5000.0, 80.5)],
            rows.Select(r => (r.AdChannel!.Code, r.WeekStartUtc, r.Spend, r.Revenue, r.Conversions)));
    }

    [Fact]
    public async Task ImportAsync_SameFileTwice_SecondChangesNothing()
    {
        await _kit.ImportOkAsync(ImportKind.Spend, TwoWeeks);
        var before = await _kit.FingerprintAsync();

        var again = await _kit.ImportAsync(ImportKind.Spend, TwoWeeks);

        Assert.Equal((true, 0L, 2L), (again.Succeeded, again.RowsInserted, again.RowsUnchanged));
        Assert.Equal(before, await _kit.FingerprintAsync());
    }

    [Fact]
    public async Task ImportAsync_RestatedWeek_ReplacesTheStoredFigures()
    {
        await _kit.ImportOkAsync(ImportKind.Spend, TwoWeeks);

        var report = await _kit.ImportOkAsync(ImportKind.Spend, SpendHeader + "\nsearch,2024-01-01,1000,3900,45\n");

        Assert.Equal((1L, 0L), (report.RowsInserted, report.RowsUnchanged));
        await using var db = await _kit.Database.Factory.CreateDbContextAsync();
        var week = await db.ChannelSpends.SingleAsync(s => s.AdChannelId == 5);
        Assert.Equal((3900.0, 45.0, report.ImportRunId), (week.Revenue, week.Conversions, week.ImportRunId));
        Assert.Contains("1 stored weeks replaced", (await db.ImportRuns.SingleAsync(r => r.Id == report.ImportRunId)).Message);
    }

    [Fact]
    public async Task ImportAsync_SameWeekTwiceInFile_RejectedAsDuplicate() =>
        await _kit.AssertRejectedAsync(ImportKind.Spend, SpendHeader + "\nsearch,2024-01-01,1,2,3\nsearch,2024-01-01,1,2,3\n",
            3, "week_start", "duplicate week: search week 2024-01-01 appears more than once");

    [Fact]
    public async Task ImportAsync_UnknownChannel_RejectedListingTheKnownOnes() =>
        await _kit.AssertRejectedAsync(ImportKind.Spend, SpendHeader + "\nsearch,2024-01-01,1,2,3\ntv,2024-01-01,1,2,3\n",
            3, "channel", "unknown ad channel 'tv': known codes are app_push, douyin_ads, jd_ads, kol_live, search, sms, tmall_ads, wechat_moments");

    [Fact]
    public async Task ImportAsync_WeekNotStartingOnMonday_Rejected() =>
        await _kit.AssertRejectedAsync(ImportKind.Spend, SpendHeader + "\nsearch,2024-01-03,1,2,3\n",
            2, "week_start", "week_start 2024-01-03 is a Wednesday: weeks start on Monday");

    [Fact]
    public async Task ImportAsync_UnparsableSpend_Rejected() =>
        await _kit.AssertRejectedAsync(ImportKind.Spend, SpendHeader + "\nsearch,2024-01-01,¥1000,2,3\n",
            2, "spend", "'¥1000' is not a number");

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    public async Task ImportAsync_NonFiniteRevenue_Rejected(string value) =>
        await _kit.AssertRejectedAsync(ImportKind.Spend, SpendHeader + $"\nsearch,2024-01-01,1,{value},3\n",
            2, "revenue", "is not a number");

    [Fact]
    public async Task ImportAsync_NegativeSpend_Rejected() =>
        await _kit.AssertRejectedAsync(ImportKind.Spend, SpendHeader + "\nsearch,2024-01-01,-10,2,3\n",
            2, "spend", "spend -10 is negative");
}
