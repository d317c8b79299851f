using Dashboard.Domain.Segmentation;
using Dashboard.Features.Segments;
using Dashboard.Navigation;

namespace Dashboard.Tests.Features.Segments;

public class SegmentsQueryTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("garbage")]
    [InlineData("1,4,15,30")]       // sums to 50
    [InlineData("0,50,50")]          // a share of 0
    [InlineData("1,4,15,30,50")]    // the default is left out
    public void Parse_BadOrDefaultTiers_FallsBackToDefaultTiers(string? tiers)
    {
        var query = SegmentsQuery.Parse(null, null, null, null, tiers);

        Assert.Null(query.Tiers);
        Assert.Equal(ValuePyramid.DefaultTiers, query.PyramidTiers);
    }

    [Fact]
    public void Parse_CustomTiers_NamesTopNextAndBottom()
    {
        var query = SegmentsQuery.Parse(null, null, null, null, "10, 20,70");

        Assert.Equal(["Top 10%", "Next 20%", "Bottom 70%"], query.PyramidTiers.Select(t => t.Name));
    }

    [Fact]
    public void Parse_BadDatesAndFlow_FallBackToDefaults()
    {
        var query = SegmentsQuery.Parse("2025-02-30", "yesterday", "2025-03-31", "sideways", null);

        Assert.Equal(new SegmentsQuery(FlowTo: new DateOnly(2025, 3, 31)), query);
    }

    [Fact]
    public void Filter_Parse_BadValuesAreLeftUnset()
    {
        var filter = CustomerSegmentFilter.Parse("Champs", "0-150", "FirstPurchase", "HXL", "2", "Tmall;drop", "2025-13-01");

        Assert.Equal(new CustomerSegmentFilter(Stage: LifecycleStage.FirstPurchase), filter);
    }

    [Fact]
    public void Filter_Parse_ValidValuesRoundTripThroughTheUrl()
    {
        var filter = new CustomerSegmentFilter(RfmSegment.CantLoseThem, TierRange.TryParse("0-1"), LifecycleStage.Loyal, "HLM", VapStrategy.WinBack, "tmall", new DateOnly(2026, 10, 31));

        var url = DashboardUrls.Customers(filter);
        var q = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + url).Query);
        var parsed = CustomerSegmentFilter.Parse(q["segment"], q["tier"], q["stage"], q["vap"], q["strategy"], q["source"], q["period"]);

        Assert.Equal(filter, parsed);
    }

    [Theory]
    [InlineData("0-1", 0, 1)]
    [InlineData("50-100", 50, 100)]
    [InlineData("2.5-7.5", 2.5, 7.5)]
    public void TierRange_TryParse_ReadsPercentBounds(string key, double from, double to)
    {
        Assert.Equal(new TierRange(from, to), TierRange.TryParse(key));
        Assert.Equal(key, TierRange.TryParse(key)!.Value.Key);
    }

    [Fact]
    public void TierRange_RankBounds_AgreeWithValuePyramidTiers()
    {
        var customers = Enumerable.Range(1, 137).Select(i => new CustomerValue(i.ToString(System.Globalization.CultureInfo.InvariantCulture), i % 17, i % 17, 1)).ToList();
        var pyramid = ValuePyramid.Build(customers);

        var sizes = TierRange.Default.Select(t => t.RankBounds(137)).Select(b => b.End - b.Start);

        Assert.Equal(pyramid.Tiers.Select(t => t.Customers), sizes);
    }
}
