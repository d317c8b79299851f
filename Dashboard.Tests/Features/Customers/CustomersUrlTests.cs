using Dashboard.Domain.Segmentation;
using Dashboard.Features.Customers;
using Dashboard.Features.Segments;
using Dashboard.Navigation;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Tests.Features.Customers;

public class CustomersUrlTests
{
    private static CustomersQuery ParseUrl(string url)
    {
        var query = QueryHelpers.ParseQuery(new Uri("http://x" + url).Query);
        return CustomersQuery.Parse(key => query.TryGetValue(key, out var v) ? v.ToString() : null);
    }

    [Fact]
    public void Customers_Default_IsThePlainPath()
    {
        Assert.Equal("/customers", DashboardUrls.Customers());
    }

    [Fact]
    public void Customers_EveryChoice_RoundTripsThroughTheUrl()
    {
        var query = new CustomersQuery("+86 138 0013 8000", "tmall", 2, new DateOnly(2025, 1, 1), new DateOnly(2025, 6, 30),
            new DateOnly(2026, 1, 1), null, CustomerSort.Revenue, true, 3, 50,
            new CustomerSegmentFilter(Segment: RfmSegment.AtRisk, Period: new DateOnly(2026, 10, 31)));

        var url = DashboardUrls.Customers(query, new DayRange(new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31)));

        Assert.StartsWith("/customers?from=2026-01-01&to=2026-03-31&q=%2B86%20138%200013%208000&source=tmall&city=2&seenFrom=2025-01-01", url);
        Assert.Contains("&sort=revenue&desc=1&page=4&size=50&segment=AtRisk&period=2026-10-31", url);
        Assert.Equal(query, ParseUrl(url));
    }

    [Theory]
    [InlineData("/customers?city=9&sort=bogus&page=-1&size=7&seenFrom=2025-13-01&desc=maybe")]
    [InlineData("/customers?sort=2&page=abc&q=%20%20")]
    public void Parse_BadValues_FallBackToDefaults(string url)
    {
        Assert.Equal(CustomersQuery.Default, ParseUrl(url));
    }

    [Fact]
    public void Parse_SegmentsPageLink_FiltersByTierAndPeriod()
    {
        var link = DashboardUrls.Customers(new CustomerSegmentFilter(Tier: TierRange.TryParse("0-1"), Period: new DateOnly(2026, 10, 31)));

        var query = ParseUrl(link);

        Assert.Equal("/customers?tier=0-1&period=2026-10-31", link);
        Assert.Equal("0-1", query.Segments!.Tier!.Value.Key);
        Assert.Equal(new DateOnly(2026, 10, 31), query.Segments.Period);
        Assert.True(query.HasFilters);
    }

    [Fact]
    public void Customer_TimelineFilters_WrittenOnlyWhenSetAndParsedBack()
    {
        var url = DashboardUrls.Customer(42, new CustomerQuery("jd", "click", 2));
        var values = QueryHelpers.ParseQuery(new Uri("http://x" + url).Query);

        var parsed = CustomerQuery.Parse(key => values.TryGetValue(key, out var v) ? v.ToString() : null);

        Assert.Equal("/customers/42", DashboardUrls.Customer(42));
        Assert.Equal("/customers/42?channel=jd&type=click&page=3", url);
        Assert.Equal(new CustomerQuery("jd", "click", 2), parsed);
    }

    [Fact]
    public void CustomerQuery_UnknownType_IsIgnored()
    {
        Assert.Equal(new CustomerQuery(), CustomerQuery.Parse(key => key == "type" ? "refund" : key == "page" ? "0" : null));
    }
}
