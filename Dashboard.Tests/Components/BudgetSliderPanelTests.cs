using Bunit;
using Dashboard.Features.Budget;
using Dashboard.Tests.TestSupport;

namespace Dashboard.Tests.Components;

public class BudgetSliderPanelTests : DashboardComponentTest
{
    private static readonly BudgetModel Model = BudgetModelBuilder.Default();

    private IRenderedComponent<BudgetSliderPanel> RenderPanel(BudgetQuery query, Action<IReadOnlyList<double>> changed)
    {
        var state = BudgetWorkbench.Resolve(Model, query);
        return Render<BudgetSliderPanel>(p => p
            .Add(c => c.State, state)
            .Add(c => c.Projection, BudgetWorkbench.Project(state))
            .Add(c => c.SpendsChanged, changed));
    }

    // What the page does with a reported split: the new state goes back in.
    private static void Apply(IRenderedComponent<BudgetSliderPanel> cut, BudgetQuery query, IReadOnlyList<double> spends)
    {
        var state = BudgetWorkbench.Resolve(Model, BudgetWorkbench.WithSpends(Model, query, spends));
        cut.Render(p => p.Add(c => c.State, state).Add(c => c.Projection, BudgetWorkbench.Project(state)));
    }

    [Fact]
    public void Render_CurrentSplit_ShowsEveryChannelWithItsCurrentSpendAndFlags()
    {
        var cut = RenderPanel(BudgetQuery.Default, _ => { });

        Assert.Equal(3, cut.FindAll("[data-testid^=budget-channel-]").Count);
        Assert.Equal("¥10,000", cut.Find("[data-testid=budget-spend-search]").TextContent);
        Assert.Single(cut.FindAll("[data-testid=budget-flag]"));
        Assert.Contains("10 weeks", cut.Find("[data-testid=budget-channel-sms]").TextContent, StringComparison.Ordinal);
        Assert.Contains("¥32,000", cut.Find("[data-testid=budget-total-spend]").TextContent);
        Assert.Equal(3, cut.FindAll("[data-testid=budget-current-mark]").Count);
    }

    [Fact]
    public void MoveSlider_TotalLocked_RebalancesTheOthersAndUpdatesTheProjection()
    {
        IReadOnlyList<double>? reported = null;
        var cut = RenderPanel(BudgetQuery.Default, s => reported = s);
        var before = cut.Find("[data-testid=budget-total-response]").TextContent;

        cut.Find("[data-testid=budget-slider-search] input[type=range]").Input("15000");
        Apply(cut, BudgetQuery.Default, reported!);

        Assert.Equal(15_000, reported![0]);
        Assert.Equal(32_000, reported.Sum());
        Assert.True(reported[1] < 20_000 && reported[2] < 2_000);
        Assert.Equal("¥15,000", cut.Find("[data-testid=budget-spend-search]").TextContent);
        Assert.Contains("¥32,000", cut.Find("[data-testid=budget-total-spend]").TextContent);
        Assert.NotEqual(before, cut.Find("[data-testid=budget-total-response]").TextContent);
    }

    [Fact]
    public void MoveSlider_TotalFree_OnlyThatChannelAndTheTotalChange()
    {
        var query = BudgetQuery.Default with { TotalLocked = false };
        IReadOnlyList<double>? reported = null;
        var cut = RenderPanel(query, s => reported = s);

        cut.Find("[data-testid=budget-slider-douyin] input[type=range]").Input("30000");
        Apply(cut, query, reported!);

        Assert.Equal([10_000d, 30_000, 2_000], reported);
        Assert.Contains("¥42,000", cut.Find("[data-testid=budget-total-spend]").TextContent);
        Assert.Equal("¥10,000", cut.Find("[data-testid=budget-spend-search]").TextContent);
    }
}
