using Dashboard.Navigation;
using Dashboard.Shared;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Shared;

public class DayRangeTests
{
    [Theory]
    [InlineData("2025-01-01", "2025-06-30", true)]
    [InlineData("2025-06-30", "2025-06-30", true)]
    [InlineData("2025-07-01", "2025-06-30", false)]
    [InlineData("2025-1-1", "2025-06-30", false)]
    [InlineData("garbage", "2025-06-30", false)]
    [InlineData(null, "2025-06-30", false)]
    [InlineData("2025-02-30", "2025-06-30", false)]
    public void TryParse_QueryValues_AcceptsOnlyOrderedIsoDays(string? from, string? to, bool valid)
    {
        var range = DayRange.TryParse(from, to);

        Assert.Equal(valid, range.HasValue);
    }

    [Fact]
    public void Bounds_InclusiveLastDay_EndExclusiveAtNextMidnightUtc()
    {
        var range = new DayRange(new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 31));

        Assert.Equal(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), range.FromUtc);
        Assert.Equal(new DateTime(2025, 2, 1, 0, 0, 0, DateTimeKind.Utc), range.ToExclusiveUtc);
        Assert.Equal(31, range.Days);
    }

    [Fact]
    public void LastYear_End_CoversTwelveMonthsInclusive()
    {
        var range = DayRange.LastYear(new DateOnly(2026, 11, 15));

        Assert.Equal(new DateOnly(2025, 11, 16), range.From);
        Assert.Equal(365, range.Days);
    }
}

public class DashboardUrlsTests
{
    [Fact]
    public void Customers_TierAndPeriod_WritesTheCustomerListFilter()
    {
        var filter = new Dashboard.Features.Segments.CustomerSegmentFilter(
            Tier: Dashboard.Features.Segments.TierRange.TryParse("0-1"), Period: new DateOnly(2026, 10, 31));

        Assert.Equal("/customers?tier=0-1&period=2026-10-31", DashboardUrls.Customers(filter));
    }

    [Fact]
    public void Segments_DefaultQuery_LeavesQueryOut()
    {
        Assert.Equal("/segments", DashboardUrls.Segments(Dashboard.Features.Segments.SegmentsQuery.Default));
    }

    [Fact]
    public void Segments_FullQuery_KeepsRangeFirstThenPageState()
    {
        var query = new Dashboard.Features.Segments.SegmentsQuery(new DateOnly(2026, 10, 31), new DateOnly(2026, 8, 31), new DateOnly(2026, 9, 30),
            Dashboard.Features.Segments.FlowKind.Stages, [10, 20, 70]);

        var url = DashboardUrls.Segments(query, new DayRange(new DateOnly(2026, 1, 1), new DateOnly(2026, 10, 31)));

        Assert.Equal("/segments?from=2026-01-01&to=2026-10-31&period=2026-10-31&from-period=2026-08-31&to-period=2026-09-30&flow=stages&tiers=10,20,70", url);
    }

    [Fact]
    public void AudienceExport_Snapshot_WritesPresetAndSnapshot()
    {
        Assert.Equal("/audiences/3/export?preset=china-md5&snapshot=12", DashboardUrls.AudienceExport(3, "china-md5", 12));
        Assert.Equal("/audiences/3/export?preset=google", DashboardUrls.AudienceExport(3, "google"));
        Assert.Equal("/audiences?segment=Champions", DashboardUrls.Audiences(new(Segment: Dashboard.Domain.Segmentation.RfmSegment.Champions)));
    }

    [Fact]
    public void Overview_DefaultRange_LeavesQueryOut()
    {
        Assert.Equal("/", DashboardUrls.Overview());
    }

    [Fact]
    public void Overview_Range_WritesInvariantIsoDays()
    {
        var url = DashboardUrls.Overview(new DayRange(new DateOnly(2025, 1, 1), new DateOnly(2025, 3, 31)));

        Assert.Equal("/?from=2025-01-01&to=2025-03-31", url);
    }

    [Fact]
    public void WithDateRange_OtherParameters_KeepsThemAndReplacesTheRange()
    {
        var range = new DayRange(new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31));

        var url = DashboardUrls.WithDateRange("/segments?from=2025-01-01&to=2025-02-01&tier=top1", range);

        Assert.Equal("/segments?from=2026-01-01&to=2026-01-31&tier=top1", url);
    }

    [Fact]
    public void WithDateRange_Null_RemovesTheRange()
    {
        Assert.Equal("/data?x=1", DashboardUrls.WithDateRange("/data?from=2025-01-01&to=2025-02-01&x=1", null));
    }
}

public class MoneyTests
{
    private static Money Cny() => new(Options.Create(new BrandOptions { Currency = "CNY" }));

    [Theory]
    [InlineData(1234567.4, "¥1,234,567")]
    [InlineData(12.345, "¥12.35")]
    [InlineData(-250, "-¥250")]
    [InlineData(0, "¥0.00")]
    public void Format_Amount_UsesSymbolAndGrouping(double amount, string expected)
    {
        using var _ = new CultureScope("en");

        Assert.Equal(expected, Cny().Format(amount));
    }

    [Theory]
    [InlineData(2_500_000, "¥2.5M")]
    [InlineData(45_600, "¥45.6K")]
    [InlineData(999, "¥999")]
    [InlineData(3_000_000_000, "¥3B")]
    public void Compact_Amount_ShortensLargeFigures(double amount, string expected)
    {
        using var _ = new CultureScope("en");

        Assert.Equal(expected, Cny().Compact(amount));
    }

    [Fact]
    public void Symbol_UnknownCurrency_FallsBackToTheCode()
    {
        var money = new Money(Options.Create(new BrandOptions { Currency = "SGD" }));

        Assert.Equal("SGD ", money.Symbol);
    }

    private sealed class CultureScope : IDisposable
    {
        private readonly System.Globalization.CultureInfo _previous = System.Globalization.CultureInfo.CurrentCulture;

        public CultureScope(string name) => System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo(name);

        public void Dispose() => System.Globalization.CultureInfo.CurrentCulture = _previous;
    }
}
