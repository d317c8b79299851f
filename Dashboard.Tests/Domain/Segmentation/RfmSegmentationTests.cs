using Dashboard.Domain.Segmentation;

namespace Dashboard.Tests.Domain.Segmentation;

public class RfmSegmentationTests
{
    private static readonly DateOnly AsOf = new(2024, 6, 30);

    [Theory]
    [InlineData(5, 5, RfmSegment.Champions)]
    [InlineData(5, 4, RfmSegment.Champions)]
    [InlineData(3, 5, RfmSegment.Loyal)]
    [InlineData(4, 4, RfmSegment.Loyal)]
    [InlineData(4, 3, RfmSegment.PotentialLoyalist)]
    [InlineData(5, 2, RfmSegment.PotentialLoyalist)]
    [InlineData(5, 1, RfmSegment.New)]
    [InlineData(4, 1, RfmSegment.Promising)]
    [InlineData(3, 3, RfmSegment.NeedAttention)]
    [InlineData(3, 1, RfmSegment.AboutToSleep)]
    [InlineData(3, 2, RfmSegment.AboutToSleep)]
    [InlineData(1, 3, RfmSegment.AtRisk)]
    [InlineData(2, 4, RfmSegment.AtRisk)]
    [InlineData(1, 5, RfmSegment.CantLoseThem)]
    [InlineData(2, 5, RfmSegment.CantLoseThem)]
    [InlineData(2, 1, RfmSegment.Hibernating)]
    [InlineData(2, 2, RfmSegment.Hibernating)]
    [InlineData(1, 1, RfmSegment.Lost)]
    [InlineData(1, 2, RfmSegment.Lost)]
    public void SegmentOf_GridCell_NamedSegment(int r, int fm, RfmSegment expected)
    {
        var segment = RfmSegmentation.SegmentOf(r, fm);

        Assert.Equal(expected, segment);
    }

    [Fact]
    public void SegmentOf_WholeGrid_EverySegmentReachableWithDocumentedCellCounts()
    {
        var cells = from r in Enumerable.Range(1, 5) from fm in Enumerable.Range(1, 5) select RfmSegmentation.SegmentOf(r, fm);

        var counts = cells.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(Enum.GetValues<RfmSegment>().Length, counts.Count);
        Assert.Equal(2, counts[RfmSegment.Champions]);
        Assert.Equal(4, counts[RfmSegment.Loyal]);
        Assert.Equal(4, counts[RfmSegment.PotentialLoyalist]);
        Assert.Equal(1, counts[RfmSegment.New]);
        Assert.Equal(1, counts[RfmSegment.Promising]);
        Assert.Equal(1, counts[RfmSegment.NeedAttention]);
        Assert.Equal(2, counts[RfmSegment.AboutToSleep]);
        Assert.Equal(4, counts[RfmSegment.AtRisk]);
        Assert.Equal(2, counts[RfmSegment.CantLoseThem]);
        Assert.Equal(2, counts[RfmSegment.Hibernating]);
        Assert.Equal(2, counts[RfmSegment.Lost]);
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(6, 3)]
    [InlineData(3, 0)]
    public void SegmentOf_ScoreOutOfRange_Throws(int r, int fm)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RfmSegmentation.SegmentOf(r, fm));
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(1, 2, 2)]
    [InlineData(2, 4, 3)]
    [InlineData(3, 4, 4)]
    [InlineData(4, 5, 5)]
    public void CombineFm_TwoScores_MeanRoundedHalfUp(int f, int m, int expected)
    {
        var fm = RfmSegmentation.CombineFm(f, m);

        Assert.Equal(expected, fm);
    }

    [Fact]
    public void NameOf_CantLoseThem_DisplayName()
    {
        Assert.Equal("Can't lose them", RfmSegmentation.NameOf(RfmSegment.CantLoseThem));
    }

    [Fact]
    public void Assign_FiveCustomers_HandComputedScoresAndSegments()
    {
        CustomerActivity[] customers =
        [
            new("A", AsOf, 10, 1000),
            new("B", AsOf.AddDays(-10), 1, 10),
            new("C", AsOf.AddDays(-20), 5, 500),
            new("D", AsOf.AddDays(-30), 3, 300),
            new("E", AsOf.AddDays(-40), 2, 20),
        ];

        var result = RfmSegmentation.Assign(customers, AsOf);

        var byId = result.Customers.ToDictionary(c => c.CustomerId);
        Assert.Equal((5, 5, 5, 5, RfmSegment.Champions), Scores(byId["A"]));
        Assert.Equal((4, 1, 1, 1, RfmSegment.Promising), Scores(byId["B"]));
        Assert.Equal((3, 4, 4, 4, RfmSegment.Loyal), Scores(byId["C"]));
        Assert.Equal((2, 3, 3, 3, RfmSegment.AtRisk), Scores(byId["D"]));
        Assert.Equal((1, 2, 2, 2, RfmSegment.Lost), Scores(byId["E"]));
        Assert.Equal(20, byId["C"].RecencyDays);
        Assert.Equal(["A", "B", "C", "D", "E"], result.Customers.Select(c => c.CustomerId));
    }

    [Fact]
    public void Assign_FiveCustomers_SegmentAndHeatmapTotals()
    {
        CustomerActivity[] customers =
        [
            new("A", AsOf, 10, 1000),
            new("B", AsOf.AddDays(-10), 1, 10),
            new("C", AsOf.AddDays(-20), 5, 500),
            new("D", AsOf.AddDays(-30), 3, 300),
            new("E", AsOf.AddDays(-40), 2, 20),
        ];

        var result = RfmSegmentation.Assign(customers, AsOf);

        Assert.Equal(11, result.Segments.Count);
        var loyal = result.Segments.Single(s => s.Segment == RfmSegment.Loyal);
        Assert.Equal((1, 500.0), (loyal.Customers, loyal.Revenue));
        Assert.Equal(0, result.Segments.Single(s => s.Segment == RfmSegment.New).Customers);
        Assert.Equal(25, result.Heatmap.Count);
        var cell = result.Heatmap.Single(c => c.R == 3 && c.F == 4);
        Assert.Equal((1, 500.0), (cell.Customers, cell.Revenue));
        Assert.Equal(5, result.Heatmap.Sum(c => c.Customers));
        Assert.Equal(1830, result.Heatmap.Sum(c => c.Revenue));
    }

    [Fact]
    public void Assign_IdenticalActivity_IdenticalScores()
    {
        CustomerActivity[] customers =
        [
            new("x", AsOf.AddDays(-5), 2, 100),
            new("y", AsOf.AddDays(-50), 1, 10),
            new("z", AsOf.AddDays(-5), 2, 100),
        ];

        var result = RfmSegmentation.Assign(customers, AsOf);

        var (x, z) = (result.Customers[0], result.Customers[2]);
        Assert.Equal((x.R, x.F, x.M, x.Segment), (z.R, z.F, z.M, z.Segment));
        // two tied best of three: p = (1 + 1) / 3 → 1 + floor(3.33) = 4
        Assert.Equal(4, x.R);
    }

    [Fact]
    public void Assign_ZeroFrequency_ThrowsNamingCustomer()
    {
        CustomerActivity[] customers = [new("bad-1", AsOf, 0, 10)];

        var ex = Assert.Throws<ArgumentException>(() => RfmSegmentation.Assign(customers, AsOf));

        Assert.Contains("bad-1", ex.Message);
    }

    [Fact]
    public void Assign_PurchaseAfterAsOf_Throws()
    {
        CustomerActivity[] customers = [new("late", AsOf.AddDays(1), 1, 10)];

        var ex = Assert.Throws<ArgumentException>(() => RfmSegmentation.Assign(customers, AsOf));

        Assert.Contains("after the as-of date 2024-06-30", ex.Message);
    }

    [Fact]
    public void Assign_NoCustomers_EmptySegments()
    {
        var result = RfmSegmentation.Assign([], AsOf);

        Assert.Empty(result.Customers);
        Assert.All(result.Segments, s => Assert.Equal(0, s.Customers));
    }

    private static (int R, int F, int M, int Fm, RfmSegment Segment) Scores(RfmAssignment a) => (a.R, a.F, a.M, a.Fm, a.Segment);
}
