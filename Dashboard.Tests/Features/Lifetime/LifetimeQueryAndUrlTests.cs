using Dashboard.Features.Lifetime;
using Dashboard.Navigation;

namespace Dashboard.Tests.Features.Lifetime;

public class LifetimeQueryAndUrlTests
{
    [Theory]
    [InlineData(null, null, null, 12, 10, 100)]
    [InlineData("24", "8", "40", 24, 8, 40)]
    [InlineData("7", "12.5", "35.25", 7, 12.5, 35.3)]
    [InlineData("1", "0", "1", 1, 0, 1)]
    [InlineData("0", "-1", "0", 12, 10, 100)]
    [InlineData("37", "51", "101", 12, 10, 100)]
    [InlineData("twelve", "1e2", "NaN", 12, 10, 100)]
    [InlineData("12.5", "8,5", " 40", 12, 10, 100)]
    public void Parse_QueryValues_FallsBackToDefaultsOnBadOnes(string? horizon, string? discount, string? margin, int h, double d, double m)
    {
        var query = LifetimeQuery.Parse(horizon, discount, margin);

        Assert.Equal(new LifetimeQuery(h, d, m), query);
    }

    [Fact]
    public void Clv_Percentages_BecomeFractions()
    {
        var settings = new LifetimeQuery(24, 8, 40).Clv;

        Assert.Equal(24, settings.HorizonMonths);
        Assert.Equal(0.08, settings.AnnualDiscountRate, 12);
        Assert.Equal(0.40, settings.Margin, 12);
    }

    [Fact]
    public void Lifetime_Defaults_LeavesQueryOut()
    {
        Assert.Equal("/lifetime", DashboardUrls.Lifetime());
        Assert.Equal("/lifetime", DashboardUrls.Lifetime(new LifetimeQuery()));
    }

    [Fact]
    public void Lifetime_Controls_WritesInvariantValuesInAFixedOrder()
    {
        var url = DashboardUrls.Lifetime(new LifetimeQuery(24, 7.5, 40));

        Assert.Equal("/lifetime?horizon=24&discount=7.5&margin=40", url);
    }

    [Fact]
    public void Lifetime_ControlsAndRange_KeepsTheRangeFirst()
    {
        var url = DashboardUrls.Lifetime(new LifetimeQuery(MarginPercent: 30), new DayRange(new(2025, 1, 1), new(2025, 6, 30)));

        Assert.Equal("/lifetime?from=2025-01-01&to=2025-06-30&margin=30", url);
    }

    [Fact]
    public void Lifetime_RoundTrip_ParsesBackToTheSameQuery()
    {
        var query = new LifetimeQuery(6, 12.5, 55);
        var parsed = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + DashboardUrls.Lifetime(query)).Query);

        var back = LifetimeQuery.Parse(parsed["horizon"], parsed["discount"], parsed["margin"]);

        Assert.Equal(query, back);
    }

    [Fact]
    public void Customer_Id_LinksToThe360View()
    {
        Assert.Equal("/customers/12345", DashboardUrls.Customer(12345));
    }
}
