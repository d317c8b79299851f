using Dashboard.Domain.Allocation;
using Dashboard.Features.Budget;
using Dashboard.Navigation;

namespace Dashboard.Tests.Features.Budget;

public class BudgetQueryTests
{
    [Fact]
    public void Budget_DefaultQuery_LeavesEverythingOut()
    {
        Assert.Equal("/budget", DashboardUrls.Budget(BudgetQuery.Default));
    }

    [Fact]
    public void Build_ThenParse_RoundTripsTheWholeState()
    {
        var query = BudgetQuery.Default with
        {
            Outcome = BudgetOutcome.Conversions,
            TotalLocked = false,
            Spends = new Dictionary<string, double> { ["search"] = 12_000, ["douyin"] = 18_500.25, ["sms"] = 0 },
            Lower = new Dictionary<string, BoundSpec> { ["search"] = new(80, true), ["sms"] = new(0, false) },
            Upper = new Dictionary<string, BoundSpec> { ["douyin"] = new(30_000, false) },
            Target = 120_000,
            Floor = 1.25,
            Compare = 3,
            Fit = "douyin",
        };

        var url = DashboardUrls.Budget(query, new DayRange(new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30)));
        var parsed = BudgetQuery.Parse(url);

        Assert.Equal("/budget?from=2026-01-01&to=2026-06-30&outcome=conversions&lock=0&s.douyin=18500.25&s.search=12000&s.sms=0&lo.search=80pct&lo.sms=0&hi.douyin=30000&target=120000&floor=1.25&cmp=3&fit=douyin", url);
        Assert.Equal(url, DashboardUrls.Budget(parsed, new DayRange(new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30))));
        Assert.Equal(query.Spends.OrderBy(kv => kv.Key), parsed.Spends.OrderBy(kv => kv.Key));
        Assert.Equal(new BoundSpec(80, true), parsed.LowerOf("search"));
        Assert.Equal(new BoundSpec(30_000, false), parsed.UpperOf("douyin"));
        Assert.Equal(BudgetQuery.DefaultUpper, parsed.UpperOf("search"));
        Assert.Equal((BudgetOutcome.Conversions, false, 120_000d, 1.25, 3L, "douyin"),
            (parsed.Outcome, parsed.TotalLocked, parsed.Target!.Value, parsed.Floor!.Value, parsed.Compare!.Value, parsed.Fit!));
    }

    [Fact]
    public void Budget_GroupTotalAndSplit_WrittenAfterTheChannelsAndReadBack()
    {
        var query = BudgetQuery.Default with
        {
            Spends = new Dictionary<string, double> { ["sms"] = 2_000 },
            GroupTotal = 50_000,
            GroupBudgets = new Dictionary<CustomerGroup, double>
            {
                [CustomerGroup.Acquire] = 10_000, [CustomerGroup.Retain] = 30_000.5, [CustomerGroup.WinBack] = 0, [CustomerGroup.Develop] = 9_999.5,
            },
        };

        var url = DashboardUrls.Budget(query);
        var parsed = BudgetQuery.Parse(url);

        Assert.Equal("/budget?s.sms=2000&g.total=50000&g.retain=30000.5&g.develop=9999.5&g.winback=0&g.acquire=10000", url);
        Assert.Equal(50_000, parsed.GroupTotal);
        Assert.Equal(query.GroupBudgets.OrderBy(kv => kv.Key), parsed.GroupBudgets!.OrderBy(kv => kv.Key));
        Assert.Equal(url, DashboardUrls.Budget(parsed));
    }

    [Fact]
    public void Parse_BadGroupValues_FallBackToChannelTotalAndEvenSplit()
    {
        var parsed = BudgetQuery.Parse("?g.total=-5&g.retain=abc&g.loyal=100&g.=3&g.acquire=NaN");

        Assert.Null(parsed.GroupTotal);
        Assert.Null(parsed.GroupBudgets);
        Assert.Equal("/budget", DashboardUrls.Budget(parsed));
    }

    [Theory]
    [InlineData("?s.search=abc", "search")]
    [InlineData("?s.search=-5", "search")]
    [InlineData("?s.search=NaN", "search")]
    [InlineData("?s.search=1e300", "search")]
    [InlineData("?s.Bad%20Code=100", "Bad Code")]
    public void Parse_BadSpend_FallsBackToCurrent(string query, string code)
    {
        var parsed = BudgetQuery.Parse(query);

        Assert.False(parsed.Spends.ContainsKey(code));
    }

    [Fact]
    public void Parse_BadValues_FallBackToDefaults()
    {
        var parsed = BudgetQuery.Parse("?outcome=profit&lock=maybe&lo.search=x&hi.search=-3pct&target=-1&floor=zero&cmp=abc&fit=../etc");

        Assert.Equal(BudgetOutcome.Revenue, parsed.Outcome);
        Assert.True(parsed.TotalLocked);
        Assert.Equal(BudgetQuery.DefaultLower, parsed.LowerOf("search"));
        Assert.Equal(BudgetQuery.DefaultUpper, parsed.UpperOf("search"));
        Assert.Null(parsed.Target);
        Assert.Null(parsed.Floor);
        Assert.Null(parsed.Compare);
        Assert.Null(parsed.Fit);
    }

    [Theory]
    [InlineData("60pct", 60, true)]
    [InlineData("60%", 60, true)]
    [InlineData("12000", 12_000, false)]
    [InlineData(" 7.5PCT ", 7.5, true)]
    public void BoundSpec_TryParse_ReadsPercentAndAbsolute(string text, double value, bool percent)
    {
        Assert.Equal(new BoundSpec(value, percent), BoundSpec.TryParse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("pct")]
    [InlineData("-1")]
    [InlineData("1,000")]
    public void BoundSpec_TryParse_Garbage_IsNull(string text)
    {
        Assert.Null(BoundSpec.TryParse(text));
    }

    [Fact]
    public void Parse_WholeUri_ReadsTheQuery()
    {
        var parsed = BudgetQuery.Parse("http://localhost:5000/budget?s.search=15000&lock=0");

        Assert.Equal(15_000, parsed.Spends["search"]);
        Assert.False(parsed.TotalLocked);
    }
}
