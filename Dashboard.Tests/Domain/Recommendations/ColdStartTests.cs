using Dashboard.Domain.Recommendations;
using static Dashboard.Tests.Domain.Recommendations.RecommendationTestData;

namespace Dashboard.Tests.Domain.Recommendations;

public class ColdStartTests
{
    private const int X = 99;

    [Fact]
    public void Score_MixedSignals_AddsDocumentedWeights()
    {
        // 3 impressions 0.3 + click 1 + 90 s visit (1 + 1 · 90/180 = 1.5) = 2.8.
        CampaignSignal[] signals =
        [
            new(1, X, SignalType.Exposure, Day0), new(1, X, SignalType.Exposure, Day0), new(1, X, SignalType.Exposure, Day0),
            new(1, X, SignalType.Click, Day0), new(1, X, SignalType.Visit, Day0, DwellSeconds: 90),
        ];

        var score = Assert.Single(ColdStart.Score(signals, X));

        Assert.Equal(2.8, score.Score, 12);
        Assert.Equal(3, score.Exposures);
        Assert.Equal(90, score.DwellSeconds);
    }

    [Theory]
    [InlineData(10, 0.5)]
    [InlineData(2, 0.2)]
    public void Score_ImpressionsOnly_SaturateAtFive(int impressions, double expected)
    {
        var signals = Enumerable.Range(0, impressions).Select(_ => new CampaignSignal(1, X, SignalType.Exposure, Day0));

        var score = Assert.Single(ColdStart.Score(signals, X));

        Assert.Equal(expected, score.Score, 12);
    }

    [Fact]
    public void Score_LongDwell_IsCappedAndCartAndOrderWeighMost()
    {
        CampaignSignal[] signals =
        [
            new(1, X, SignalType.Visit, Day0, DwellSeconds: 1000),
            new(2, X, SignalType.AddToCart, Day0), new(2, X, SignalType.Order, Day0),
            new(3, X + 1, SignalType.Order, Day0),
        ];

        var scores = ColdStart.Score(signals, X);

        Assert.Equal(new long[] { 2, 1 }, scores.Select(s => s.CustomerId));
        Assert.Equal(8.0, scores[0].Score, 12);
        Assert.Equal(2.0, scores[1].Score, 12);
    }

    [Fact]
    public void Audience_ImpressionsOnlyCustomers_AreLeftOut()
    {
        CampaignSignal[] signals =
        [
            .. Enumerable.Range(0, 8).Select(_ => new CampaignSignal(1, X, SignalType.Exposure, Day0)),
            new(2, X, SignalType.Click, Day0),
        ];

        var audience = ColdStart.Audience(signals, X);

        Assert.Equal(2, Assert.Single(audience).CustomerId);
    }

    [Fact]
    public void Extend_ClickersBoughtAAndB_ColdProductIsSimilarToThoseByWeightedCosine()
    {
        // A bought by 1, 2, 5; B by 1, 2; C, D by 3, 4. Customers 1 and 2 click X (weight 1 each):
        // sim(X, A) = 2 / (√2 · √3), sim(X, B) = 2 / (√2 · √2) = 1, nothing for C or D.
        CustomerOrder[] orders = [Order(1, 0, A, B), Order(2, 0, A, B), Order(3, 0, C, D), Order(4, 0, C, D), Order(5, 0, A), Order(6, 0, C)];
        CampaignSignal[] signals = [new(1, X, SignalType.Click, Day0), new(2, X, SignalType.Click, Day0), new(6, X, SignalType.Exposure, Day0)];

        var index = ColdStart.Extend(ItemToItem.Build(orders), signals, X);

        Assert.Equal(2 / (Math.Sqrt(2) * Math.Sqrt(3)), index.Similarity(X, A), 12);
        Assert.Equal(1.0, index.Similarity(X, B), 12);
        Assert.Equal(0, index.Similarity(X, C));
        Assert.Equal(1.0, index.Similarity(B, X), 12);
    }

    [Fact]
    public void Reach_CustomersLikeTheSignalers_GetTheColdProductOthersDoNot()
    {
        CustomerOrder[] orders = [Order(1, 0, A, B), Order(2, 0, A, B), Order(3, 0, C, D), Order(4, 0, C, D), Order(5, 0, B), Order(6, 0, C)];
        CampaignSignal[] signals = [new(1, X, SignalType.AddToCart, Day0), new(2, X, SignalType.Click, Day0)];
        var recommender = new Recommender(ColdStart.Extend(ItemToItem.Build(orders), signals, X));
        var likeSignalers = new[] { CustomerHistory.From([Order(5, 0, B)], Day0.AddDays(1)) };
        var unlike = new[] { CustomerHistory.From([Order(6, 0, C)], Day0.AddDays(1)) };

        var reached = ColdStart.Reach(recommender, likeSignalers, X, Day0.AddDays(1));
        var notReached = ColdStart.Reach(recommender, unlike, X, Day0.AddDays(1));

        // Customer 5 bought B (buyers 1, 2, 5): candidates A (sim 2/√6 ≈ 0.816) and X (cart 3 + click 1:
        // sim(B, X) = (3 + 1) / (√10 · √3) ≈ 0.730): X second.
        Assert.Equal(new ProductReach(1, 1, 2, 1, 0.5), reached);
        Assert.Equal(new ProductReach(1, 0, null, 0, 0), notReached);
    }
}
