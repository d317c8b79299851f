using Dashboard.Domain.Recommendations;
using static Dashboard.Tests.Domain.Recommendations.RecommendationTestData;

namespace Dashboard.Tests.Domain.Recommendations;

public class RecommenderTests
{
    private static readonly CustomerOrder[] Orders =
    [
        Order(1, 0, A), Order(1, 5, B),
        Order(2, 0, A, B, C),
        Order(3, 0, A),
        Order(4, 0, C),
    ];

    private static readonly ItemToItem Index = ItemToItem.Build(Orders);

    [Fact]
    public void Rank_BoughtAToday_RecommendsNeighboursByCosineAndNotA()
    {
        var recommender = new Recommender(Index);
        var history = CustomerHistory.From([Order(9, 10, A)], Day0.AddDays(10));

        var ranked = recommender.Rank(history, Day0.AddDays(10));

        Assert.Equal(new[] { B, C }, ranked.Select(r => r.ProductId));
        Assert.Equal(2 / Math.Sqrt(6), ranked[0].Score, 12);
        Assert.All(ranked, r => Assert.Equal(RecommendationReason.Similar, r.Reason));
    }

    [Fact]
    public void Rank_PurchaseOneHalfLifeAgo_WeighsHalf()
    {
        var recommender = new Recommender(Index, new RecommenderSettings { RecencyHalfLifeDays = 30 });
        var history = CustomerHistory.From([Order(9, 0, A)], Day0.AddDays(30));

        var ranked = recommender.Rank(history, Day0.AddDays(30));

        Assert.Equal(0.5 * 2 / Math.Sqrt(6), ranked[0].Score, 12);
    }

    [Fact]
    public void Rank_ClickedOnly_WeighsClickWeight()
    {
        var recommender = new Recommender(Index, new RecommenderSettings { ClickWeight = 0.3 });
        var history = CustomerHistory.From([], [new ProductClick(9, C, Day0)], Day0);

        var ranked = recommender.Rank(history, Day0);

        Assert.Equal(new[] { B, A }, ranked.Select(r => r.ProductId));
        Assert.Equal(0.3 * 0.5, ranked[0].Score, 12);
    }

    [Theory]
    [InlineData(30, false)]
    [InlineData(59.9, false)]
    [InlineData(60, true)]
    [InlineData(200, true)]
    public void Rank_ReplenishableCategory_ComesBackAfterItsInterval(double daysSincePurchase, bool expectedBack)
    {
        var settings = new RecommenderSettings { ReplenishmentDays = new Dictionary<string, double> { ["Skincare"] = 60 } };
        var categories = new Dictionary<int, string> { [A] = "Skincare", [B] = "Bags", [C] = "Bags" };
        var recommender = new Recommender(Index, settings, categories);
        var asOf = Day0.AddDays(daysSincePurchase);
        var history = CustomerHistory.From([Order(9, 0, A)], asOf);

        var ranked = recommender.Rank(history, asOf);

        Assert.Equal(expectedBack, ranked.Any(r => r.ProductId == A && r.Reason == RecommendationReason.Replenish));
    }

    [Fact]
    public void Rank_ReplenishmentDue_AddsTheBoostToTheSimilarityScore()
    {
        // A (skincare, due) is also similar to B, which the customer bought too: score = w_B · sim(B, A) + boost.
        var settings = new RecommenderSettings { ReplenishmentDays = new Dictionary<string, double> { ["Skincare"] = 60 }, RecencyHalfLifeDays = 1e12 };
        var recommender = new Recommender(Index, settings, new Dictionary<int, string> { [A] = "Skincare" });
        var asOf = Day0.AddDays(100);
        var history = CustomerHistory.From([Order(9, 0, A, B)], asOf);

        var ranked = recommender.Rank(history, asOf);

        var a = Assert.Single(ranked, r => r.ProductId == A);
        Assert.Equal(RecommendationReason.Replenish, a.Reason);
        Assert.Equal(2 / Math.Sqrt(6) + 1.0, a.Score, 9);
        Assert.DoesNotContain(ranked, r => r.ProductId == B);
    }

    [Fact]
    public void Rank_ReplenishmentBoost_ScalesWithOrdersAndRecency()
    {
        // A bought in 2 orders, last 30 days ago, half-life 30: boost = 1 × 2 × 0.5 = 1. C bought once 60 days ago: 0.25.
        var settings = new RecommenderSettings { DefaultReplenishmentDays = 0, RecencyHalfLifeDays = 30 };
        var recommender = new Recommender(ItemToItem.Build([]), settings);
        var asOf = Day0.AddDays(60);
        var history = CustomerHistory.From([Order(9, 0, A, C), Order(9, 30, A)], asOf);

        var ranked = recommender.Rank(history, asOf);

        Assert.Equal(new[] { A, C }, ranked.Select(r => r.ProductId));
        Assert.Equal(1.0, ranked[0].Score, 12);
        Assert.Equal(0.25, ranked[1].Score, 12);
    }

    [Theory]
    [InlineData(10, false)]
    [InlineData(30, true)]
    public void Rank_NonReplenishableWithSuppressionPeriod_ComesBackOnlyAfterIt(int days, bool expectedBack)
    {
        var recommender = new Recommender(Index, new RecommenderSettings { NonReplenishableSuppressionDays = 30 });
        var asOf = Day0.AddDays(days);
        var history = CustomerHistory.From([Order(9, 0, A, B)], asOf);

        var ranked = recommender.Rank(history, asOf);

        Assert.Equal(expectedBack, ranked.Any(r => r.ProductId == A));
    }

    [Fact]
    public void Rank_FewCandidates_FillsWithEligiblePopularProducts()
    {
        var recommender = new Recommender(Index, popular: [A, E, D, B]);
        var history = CustomerHistory.From([Order(9, 0, A)], Day0);

        var ranked = recommender.Rank(history, Day0, 4);

        Assert.Equal(new[] { B, C, E, D }, ranked.Select(r => r.ProductId));
        Assert.Equal(RecommendationReason.Popular, ranked[2].Reason);
    }

    [Fact]
    public void CustomerHistory_EventsAfterAsOf_AreNotSeen()
    {
        var history = CustomerHistory.From([Order(9, 0, A), Order(9, 20, B)], [new ProductClick(9, C, Day0.AddDays(30))], Day0.AddDays(10));

        Assert.NotNull(history.Of(A));
        Assert.Null(history.Of(B));
        Assert.Null(history.Of(C));
    }
}
