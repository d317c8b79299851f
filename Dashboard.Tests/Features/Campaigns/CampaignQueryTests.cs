using Dashboard.Domain.Measurement;
using Dashboard.Features.Campaigns;
using Dashboard.Navigation;

namespace Dashboard.Tests.Features.Campaigns;

public class CampaignQueryTests
{
    [Theory]
    [InlineData(null, null, null, 7, CampaignMetric.Conversion, MatchingMethod.ExactStrata)]
    [InlineData("0", "revenue", "propensity", 0, CampaignMetric.Revenue, MatchingMethod.PropensityScore)]
    [InlineData("30", "RESPONSE", "exact", 30, CampaignMetric.Response, MatchingMethod.ExactStrata)]
    [InlineData("-3", "bogus", "bogus", 7, CampaignMetric.Conversion, MatchingMethod.ExactStrata)]
    [InlineData("91", null, null, 7, CampaignMetric.Conversion, MatchingMethod.ExactStrata)]
    [InlineData("7.5", null, null, 7, CampaignMetric.Conversion, MatchingMethod.ExactStrata)]
    public void Parse_QueryValues_BadValuesFallBackToDefaults(string? attr, string? metric, string? match, int days, CampaignMetric expectedMetric, MatchingMethod method)
    {
        var query = CampaignQuery.Parse(attr, metric, match);

        Assert.Equal(new CampaignQuery(days, expectedMetric, method), query);
    }

    [Fact]
    public void Campaign_Defaults_LeavesQueryOut()
    {
        Assert.Equal("/campaigns/3", DashboardUrls.Campaign(3, new CampaignQuery()));
    }

    [Fact]
    public void Campaign_EveryChoice_WritesItInFixedOrderAfterTheRange()
    {
        var range = new DayRange(new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30));

        var url = DashboardUrls.Campaign(12, new CampaignQuery(14, CampaignMetric.Revenue, MatchingMethod.PropensityScore), range);

        Assert.Equal("/campaigns/12?from=2026-01-01&to=2026-06-30&attr=14&metric=revenue&match=propensity", url);
    }

    [Fact]
    public void Campaign_UrlRoundTrip_ParsesBackToTheSameQuery()
    {
        var query = new CampaignQuery(0, CampaignMetric.Response, MatchingMethod.ExactStrata);
        var url = DashboardUrls.Campaign(1, query);
        var values = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + url).Query);

        var parsed = CampaignQuery.Parse(values["attr"], values["metric"], values.GetValueOrDefault("match"));

        Assert.Equal(query, parsed);
    }

    [Theory]
    [InlineData(7, "/campaigns")]
    [InlineData(0, "/campaigns?attr=0")]
    [InlineData(30, "/campaigns?attr=30")]
    public void Campaigns_AttributionWindow_OnlyWhenNotTheDefault(int days, string expected)
    {
        Assert.Equal(expected, DashboardUrls.Campaigns(new CampaignListQuery(days)));
    }

    [Fact]
    public void AnalyzeFile_Path()
    {
        Assert.Equal("/campaigns/analyze", DashboardUrls.AnalyzeFile());
    }
}
