using Dashboard.Domain.Allocation;
using Dashboard.Features.Budget;
using Dashboard.Tests.TestSupport;

namespace Dashboard.Tests.Features.Budget;

public class BudgetWorkbenchTests
{
    private static readonly BudgetModel Model = BudgetModelBuilder.Default();

    [Fact]
    public void Resolve_DefaultQuery_CurrentSplitWithinHalfAndTwiceCurrent()
    {
        var state = BudgetWorkbench.Resolve(Model, BudgetQuery.Default);

        Assert.Equal([10_000d, 20_000, 2_000], state.Spends);
        Assert.Equal((5_000d, 20_000d), (state.Channels[0].Lower, state.Channels[0].Upper));
        Assert.Equal(32_000, state.Total);
    }

    [Fact]
    public void Resolve_SpendOutsideBounds_IsClamped()
    {
        var query = BudgetQuery.Default with { Spends = new Dictionary<string, double> { ["search"] = 90_000 } };

        var state = BudgetWorkbench.Resolve(Model, query);

        Assert.Equal(20_000, state.Spends[0]);
    }

    [Fact]
    public void Resolve_ContradictoryBounds_FallBackToDefaults()
    {
        var query = BudgetQuery.Default with
        {
            Lower = new Dictionary<string, BoundSpec> { ["search"] = new(15_000, false) },
            Upper = new Dictionary<string, BoundSpec> { ["search"] = new(10, true) },
        };

        var state = BudgetWorkbench.Resolve(Model, query);

        Assert.Equal((5_000d, 20_000d), (state.Channels[0].Lower, state.Channels[0].Upper));
    }

    [Fact]
    public void Move_TotalLocked_RebalancesOthersInProportionKeepingTheTotalInWholeUnits()
    {
        var state = BudgetWorkbench.Resolve(Model, BudgetQuery.Default);

        var spends = BudgetWorkbench.Move(state, 0, 13_001);

        Assert.Equal(13_001, spends[0]);
        Assert.Equal(32_000, spends.Sum());
        Assert.All(spends, s => Assert.Equal(Math.Round(s), s));
        // The other two give up 3,001 in proportion 20,000 : 2,000.
        Assert.Equal(20_000 - 3_001 * 20.0 / 22, spends[1], 0.6);
        Assert.Equal(2_000 - 3_001 * 2.0 / 22, spends[2], 0.6);
    }

    [Fact]
    public void Move_TotalFree_ChangesOnlyThatChannel()
    {
        var state = BudgetWorkbench.Resolve(Model, BudgetQuery.Default with { TotalLocked = false });

        var spends = BudgetWorkbench.Move(state, 1, 25_000.4);

        Assert.Equal([10_000d, 25_000, 2_000], spends);
    }

    [Fact]
    public void Move_Locked_OthersAtTheirBounds_MovedChannelStopsShort()
    {
        var state = BudgetWorkbench.Resolve(Model, BudgetQuery.Default);

        var spends = BudgetWorkbench.Move(state, 0, 20_000);

        // The others can give at most 10,000 + 1,000 (down to half of current), but search may only reach 20,000 anyway.
        Assert.Equal(32_000, spends.Sum());
        Assert.True(spends[1] >= 10_000 && spends[2] >= 1_000);
    }

    [Fact]
    public void RoundPreservingTotal_Fractions_KeepsTheTotal()
    {
        var channels = Enumerable.Range(0, 3).Select(i => new BudgetChannel("c" + i, new ResponseCurve(1, 1, 1), 0, 100)).ToArray();

        var rounded = BudgetWorkbench.RoundPreservingTotal([33.4, 33.3, 33.3], channels, 100);

        Assert.Equal([34d, 33, 33], rounded);
    }

    [Fact]
    public void Project_CurrentSplit_NoUpliftAndBandAroundTheEstimate()
    {
        var state = BudgetWorkbench.Resolve(Model, BudgetQuery.Default);

        var projection = BudgetWorkbench.Project(state);

        Assert.Equal(0, projection.Uplift, 6);
        var expected = Model.Channels.Sum(c => c.Curve.Response(c.CurrentSpend));
        Assert.Equal(expected, projection.TotalResponse, 6);
        // Bootstrap β spans 0.9..1.1 of the estimate, so the 95% band lies inside ±10%.
        Assert.InRange(projection.ResponseLow, 0.9 * expected, expected);
        Assert.InRange(projection.ResponseHigh, expected, 1.1 * expected);
        Assert.True(projection.Channels[2].IsShrunk);
    }

    [Fact]
    public void Project_Marginal_IsSpendWeightedMeanOfChannelMarginals()
    {
        var state = BudgetWorkbench.Resolve(Model, BudgetQuery.Default);

        var projection = BudgetWorkbench.Project(state);

        var expected = Model.Channels.Sum(c => c.CurrentSpend / 32_000 * c.Curve.Marginal(c.CurrentSpend));
        Assert.Equal(expected, projection.Marginal, 9);
    }

    [Fact]
    public void Optimize_SameTotal_BeatsTheCurrentSplitWithinBounds()
    {
        var state = BudgetWorkbench.Resolve(Model, BudgetQuery.Default);

        var best = BudgetWorkbench.Optimize(state);

        Assert.Null(best.Problem);
        Assert.Equal(32_000, best.Spends.Sum());
        Assert.True(best.Response > BudgetWorkbench.Project(state).TotalResponse);
        Assert.All(best.Spends.Select((s, i) => (s, c: state.Channels[i])), x => Assert.InRange(x.s, x.c.Lower, x.c.Upper));
    }

    [Fact]
    public void Optimize_LowerBoundsAboveTotal_ReportsTheProblem()
    {
        var query = BudgetQuery.Default with { Lower = new Dictionary<string, BoundSpec> { ["douyin"] = new(200, true) } };
        var state = BudgetWorkbench.Resolve(Model, query) is var s ? s with { Spends = [1_000d, 1_000, 1_000] } : null!;

        var best = BudgetWorkbench.Optimize(state);

        Assert.NotNull(best.Problem);
    }

    [Fact]
    public void MinimumBudgetFor_ReachableTarget_ReachesItWithTheSmallestTotal()
    {
        var state = BudgetWorkbench.Resolve(Model, BudgetQuery.Default);
        var target = BudgetWorkbench.Optimize(state).Response;

        var answer = BudgetWorkbench.MinimumBudgetFor(state, target);

        Assert.Null(answer.Problem);
        Assert.True(answer.Response >= target * (1 - 1e-6));
        Assert.InRange(answer.Total, 31_990, 32_001);
    }

    [Fact]
    public void MinimumBudgetFor_UnreachableTarget_SaysSo()
    {
        var state = BudgetWorkbench.Resolve(Model, BudgetQuery.Default);

        var answer = BudgetWorkbench.MinimumBudgetFor(state, 1e9);

        Assert.NotNull(answer.Problem);
    }

    [Fact]
    public void SpendForMarginalFloor_EveryInteriorChannelAtTheFloor()
    {
        var state = BudgetWorkbench.Resolve(Model, BudgetQuery.Default);

        var answer = BudgetWorkbench.SpendForMarginalFloor(state, 0.8);

        Assert.Null(answer.Problem);
        var evaluation = BudgetEvaluator.Evaluate(state.Channels, answer.Spends);
        Assert.All(evaluation.Channels.Where(c => c.Bound == BoundState.Interior), c => Assert.Equal(0.8, c.Marginal, 2));
    }

    [Fact]
    public void WithSpends_CurrentSplit_WritesNothing()
    {
        var query = BudgetWorkbench.WithSpends(Model, BudgetQuery.Default, [10_000d, 20_000, 2_000]);

        Assert.Empty(query.Spends);
    }

    [Fact]
    public void WithBounds_CurrentSpendAboveNewUpper_MovesItInsideAndRebalances()
    {
        var state = BudgetWorkbench.Resolve(Model, BudgetQuery.Default);

        var query = BudgetWorkbench.WithBounds(state, "douyin", new BoundSpec(50, true), new BoundSpec(15_000, false));
        var next = BudgetWorkbench.Resolve(Model, query);

        Assert.Equal(15_000, next.Spends[1]);
        Assert.Equal(32_000, next.Total);
        Assert.Equal(new BoundSpec(15_000, false), query.UpperOf("douyin"));
    }

    [Fact]
    public void QueryFor_SavedScenario_ReopensItsSplitAndBounds()
    {
        var state = BudgetWorkbench.Resolve(Model, BudgetQuery.Default with
        {
            Spends = new Dictionary<string, double> { ["search"] = 12_000, ["douyin"] = 18_000, ["sms"] = 2_000 },
            Upper = new Dictionary<string, BoundSpec> { ["sms"] = new(4_000, false) },
        });
        var saved = new SavedScenario(new ScenarioSummary(5, "Plan A", BudgetOutcome.Revenue, 32_000, 1, Dashboard.Data.Entities.BudgetScenarioStatus.Draft, "x",
            DateTime.UtcNow), true, 7, null, null, BudgetWorkbench.ScenarioChannels(state));

        var reopened = BudgetWorkbench.Resolve(Model, BudgetWorkbench.QueryFor(saved, BudgetQuery.Default));

        Assert.Equal(state.Spends, reopened.Spends);
        Assert.Equal(state.Channels.Select(c => (c.Lower, c.Upper)), reopened.Channels.Select(c => (c.Lower, c.Upper)));
        Assert.Equal(5, reopened.Query.Compare);
    }
}
