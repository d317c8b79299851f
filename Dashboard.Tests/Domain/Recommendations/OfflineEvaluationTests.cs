using Dashboard.Domain.Recommendations;
using static Dashboard.Tests.Domain.Recommendations.RecommendationTestData;

namespace Dashboard.Tests.Domain.Recommendations;

public class OfflineEvaluationTests
{
    [Fact]
    public void NdcgAt_TwoTargetsAtRanksTwoAndFour_MatchesHandComputation()
    {
        // DCG = 1/log2(3) + 1/log2(5); ideal = 1 + 1/log2(3).
        int[] ranked = [5, 3, 9, 1];
        var targets = new HashSet<int> { 3, 1 };

        var ndcg = OfflineEvaluation.NdcgAt(ranked, targets, 10);

        Assert.Equal((1 / Math.Log2(3) + 1 / Math.Log2(5)) / (1 + 1 / Math.Log2(3)), ndcg, 12);
    }

    [Theory]
    [InlineData(new[] { 7, 8, 9 }, 10, 0.0)]
    [InlineData(new[] { 3, 8, 9 }, 10, 1.0)]
    [InlineData(new[] { 7, 8, 3 }, 2, 0.0)]
    [InlineData(new[] { 7, 8, 3 }, 3, 1.0)]
    public void HitAt_TargetPosition_CountsOnlyWithinK(int[] ranked, int k, double expected)
    {
        var hit = OfflineEvaluation.HitAt(ranked, new HashSet<int> { 3 }, k);

        Assert.Equal(expected, hit);
    }

    [Fact]
    public void NdcgAt_MoreTargetsThanK_IdealUsesKPositions()
    {
        int[] ranked = [1, 2];
        var targets = new HashSet<int> { 1, 2, 3, 4 };

        var ndcg = OfflineEvaluation.NdcgAt(ranked, targets, 2);

        Assert.Equal(1.0, ndcg, 12);
    }

    [Fact]
    public void Popularity_Rank_ByDistinctBuyersThenId()
    {
        CustomerOrder[] orders = [Order(1, 0, C, C), Order(1, 1, C), Order(2, 0, B, C), Order(3, 0, B), Order(4, 0, A)];

        var ranked = Popularity.Rank(orders);

        Assert.Equal(new[] { B, C, A }, ranked);
    }

    [Fact]
    public void HoldOutLastOrder_TinyCase_ModelHitsWherePopularityMisses()
    {
        // Training (all but last orders): 1{A} 2{A} 3{C} 4{A,B} 5{C,D} 6{E} 7{E} 8{E}. Popularity: A=3, E=3, C=2, ...
        // Held out: 1{B} 2{B} 3{D}. Item-to-item: A's only neighbour is B, C's only neighbour is D: every top-1 hits.
        // Popularity excludes what the customer bought: customers 1 and 2 get E, customer 3 gets A: every top-1 misses.
        CustomerOrder[] orders =
        [
            Order(1, 0, A), Order(1, 10, B),
            Order(2, 0, A), Order(2, 10, B),
            Order(3, 0, C), Order(3, 10, D),
            Order(4, 0, A, B), Order(5, 0, C, D), Order(6, 0, E), Order(7, 0, E), Order(8, 0, E),
        ];

        var report = OfflineEvaluation.HoldOutLastOrder(orders, k: 1);

        Assert.Equal(3, report.CustomersWithTwoOrders);
        Assert.Equal(3, report.CustomersEvaluated);
        Assert.Equal(8, report.TrainingOrders);
        Assert.Equal(new RankingQuality(1, 1), report.Model);
        Assert.Equal(new RankingQuality(0, 0), report.PopularityBaseline);
    }

    [Fact]
    public void HoldOutLastOrder_LastOrderOnlyRepeatsOwnedProducts_IsCountedAsWithoutTarget()
    {
        CustomerOrder[] orders = [Order(1, 0, A), Order(1, 10, A), Order(2, 0, A, B), Order(3, 0, B), Order(3, 5, A)];

        var report = OfflineEvaluation.HoldOutLastOrder(orders);

        Assert.Equal(2, report.CustomersWithTwoOrders);
        Assert.Equal(1, report.CustomersWithoutEligibleTarget);
        Assert.Equal(1, report.CustomersEvaluated);
        Assert.Equal(1.0, report.Model.HitRate);
    }

    [Fact]
    public void TopPerSegment_SharesAndIndex_AreRelativeToAllBuyers()
    {
        // Segment "vip" = customers 1, 2 (both bought A; one bought B). Overall 4 buyers: A bought by 2, B by 3.
        CustomerOrder[] orders = [Order(1, 0, A, B), Order(2, 0, A), Order(3, 0, B), Order(4, 0, B)];

        var top = Popularity.TopPerSegment(orders, c => c <= 2 ? "vip" : "other");

        var vip = top["vip"];
        Assert.Equal(new[] { A, B }, vip.Select(p => p.ProductId));
        Assert.Equal(1.0, vip[0].Share, 12);
        Assert.Equal(1.0 / (2.0 / 4), vip[0].Index, 12);
        Assert.Equal(0.5 / (3.0 / 4), vip[1].Index, 12);
    }
}
