using Dashboard.Domain.Recommendations;
using static Dashboard.Tests.Domain.Recommendations.RecommendationTestData;

namespace Dashboard.Tests.Domain.Recommendations;

public class ItemToItemTests
{
    // c(A)=3, c(B)=2, c(C)=2, c(A,B)=2, c(A,C)=1, c(B,C)=1 (customer 1 buys A and B in separate orders).
    private static readonly CustomerOrder[] Orders =
    [
        Order(1, 0, A), Order(1, 5, B),
        Order(2, 0, A, B, C),
        Order(3, 0, A),
        Order(4, 0, C),
    ];

    [Fact]
    public void Build_CoPurchase_GivesHandComputedCosines()
    {
        var index = ItemToItem.Build(Orders);

        Assert.Equal(2 / Math.Sqrt(6), index.Similarity(A, B), 12);
        Assert.Equal(1 / Math.Sqrt(6), index.Similarity(A, C), 12);
        Assert.Equal(1 / Math.Sqrt(4), index.Similarity(B, C), 12);
        Assert.Equal(index.Similarity(A, B), index.Similarity(B, A), 12);
    }

    [Fact]
    public void Neighbours_OfC_AreMostSimilarFirst()
    {
        var index = ItemToItem.Build(Orders);

        var neighbours = index.Neighbours(C);

        Assert.Equal(new[] { B, A }, neighbours.Select(n => n.ProductId));
    }

    [Fact]
    public void Build_NeighbourCap_KeepsOnlyTheBest()
    {
        var index = ItemToItem.Build(Orders, settings: new ItemToItemSettings { NeighboursPerProduct = 1 });

        var neighbours = index.Neighbours(A);

        Assert.Equal(B, Assert.Single(neighbours).ProductId);
        Assert.Equal(0, index.Similarity(A, C));
    }

    [Fact]
    public void Build_WithCoClicks_BlendsPurchaseAndClickCosines()
    {
        // Clicks: customer 7 clicks A and C, customer 8 clicks C: click cosine(A, C) = 1 / √(1 · 2).
        ProductClick[] clicks = [new(7, A, Day0), new(7, C, Day0), new(8, C, Day0)];

        var index = ItemToItem.Build(Orders, clicks, new ItemToItemSettings { ClickWeight = 0.5 });

        Assert.Equal(0.5 * (1 / Math.Sqrt(6)) + 0.5 * (1 / Math.Sqrt(2)), index.Similarity(A, C), 12);
        Assert.Equal(0.5 * (2 / Math.Sqrt(6)), index.Similarity(A, B), 12);
    }

    [Fact]
    public void Buyers_OfA_AreTheDistinctCustomers()
    {
        var index = ItemToItem.Build(Orders);

        Assert.Equal(new long[] { 1, 2, 3 }, index.Buyers(A));
    }
}
