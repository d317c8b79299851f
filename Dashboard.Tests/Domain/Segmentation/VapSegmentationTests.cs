using Dashboard.Domain.Segmentation;
using static Dashboard.Domain.Segmentation.VapLevel;
using static Dashboard.Domain.Segmentation.VapStrategy;

namespace Dashboard.Tests.Domain.Segmentation;

public class VapSegmentationTests
{
    // Peers: ("ads","shoes") X1–X4, ("store","bags") Y1–Y2, ("app","toys") Z1–Z2.
    private static readonly VapInput[] Customers =
    [
        new("X1", 100, 0.9, "ads", "shoes"),
        new("X2", 40, 0.6, "ads", "shoes"),
        new("X3", 10, 0.2, "ads", "shoes"),
        new("X4", 0, 0.1, "ads", "shoes"),
        new("Y1", 200, 0.8, "store", "bags"),
        new("Y2", 20, 0.7, "store", "bags"),
        new("Z1", 5, 0.1, "app", "toys"),
        new("Z2", 5, 0.9, "app", "toys"),
    ];

    [Theory]
    // value high: attrition low → maintain, otherwise retain
    [InlineData(High, Low, Low, Maintain)]
    [InlineData(High, Low, Medium, Maintain)]
    [InlineData(High, Low, High, Maintain)]
    [InlineData(High, Medium, Low, Retain)]
    [InlineData(High, Medium, Medium, Retain)]
    [InlineData(High, Medium, High, Retain)]
    [InlineData(High, High, Low, Retain)]
    [InlineData(High, High, Medium, Retain)]
    [InlineData(High, High, High, Retain)]
    // attrition high: value medium or potential high → win back, else let go
    [InlineData(Medium, High, Low, WinBack)]
    [InlineData(Medium, High, Medium, WinBack)]
    [InlineData(Medium, High, High, WinBack)]
    [InlineData(Low, High, High, WinBack)]
    [InlineData(Low, High, Medium, LetGo)]
    [InlineData(Low, High, Low, LetGo)]
    // attrition low or medium: potential high → develop, else nurture
    [InlineData(Medium, Low, High, Develop)]
    [InlineData(Medium, Medium, High, Develop)]
    [InlineData(Low, Low, High, Develop)]
    [InlineData(Low, Medium, High, Develop)]
    [InlineData(Medium, Low, Low, Nurture)]
    [InlineData(Medium, Low, Medium, Nurture)]
    [InlineData(Medium, Medium, Low, Nurture)]
    [InlineData(Medium, Medium, Medium, Nurture)]
    [InlineData(Low, Low, Low, Nurture)]
    [InlineData(Low, Low, Medium, Nurture)]
    [InlineData(Low, Medium, Low, Nurture)]
    [InlineData(Low, Medium, Medium, Nurture)]
    public void StrategyOf_EveryCell_DocumentedStrategy(VapLevel value, VapLevel attrition, VapLevel potential, VapStrategy expected)
    {
        var strategy = VapSegmentation.StrategyOf(value, attrition, potential);

        Assert.Equal(expected, strategy);
    }

    [Theory]
    [InlineData(new double[] { 1, 2, 3, 4 }, 3.25)]
    [InlineData(new double[] { 5, 4, 3, 2, 1 }, 4)]
    [InlineData(new double[] { 10 }, 10)]
    [InlineData(new double[] { 20, 200 }, 155)]
    public void TopQuartile_Values_LinearInterpolationType7(double[] values, double expected)
    {
        var q = VapSegmentation.TopQuartile(values);

        Assert.Equal(expected, q, 12);
    }

    [Fact]
    public void Assign_EightCustomersWithPeers_HandComputedCellsAndStrategies()
    {
        var settings = new VapSettings(MinPeerGroupSize: 2);

        var result = VapSegmentation.Assign(Customers, settings);

        var byId = result.Customers.ToDictionary(c => c.CustomerId);
        // CLV terciles by mid-rank: 0, 5, 5 low; 10, 20 medium; 40, 100, 200 high.
        // Peer 75th percentiles: ads/shoes [0,10,40,100] → 55; store/bags [20,200] → 155; app/toys [5,5] → 5.
        Assert.Equal((High, Low, Low, Maintain), Cell(byId["X1"]));
        Assert.Equal((High, Medium, Low, Retain), Cell(byId["X2"]));
        Assert.Equal((Medium, High, High, WinBack), Cell(byId["X3"]));
        Assert.Equal((Low, High, High, WinBack), Cell(byId["X4"]));
        Assert.Equal((High, Low, Low, Maintain), Cell(byId["Y1"]));
        Assert.Equal((Medium, Medium, High, Develop), Cell(byId["Y2"]));
        Assert.Equal((Low, High, Low, LetGo), Cell(byId["Z1"]));
        Assert.Equal((Low, Low, Low, Nurture), Cell(byId["Z2"]));
        Assert.Equal(135, byId["Y2"].Headroom, 12);
        Assert.Equal(135.0 / 155, byId["Y2"].HeadroomRatio, 12);
        Assert.Equal(0.8, byId["X3"].Attrition, 12);
        Assert.False(byId["X3"].PeersFallBack);
    }

    [Fact]
    public void Assign_EightCustomers_StrategySummaries()
    {
        var result = VapSegmentation.Assign(Customers, new VapSettings(MinPeerGroupSize: 2));

        var counts = result.Strategies.ToDictionary(s => s.Strategy, s => s.Customers);

        Assert.Equal(new Dictionary<VapStrategy, int> { [Retain] = 1, [Develop] = 1, [WinBack] = 2, [Maintain] = 2, [Nurture] = 1, [LetGo] = 1 }, counts);
        Assert.Equal(27, result.Cells.Count);
        Assert.Equal(300, result.Strategies.Single(s => s.Strategy == Maintain).PredictedClv);
        Assert.StartsWith("Win back", result.Strategies.Single(s => s.Strategy == WinBack).Action);
    }

    [Fact]
    public void Assign_PeerGroupsBelowMinimum_FallBackToPopulationQuartile()
    {
        var result = VapSegmentation.Assign(Customers);

        // population sorted 0,5,5,10,20,40,100,200: h = 7 × 0.75 = 5.25 → 40 + 0.25 × 60 = 55
        Assert.All(result.Customers, c => Assert.Equal(55, c.PeerTopQuartile, 12));
        Assert.All(result.Customers, c => Assert.True(c.PeersFallBack));
    }

    [Fact]
    public void Assign_PAliveAboveOne_ThrowsNamingCustomer()
    {
        VapInput[] customers = [new("bad", 10, 1.2, "a", "b")];

        var ex = Assert.Throws<ArgumentException>(() => VapSegmentation.Assign(customers));

        Assert.Contains("bad", ex.Message);
    }

    [Fact]
    public void Assign_CutPointsOutOfOrder_Throws()
    {
        var settings = new VapSettings(AttritionMediumFrom: 0.6, AttritionHighFrom: 0.5);

        Assert.Throws<ArgumentException>(() => VapSegmentation.Assign(Customers, settings));
    }

    private static (VapLevel, VapLevel, VapLevel, VapStrategy) Cell(VapAssignment a) => (a.Value, a.AttritionLevel, a.Potential, a.Strategy);
}
