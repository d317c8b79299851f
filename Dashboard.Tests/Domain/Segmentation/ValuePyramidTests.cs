using Dashboard.Domain.Segmentation;

namespace Dashboard.Tests.Domain.Segmentation;

public class ValuePyramidTests
{
    [Fact]
    public void Build_HundredCustomers_DefaultTierSizes()
    {
        var customers = Enumerable.Range(1, 100).Select(v => new CustomerValue($"c{v:D3}", v, v, 1)).ToList();

        var pyramid = ValuePyramid.Build(customers);

        Assert.Equal(["Top 1%", "Next 4%", "Next 15%", "Next 30%", "Bottom 50%"], pyramid.Tiers.Select(t => t.Tier));
        Assert.Equal([1, 4, 15, 30, 50], pyramid.Tiers.Select(t => t.Customers));
        Assert.Equal(100.0 / 5050, pyramid.Tiers[0].RevenueShare, 12);
        Assert.Equal((100.0, 100.0), (pyramid.Tiers[0].MinValue, pyramid.Tiers[0].MaxValue));
        Assert.Equal((96.0, 99.0), (pyramid.Tiers[1].MinValue, pyramid.Tiers[1].MaxValue));
        Assert.Equal(1.0, pyramid.Tiers.Sum(t => t.RevenueShare), 12);
    }

    [Fact]
    public void Build_SevenCustomers_RoundedBoundariesLeaveTopTiersEmpty()
    {
        var customers = new[] { 10, 70, 30, 50, 20, 60, 40 }.Select(v => new CustomerValue($"c{v}", v, v, 2)).ToList();

        var pyramid = ValuePyramid.Build(customers);

        // boundaries round(7 × 1%, 5%, 20%, 50%) = 0, 0, 1, 4 (3.5 rounds up), 7
        Assert.Equal([0, 0, 1, 3, 3], pyramid.Tiers.Select(t => t.Customers));
        Assert.Equal([0, 0, 70.0 / 280, 150.0 / 280, 60.0 / 280], pyramid.Tiers.Select(t => t.RevenueShare));
        Assert.Equal(35, pyramid.Tiers[2].AverageOrderValue, 12);
        Assert.Equal(0, pyramid.Tiers[0].AverageOrderValue);
        Assert.Equal([4, 2, 4, 3, 4, 3, 3], pyramid.TierOfCustomer);
    }

    [Fact]
    public void Build_EqualValues_TiesRankedByCustomerId()
    {
        CustomerValue[] customers = [new("b", 5, 5, 1), new("a", 5, 5, 1), new("c", 5, 5, 1)];
        PyramidTier[] tiers = [new("Top half", 50), new("Bottom half", 50)];

        var pyramid = ValuePyramid.Build(customers, tiers);

        // round(1.5) = 2: "a" and "b" are on top whatever the input order
        Assert.Equal([0, 0, 1], pyramid.TierOfCustomer);
    }

    [Fact]
    public void Build_CustomTiers_OrdersAndPAliveSummarized()
    {
        CustomerValue[] customers =
        [
            new("p", 300, 100, 2, 0.8),
            new("q", 200, 50, 3, null),
            new("r", 100, 400, 4, 0.5),
            new("s", 0, 50, 1, 0.1),
        ];
        PyramidTier[] tiers = [new("Gold", 50), new("Rest", 50)];

        var pyramid = ValuePyramid.Build(customers, tiers);

        var gold = pyramid.Tiers[0];
        Assert.Equal(2, gold.Customers);
        Assert.Equal(500.0 / 600, gold.ValueShare, 12);
        Assert.Equal(150.0 / 600, gold.RevenueShare, 12);
        Assert.Equal(30, gold.AverageOrderValue, 12);
        Assert.Equal(0.8, gold.MeanPAlive!.Value, 12);
        Assert.Equal(0.3, pyramid.Tiers[1].MeanPAlive!.Value, 12);
    }

    [Fact]
    public void Build_NoPAliveGiven_MeanPAliveIsNull()
    {
        CustomerValue[] customers = [new("a", 1, 1, 1)];

        var pyramid = ValuePyramid.Build(customers);

        Assert.All(pyramid.Tiers, t => Assert.Null(t.MeanPAlive));
    }

    [Fact]
    public void Build_NoCustomers_EmptyTiersWithZeroShares()
    {
        var pyramid = ValuePyramid.Build([]);

        Assert.All(pyramid.Tiers, t => Assert.Equal((0, 0.0), (t.Customers, t.RevenueShare)));
    }

    [Theory]
    [InlineData(50, 40)]
    [InlineData(100, 0)]
    [InlineData(60, 60)]
    public void Build_TiersNotSummingToHundredOrEmpty_Throws(double first, double second)
    {
        PyramidTier[] tiers = [new("A", first), new("B", second)];

        var ex = Assert.Throws<ArgumentException>(() => ValuePyramid.Build([], tiers));

        Assert.Contains("tier", ex.Message);
    }

    [Fact]
    public void Build_PAliveOutOfRange_ThrowsNamingCustomer()
    {
        CustomerValue[] customers = [new("odd", 1, 1, 1, 1.5)];

        var ex = Assert.Throws<ArgumentException>(() => ValuePyramid.Build(customers));

        Assert.Contains("odd", ex.Message);
    }
}
