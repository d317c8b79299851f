using Dashboard.Domain.Allocation;

namespace Dashboard.Tests.Domain.Allocation;

public class BudgetOptimizerTests
{
    private static BudgetChannel Channel(string name, double beta, double k, double shape, double lower = 0, double upper = double.PositiveInfinity,
        double? current = null) => new(name, new ResponseCurve(beta, k, shape), lower, upper, current);

    /// <summary>Every channel not at a bound has marginal λ; channels at a bound have marginals on the side that keeps them there.</summary>
    private static void AssertFirstOrderConditions(AllocationPlan plan, double relativeTolerance = 1e-6)
    {
        var interior = plan.Channels.Where(c => c.Bound == BoundState.Interior).ToList();
        var lambda = plan.MarginalReturn;
        foreach (var c in interior)
        {
            Assert.True(Math.Abs(c.Marginal - lambda) <= relativeTolerance * lambda,
                $"{c.Name}: marginal {c.Marginal} differs from λ {lambda}");
        }
        foreach (var c in plan.Channels.Where(c => c.Bound == BoundState.AtLower))
        {
            Assert.True(c.Marginal <= lambda * (1 + relativeTolerance), $"{c.Name} at lower bound has marginal {c.Marginal} > λ {lambda}");
        }
        foreach (var c in plan.Channels.Where(c => c.Bound == BoundState.AtUpper))
        {
            Assert.True(c.Marginal >= lambda * (1 - relativeTolerance), $"{c.Name} at upper bound has marginal {c.Marginal} < λ {lambda}");
        }
    }

    [Fact]
    public void Optimize_ConcaveChannels_EqualMarginalsAndBoundsOnTheRightSide()
    {
        var channels = new[]
        {
            Channel("tmall", 5000, 800, 0.8),
            Channel("douyin", 3000, 400, 1.0, upper: 300),
            Channel("search", 2000, 200, 0.6, lower: 50),
            Channel("sms", 100, 900, 1.0, lower: 20),
        };

        var plan = BudgetOptimizer.Optimize(channels, 2000);

        Assert.Equal(2000, plan.TotalSpend, 6);
        Assert.True(plan.Certified);
        Assert.Equal(1, plan.Nodes);
        Assert.Equal(BoundState.AtUpper, plan.Channels[1].Bound);
        Assert.Equal(BoundState.AtLower, plan.Channels[3].Bound);
        Assert.Equal(2, plan.Channels.Count(c => c.Bound == BoundState.Interior));
        AssertFirstOrderConditions(plan, 1e-9);
    }

    [Theory]
    [InlineData(1.0, 1.0, 100)]
    [InlineData(2.5, 0.7, 150)]
    [InlineData(3.0, 3.0, 60)]
    [InlineData(3.0, 3.0, 250)]
    [InlineData(4.0, 1.5, 400)]
    public void Optimize_TwoChannels_MatchesBruteForceGrid(double shapeA, double shapeB, double total)
    {
        var channels = new[] { Channel("a", 100, 80, shapeA, upper: 200), Channel("b", 70, 40, shapeB, lower: 5, upper: 300) };

        var plan = BudgetOptimizer.Optimize(channels, total);
        var grid = BruteForce.Best(channels, total, 4000);

        Assert.True(plan.TotalResponse >= grid.Value - 1e-9, $"optimizer {plan.TotalResponse} below grid {grid.Value}");
        Assert.True(plan.TotalResponse <= grid.Value + grid.Slack, $"optimizer {plan.TotalResponse} above grid {grid.Value} + slack");
        AssertFirstOrderConditions(plan);
    }

    [Theory]
    [InlineData(120)]
    [InlineData(200)]
    [InlineData(330)]
    public void Optimize_ThreeMixedChannels_MatchesBruteForceGrid(double total)
    {
        var channels = new[]
        {
            Channel("s-shaped", 200, 120, 3.5, upper: 400),
            Channel("concave", 60, 50, 0.8, upper: 400),
            Channel("mild-s", 90, 70, 1.8, lower: 10, upper: 400),
        };

        var plan = BudgetOptimizer.Optimize(channels, total);
        var grid = BruteForce.Best(channels, total, 600);

        Assert.True(plan.TotalResponse >= grid.Value - 1e-9, $"optimizer {plan.TotalResponse} below grid {grid.Value}");
        Assert.True(plan.TotalResponse <= grid.Value + grid.Slack);
        Assert.True(plan.Certified);
        AssertFirstOrderConditions(plan);
    }

    [Fact]
    public void Optimize_SShapedWhereLocalAscentFromProportionalSplitFails_FindsTheGlobalOptimum()
    {
        // An S-shaped channel with a high ceiling that only pays once it passes its inflection, and a concave channel that
        // pays from the first unit. From the current split, the S-shaped channel sits on its flat convex foot with a marginal
        // below the concave one's, so a local method keeps moving money away from it.
        var channels = new[]
        {
            Channel("kol-live", 1000, 300, 4, current: 60),
            Channel("search", 400, 100, 1, current: 340),
        };

        var plan = BudgetOptimizer.Optimize(channels, 400);
        var local = BruteForce.LocalAscent(channels, [60, 340]);

        Assert.True(local.Value < plan.TotalResponse * 0.8, $"local ascent reached {local.Value}, optimum {plan.TotalResponse}");
        Assert.True(plan.Channels[0].Spend > channels[0].Curve.InflectionSpend);
        Assert.True(plan.TotalResponse >= BruteForce.Best(channels, 400, 4000).Value - 1e-9);
        Assert.NotNull(plan.Uplift);
        Assert.True(plan.Uplift > 0);
        AssertFirstOrderConditions(plan);
    }

    [Fact]
    public void Optimize_WeakChannel_IsLeftAtItsLowerBound()
    {
        var channels = new[] { Channel("tmall", 5000, 500, 1), Channel("push", 30, 500, 1, lower: 25), Channel("jd", 4000, 600, 0.9) };

        var plan = BudgetOptimizer.Optimize(channels, 1000);

        Assert.Equal(25, plan.Channels[1].Spend, 9);
        Assert.Equal(BoundState.AtLower, plan.Channels[1].Bound);
        Assert.True(plan.Channels[1].Marginal < plan.MarginalReturn);
        AssertFirstOrderConditions(plan);
    }

    [Fact]
    public void Optimize_TotalEqualsSumOfLowerBounds_EveryChannelAtItsLowerBound()
    {
        var channels = new[] { Channel("a", 100, 50, 2, lower: 30, upper: 90), Channel("b", 80, 20, 0.7, lower: 70, upper: 100) };

        var plan = BudgetOptimizer.Optimize(channels, 100);

        Assert.Equal(30, plan.Channels[0].Spend, 12);
        Assert.Equal(70, plan.Channels[1].Spend, 12);
        Assert.All(plan.Channels, c => Assert.Equal(BoundState.AtLower, c.Bound));
    }

    [Fact]
    public void Optimize_LowerBoundsAboveTotal_ErrorNamesTheChannelsAndBounds()
    {
        var channels = new[] { Channel("tmall", 100, 50, 1, lower: 60), Channel("douyin", 100, 50, 1, lower: 50) };

        var error = Assert.Throws<InfeasibleBudgetException>(() => BudgetOptimizer.Optimize(channels, 100));

        Assert.Contains("lower bounds add up to 110", error.Message);
        Assert.Contains("tmall ≥ 60", error.Message);
        Assert.Contains("douyin ≥ 50", error.Message);
    }

    [Fact]
    public void Optimize_UpperBoundsBelowTotal_ErrorNamesTheChannelsAndBounds()
    {
        var channels = new[] { Channel("tmall", 100, 50, 1, upper: 30), Channel("douyin", 100, 50, 1, upper: 40) };

        var error = Assert.Throws<InfeasibleBudgetException>(() => BudgetOptimizer.Optimize(channels, 100));

        Assert.Contains("upper bounds add up to 70, below the total 100", error.Message);
        Assert.Contains("tmall ≤ 30", error.Message);
    }

    [Fact]
    public void Optimize_LowerAboveUpper_ErrorNamesTheChannel()
    {
        var channels = new[] { Channel("tmall", 100, 50, 1, lower: 80, upper: 40), Channel("douyin", 100, 50, 1) };

        var error = Assert.Throws<InfeasibleBudgetException>(() => BudgetOptimizer.Optimize(channels, 100));

        Assert.Equal("channel 'tmall': lower bound 80 is above upper bound 40", Assert.Single(error.Problems));
    }

    [Fact]
    public void Optimize_ZeroEffectChannel_GetsOnlyItsLowerBound()
    {
        var channels = new[] { Channel("dead", 0, 50, 1, lower: 10), Channel("a", 100, 50, 1), Channel("b", 100, 80, 2.5) };

        var plan = BudgetOptimizer.Optimize(channels, 300);

        Assert.Equal(10, plan.Channels[0].Spend, 9);
        Assert.Equal(0, plan.Channels[0].Response);
        Assert.Equal(300, plan.TotalSpend, 9);
        AssertFirstOrderConditions(plan);
    }

    [Fact]
    public void Optimize_OnlyZeroEffectRoom_PutsTheRestThereWithinBounds()
    {
        var channels = new[] { Channel("dead", 0, 50, 1, upper: 1000), Channel("a", 100, 50, 1, upper: 100) };

        var plan = BudgetOptimizer.Optimize(channels, 500);

        Assert.Equal(100, plan.Channels[1].Spend, 9);
        Assert.Equal(400, plan.Channels[0].Spend, 9);
    }

    [Fact]
    public void Optimize_TenChannels_NoPairwiseTransferImproves()
    {
        var random = new Random(7);
        var channels = Enumerable.Range(0, 10).Select(i => Channel($"c{i}", 100 + random.NextDouble() * 900, 50 + random.NextDouble() * 400,
            i % 3 == 0 ? 2 + random.NextDouble() * 2 : 0.5 + random.NextDouble() * 0.5, lower: random.NextDouble() * 20,
            upper: 300 + random.NextDouble() * 500)).ToArray();

        var plan = BudgetOptimizer.Optimize(channels, 2500);
        var spends = plan.Channels.Select(c => c.Spend).ToArray();

        Assert.True(plan.Certified);
        Assert.Equal(2500, plan.TotalSpend, 6);
        AssertFirstOrderConditions(plan);
        var best = BruteForce.BestPairwiseTransfer(channels, spends);
        Assert.True(best <= plan.TotalResponse * (1 + 1e-9), $"a transfer reaches {best} > {plan.TotalResponse}");
    }

    [Fact]
    public void Optimize_FourIdenticalSShapedChannels_MatchesGridAndTurnsOnOnlySome()
    {
        var channels = Enumerable.Range(0, 4).Select(i => Channel($"kol{i}", 100, 100, 3, upper: 400)).ToArray();

        var plan = BudgetOptimizer.Optimize(channels, 260);
        var grid = BruteForce.Best(channels, 260, 260);

        Assert.True(plan.Certified);
        Assert.True(plan.TotalResponse >= grid.Value - 1e-9);
        Assert.True(plan.Channels.Count(c => c.Spend > 1e-6) < 4);
        AssertFirstOrderConditions(plan);
    }

    [Fact]
    public void MinimumBudgetFor_ReachableTarget_SmallestTotalReachingIt()
    {
        var channels = new[] { Channel("a", 100, 50, 1, upper: 500), Channel("b", 150, 120, 2.5, upper: 500) };

        var plan = BudgetOptimizer.MinimumBudgetFor(channels, 150);

        Assert.NotNull(plan);
        Assert.True(plan.TotalResponse >= 150 - 1e-9);
        Assert.True(BudgetOptimizer.Optimize(channels, plan.TotalSpend * (1 - 1e-6)).TotalResponse < 150);
    }

    [Fact]
    public void MinimumBudgetFor_UnreachableTarget_Null()
    {
        var channels = new[] { Channel("a", 100, 50, 1, upper: 500), Channel("b", 150, 120, 2.5, upper: 500) };

        var plan = BudgetOptimizer.MinimumBudgetFor(channels, 250);

        Assert.Null(plan);
    }

    [Fact]
    public void SpendForMarginalFloor_MixedChannels_MarginalsAtTheFloorAndOptimalForItsTotal()
    {
        var channels = new[] { Channel("a", 1000, 200, 0.8), Channel("b", 800, 300, 2.5, upper: 2000), Channel("c", 50, 400, 3) };

        var plan = BudgetOptimizer.SpendForMarginalFloor(channels, 0.5);
        var optimized = BudgetOptimizer.Optimize(channels, plan.TotalSpend);

        Assert.Equal(0.5, plan.Channels[0].Marginal, 9);
        Assert.Equal(0.5, plan.Channels[1].Marginal, 9);
        Assert.Equal(0, plan.Channels[2].Spend);
        Assert.Equal(optimized.TotalResponse, plan.TotalResponse, 6);
        Assert.True(BudgetOptimizer.Optimize(channels, plan.TotalSpend * 1.01).MarginalReturn < 0.5);
    }

    [Fact]
    public void PercentOfCurrent_FiftyToOneFifty_AbsoluteBounds()
    {
        var channel = BudgetChannel.WithPercentBounds("a", new ResponseCurve(1, 1, 1), 200, 50, 150);

        Assert.Equal(100, channel.Lower);
        Assert.Equal(300, channel.Upper);
        Assert.Equal(200, channel.Current);
    }
}
