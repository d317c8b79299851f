using Dashboard.Domain.Audiences;
using Dashboard.Domain.Segmentation;
using Dashboard.Features.Lookalike;
using Dashboard.Features.Segments;
using Dashboard.Navigation;

namespace Dashboard.Tests.Features.Lookalike;

public class LookalikeQueryTests
{
    [Fact]
    public void Lookalike_DefaultsLeftOut_ChoicesInAFixedOrder()
    {
        var query = new LookalikeQuery(new CustomerSegmentFilter(Segment: RfmSegment.Champions), SizePercent: 12, UsePurchases: false);

        Assert.Equal("/audiences/lookalike", DashboardUrls.Lookalike());
        Assert.Equal("/audiences/lookalike?segment=Champions&size=12&purchases=off", DashboardUrls.Lookalike(query));
        Assert.Equal("/audiences/lookalike?audience=3&run=9", DashboardUrls.Lookalike(LookalikeQuery.Default with { AudienceId = 3, RunId = 9 }));
    }

    [Fact]
    public void Parse_RoundTripsTheUrl()
    {
        var query = LookalikeQuery.Parse("Champions", "0-5", null, null, null, null, null, null, "12", "20", "off");

        Assert.Equal(RfmSegment.Champions, query.Filter.Segment);
        Assert.Equal("0-5", query.Filter.Tier?.Key);
        Assert.Equal((12L, 20, false), (query.RunId!.Value, query.SizePercent, query.UsePurchases));
        Assert.Equal("/audiences/lookalike?segment=Champions&tier=0-5&run=12&size=20&purchases=off", DashboardUrls.Lookalike(query));
    }

    [Theory]
    [InlineData("0", "x", "-3", "maybe")]
    [InlineData("21", "1.5", "", "")]
    [InlineData("abc", "99999999999999999999", "0", "on")]
    public void Parse_BadValues_FallBackToDefaults(string size, string run, string audience, string purchases)
    {
        var query = LookalikeQuery.Parse(null, null, null, null, null, null, null, audience, run, size, purchases);

        Assert.Equal(LookalikeQuery.DefaultSize, query.SizePercent);
        Assert.Null(query.RunId);
        Assert.Null(query.AudienceId);
        Assert.True(query.UsePurchases);
        Assert.False(query.HasSeed);
    }

    [Fact]
    public void Parameters_SeedKey_IgnoresTheFeatureChoiceAndNamesTheSeed()
    {
        var filter = LookalikeQuery.Parse("Champions", null, null, null, null, null, null, null, null, null, "off");
        var audience = LookalikeQuery.Default with { AudienceId = 4 };

        Assert.Equal("filter:segment=Champions", filter.Parameters!.SeedKey);
        Assert.False(filter.Parameters.UsePurchaseFeatures);
        Assert.Equal("audience:4", audience.Parameters!.SeedKey);
        Assert.Equal("list", new LookalikeParameters { CustomerIds = [1, 2] }.SeedKey);
        Assert.Null(LookalikeQuery.Default.Parameters);
        Assert.Equal(filter.Parameters, LookalikeParameters.FromJson(filter.Parameters.ToJson()));
        Assert.Null(LookalikeParameters.FromJson("{not json"));
    }

    [Theory]
    [InlineData("customer_id\n1\n2\n2\n3", new long[] { 1, 2, 3 })]
    [InlineData("5, 6;7\t8 9", new long[] { 5, 6, 7, 8, 9 })]
    [InlineData("\"10\"\r\n\"11\"\r\n", new long[] { 10, 11 })]
    public void ParseIds_CommonLayouts_GiveDistinctIds(string text, long[] expected)
    {
        var (ids, error) = LookalikeService.ParseIds(text);

        Assert.Null(error);
        Assert.Equal(expected, ids);
    }

    [Theory]
    [InlineData("1\n2\nabc", "line 3, column 1: 'abc' is not a customer id")]
    [InlineData("1,2\n3,-4", "line 2, column 3: '-4' is not a customer id")]
    [InlineData("7", "at least 2 customer ids")]
    [InlineData("", "at least 2 customer ids")]
    public void ParseIds_BadText_NamesLineAndColumn(string text, string message)
    {
        var (ids, error) = LookalikeService.ParseIds(text);

        Assert.Empty(ids);
        Assert.Contains(message, error);
    }

    [Fact]
    public void PointAt_KnownAndUnknownSizes()
    {
        var view = new LookalikeRunView(1, null, new LookalikeParameters(), Result([new ExpansionPoint(1, 10, 0.9, 0.8)]), null);

        Assert.Equal(10, view.PointAt(1)!.Size);
        Assert.Null(view.PointAt(2));
    }

    internal static LookalikeRunResult Result(IReadOnlyList<ExpansionPoint> curve) => new(
        "list", 10, 10, 0, 1000, 200, true, DateTime.UtcNow, new LookalikeEvaluation(8, 100, 2, 25, 0.8, 2.5),
        [new FeatureImportance("OrderCount", 0.2, 0.5), new FeatureImportance("Clicks", 0.05, 0.1), new FeatureImportance("Unused", 0, 0)],
        curve, null, 1);
}
