using Dashboard.Domain.Recommendations;
using static Dashboard.Tests.Domain.Recommendations.RecommendationTestData;

namespace Dashboard.Tests.Domain.Recommendations;

/// <summary>
/// A small world: customers 1, 2 buy serums A and B, 3, 4 buy makeup C and D, 5 buys A, 6 buys C (all on day 0). The new
/// serum X launches on day 10: customer 1 adds it to the cart (3), customer 2 clicks and visits 180 s (1 + 2 = 3),
/// customer 3 only sees an impression. Seed s = {1: 3, 2: 3}, ‖s‖ = √18:
/// sim(X, A) = (3 + 3) / (√18 · √3) = 2/√6 (exactly sim(A, B) = 2 / √(3 · 2)), sim(X, B) = 6 / (√18 · √2) = 1, nothing with C or D.
/// </summary>
public class ColdStartBlendTests
{
    private const int X = 99;

    private static readonly CustomerOrder[] Orders =
        [Order(1, 0, A, B), Order(2, 0, A, B), Order(3, 0, C, D), Order(4, 0, C, D), Order(5, 0, A), Order(6, 0, C)];

    private static readonly CampaignSignal[] Signals =
    [
        new(1, X, SignalType.AddToCart, Day0.AddDays(10)),
        new(2, X, SignalType.Click, Day0.AddDays(11)), new(2, X, SignalType.Visit, Day0.AddDays(11), DwellSeconds: 180),
        new(3, X, SignalType.Exposure, Day0.AddDays(12)),
    ];

    private static readonly ColdStartSettings NoSlot = new() { ExplorationShare = 0 };

    [Fact]
    public void EventWeight_FunnelOrder_OrderOverCartOverVisitOverClickOverExposure()
    {
        var w = new SignalWeights();

        double[] weights =
        [
            w.EventWeight(SignalType.Order, null), w.EventWeight(SignalType.AddToCart, null), w.EventWeight(SignalType.Visit, 180),
            w.EventWeight(SignalType.Visit, 60), w.EventWeight(SignalType.Click, null), w.EventWeight(SignalType.Exposure, null),
        ];

        Assert.Equal([5, 3, 2, 1 + 60 / 180.0, 1, 0.1], weights);
        Assert.Equal(w.EventWeight(SignalType.Click, null), w.EventWeight(SignalType.Visit, 0)); // a visit is at least a click
        Assert.Equal(2, w.EventWeight(SignalType.Visit, 3600)); // dwell capped at 180 s
    }

    [Fact]
    public void Build_CoEngagement_WeightedCosineOfStrongestSignals()
    {
        // Customer 7 clicks A, adds A to the cart (strongest: 3) and visits C for 180 s (2); customer 8 clicks C (1).
        // e(A) = (3, 0), e(C) = (2, 1): cosine = 3·2 / (3 · √5) = 2/√5. Engagement only (weight 1), no purchases.
        ProductClick[] clicks =
        [
            new(7, A, Day0), new(7, A, Day0, SignalType.AddToCart), new(7, C, Day0, SignalType.Visit, 180), new(8, C, Day0),
        ];

        var index = ItemToItem.Build([], clicks, new ItemToItemSettings { ClickWeight = 1 });

        Assert.Equal(2 / Math.Sqrt(5), index.Similarity(A, C), 12);
        Assert.Equal(index.Similarity(A, C), index.Similarity(C, A), 12);
    }

    [Fact]
    public void Build_AddToCartOutweighsExposure_CartedProductIsTheCloserNeighbour()
    {
        // Customer 7 adds A and B to the cart, customer 8 adds A to the cart and only sees an ad for C, customer 9 adds C
        // to the cart. Unweighted, B and C would both be at 1/√2 from A; the impression's low weight separates them.
        ProductClick[] clicks =
        [
            new(7, A, Day0, SignalType.AddToCart), new(7, B, Day0, SignalType.AddToCart),
            new(8, A, Day0, SignalType.AddToCart), new(8, C, Day0, SignalType.Exposure), new(9, C, Day0, SignalType.AddToCart),
        ];

        var index = ItemToItem.Build([], clicks, new ItemToItemSettings { ClickWeight = 1 });

        // e(A) = (3, 3, 0), e(B) = (3, 0, 0), e(C) = (0, 0.1, 3): cos(A, B) = 9 / (√18 · 3) = 1/√2; cos(A, C) = 0.3 / (√18 · √9.01).
        Assert.Equal(1 / Math.Sqrt(2), index.Similarity(A, B), 12);
        Assert.Equal(0.3 / (Math.Sqrt(18) * Math.Sqrt(9.01)), index.Similarity(A, C), 12);
        Assert.Equal(B, index.Neighbours(A)[0].ProductId);
    }

    [Fact]
    public void SeedSimilarities_SignalAudience_HandComputedCosines()
    {
        var index = ItemToItem.Build(Orders);

        var similar = index.SeedSimilarities(new Dictionary<long, double> { [1] = 3, [2] = 3 });

        Assert.Equal(2 / Math.Sqrt(6), similar[A], 12);
        Assert.Equal(1, similar[B], 12);
        Assert.False(similar.ContainsKey(C));
    }

    [Fact]
    public void Rank_SimilarCustomerNoEngagement_NewProductTiesTheEstablishedNeighbour()
    {
        // Customer 5 bought A: B scores w·sim(A, B) = w·2/√6 and X scores w·sim(A, X) = w·2/√6: a tie (up to rounding).
        var (recommender, _) = Prepared(NoSlot);
        var history = CustomerHistory.From([Order(5, 0, A)], Day0.AddDays(12));

        var ranked = recommender.Rank(history, Day0.AddDays(12));

        Assert.Equal([B, X], ranked.Select(r => r.ProductId).Order());
        Assert.Equal(ranked[0].Score, ranked[1].Score, 12);
        Assert.Equal(Math.Pow(0.5, 12 / 90.0) * 2 / Math.Sqrt(6), ranked.Single(r => r.ProductId == X).Score, 12);
        Assert.Equal(RecommendationReason.NewProduct, ranked.Single(r => r.ProductId == X).Reason);
    }

    [Fact]
    public void Rank_CustomerAddedTheNewProductToTheCart_EngagementBoostPutsItFirst()
    {
        // The same customer added X to the cart today: X gets + boost 1 × min(1, 3 / 5) × 0.5^0 = 0.6, while X, now a
        // history item at click weight 0.3, lifts its neighbour B by 0.3 × sim(X, B) = 0.3: X leads by 0.3.
        var (recommender, _) = Prepared(NoSlot);
        var history = CustomerHistory.From([Order(5, 0, A)], [new ProductClick(5, X, Day0.AddDays(12), SignalType.AddToCart)], Day0.AddDays(12));

        var ranked = recommender.Rank(history, Day0.AddDays(12));

        Assert.Equal([X, B], ranked.Select(r => r.ProductId));
        Assert.Equal(0.3, ranked[0].Score - ranked[1].Score, 12);
        Assert.Equal(RecommendationReason.NewProduct, ranked[0].Reason);
    }

    [Fact]
    public void Rank_CustomerOnlyClickedTheNewProduct_ItsNeighbourGainsMoreThanItDoes()
    {
        // A click is weak intent: + 1 × min(1, 1 / 5) = 0.2 for X, + 0.3 × 1 for B. B stays first, by 0.1.
        var (recommender, _) = Prepared(NoSlot);
        var history = CustomerHistory.From([Order(5, 0, A)], [new ProductClick(5, X, Day0.AddDays(12))], Day0.AddDays(12));

        var ranked = recommender.Rank(history, Day0.AddDays(12));

        Assert.Equal([B, X], ranked.Select(r => r.ProductId));
        Assert.Equal(0.1, ranked[0].Score - ranked[1].Score, 12);
    }

    [Fact]
    public void Rank_BeforeTheLaunch_NewProductIsNoCandidate()
    {
        var (recommender, _) = Prepared(NoSlot);
        var history = CustomerHistory.From([Order(5, 0, A)], Day0.AddDays(5));

        var ranked = recommender.Rank(history, Day0.AddDays(5));

        Assert.DoesNotContain(ranked, r => r.ProductId == X);
    }

    [Theory]
    [InlineData("serum", 20, false)]
    [InlineData("serum", 80, true)]
    [InlineData("makeup", 200, false)]
    public void Rank_OrderedViaTheCampaign_ComesBackOnlyWhenItsCategoryIsReplenished(string category, int day, bool expectedBack)
    {
        // Customer 1 added X to the cart on day 10 and bought it on day 11; serum is replenished every 60 days, makeup never.
        var categories = new Dictionary<int, string> { [A] = "serum", [B] = "serum", [C] = "makeup", [D] = "makeup", [X] = category };
        var prepared = ColdStart.Prepare(ItemToItem.Build(Orders), Signals, X, categories, NoSlot);
        var recommender = new Recommender(prepared.Index, new RecommenderSettings { ReplenishmentDays = new Dictionary<string, double> { ["serum"] = 60 } },
            categories, coldStart: [prepared.Product]);
        var history = CustomerHistory.From([Order(1, 0, A, B), Order(1, 11, X)], [new ProductClick(1, X, Day0.AddDays(10), SignalType.AddToCart)], Day0.AddDays(day));

        var ranked = recommender.Rank(history, Day0.AddDays(day));

        Assert.Equal(expectedBack, ranked.Any(r => r.ProductId == X));
        Assert.All(ranked.Where(r => r.ProductId == X), r => Assert.Equal(RecommendationReason.Replenish, r.Reason));
    }

    [Fact]
    public void Prepare_Calibrate_ScalesToTheMedianStrengthOfEstablishedProducts()
    {
        // Serum peers A and B are fewer than 3, so all established products are peers: every one has a single neighbour
        // at 2/√6 (A–B, C–D), median strength 2/√6. X's raw strength: 2/√6 + 1. κ = (2/√6) / (2/√6 + 1).
        var categories = new Dictionary<int, string> { [A] = "serum", [B] = "serum", [C] = "makeup", [D] = "makeup", [X] = "serum" };

        var prepared = ColdStart.Prepare(ItemToItem.Build(Orders), Signals, X, categories, new ColdStartSettings { Calibrate = true });

        var kappa = 2 / Math.Sqrt(6) / (2 / Math.Sqrt(6) + 1);
        Assert.Equal(kappa, prepared.Product.Calibration, 12);
        Assert.Equal(kappa, prepared.Index.Similarity(X, B), 12);
        Assert.Equal(kappa, prepared.Index.Similarity(B, X), 12);
        Assert.Equal(Day0.AddDays(10), prepared.Product.LaunchUtc);
        Assert.Equal(2, prepared.Product.SeedSize);
    }

    [Fact]
    public void ExplorationSlot_MostSimilarCustomer_GetsTheSlotOthersDoNot()
    {
        // Only customer 2 clicks X (seed {2: 1}): sim(X, A) = 1/√3, below sim(A, B) = 2/√6, so for customer 5 (bought A)
        // X ranks second on its score. Customers 5 (affinity w/√3) and 6 (bought C: 0); share 0.5 = the top 1; slot at rank 1.
        var prepared = ColdStart.Prepare(ItemToItem.Build(Orders), [new CampaignSignal(2, X, SignalType.Click, Day0.AddDays(10))], X, null,
            new ColdStartSettings { ExplorationRank = 1 });
        var recommender = new Recommender(prepared.Index, coldStart: [prepared.Product]);
        var asOf = Day0.AddDays(12);
        var five = CustomerHistory.From([Order(5, 0, A)], asOf);
        var six = CustomerHistory.From([Order(6, 0, C)], asOf);
        var slotted = ColdStart.WithExplorationSlot([prepared.Product], recommender, [(five, asOf), (six, asOf)], 0.5);
        var withSlot = new Recommender(prepared.Index, coldStart: slotted);

        var before = recommender.Rank(five, asOf);
        var forFive = withSlot.Rank(five, asOf);
        var forSix = withSlot.Rank(six, asOf);

        Assert.Equal([B, X], before.Select(r => r.ProductId));
        Assert.Equal(Math.Pow(0.5, 12 / 90.0) / Math.Sqrt(3), slotted[0].SlotAffinity!.Value, 12);
        Assert.Equal([X, B], forFive.Select(r => r.ProductId));
        Assert.Equal(RecommendationReason.Exploration, forFive[0].Reason);
        Assert.Equal(before[1].Score, forFive[0].Score, 12); // the slot moves it up; its score stays what it is
        Assert.DoesNotContain(forSix, r => r.ProductId == X);
    }

    [Fact]
    public void HoldOutLastOrder_AllHeldOutOrdersBeforeTheLaunch_SameAsWithoutColdStart()
    {
        CustomerOrder[] orders = [.. Orders, Order(1, 5, C), Order(5, 6, B), Order(6, 7, D)];

        var without = OfflineEvaluation.HoldOutLastOrder(orders);
        var with = OfflineEvaluation.HoldOutLastOrder(orders, coldStart: new ColdStartInput(Signals, [X]));

        Assert.Equal(without, with);
    }

    private static (Recommender Recommender, ColdStartProduct Product) Prepared(ColdStartSettings settings)
    {
        var prepared = ColdStart.Prepare(ItemToItem.Build(Orders), Signals, X, null, settings);
        return (new Recommender(prepared.Index, coldStart: [prepared.Product]), prepared.Product);
    }
}
