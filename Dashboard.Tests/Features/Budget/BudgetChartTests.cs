using Dashboard.Features.Budget;
using Dashboard.Tests.TestSupport;
using Plotly.Blazor.Traces;

namespace Dashboard.Tests.Features.Budget;

public class BudgetChartTests
{
    private static readonly BudgetChartLabels Labels = new("Curve", "Band", "Current", "Proposed", "Optimized", "Saved", "Observed", "Fitted", "Residual");
    private static readonly BudgetModel Model = BudgetModelBuilder.Default();

    [Fact]
    public void Curves_ThreeChannels_OneSubplotEachWithBandCurveAndBothPoints()
    {
        var state = BudgetWorkbench.Resolve(Model, BudgetQuery.Default with { Spends = new Dictionary<string, double> { ["search"] = 12_000, ["douyin"] = 18_000, ["sms"] = 2_000 } });

        var spec = BudgetChart.Curves(Model, BudgetWorkbench.Project(state), Labels, "¥");

        Assert.Equal(15, spec.Data.Count);
        Assert.Equal(3, spec.Layout.XAxis.Count);
        Assert.Equal(["x", "x2", "x3"], spec.Data.OfType<Scatter>().Select(s => s.XAxis).Distinct());
        var proposed = spec.Data.OfType<Scatter>().Where(s => s.Name == "Proposed").ToList();
        Assert.Equal([12_000d, 18_000, 2_000], proposed.Select(p => (double)p.X[0]));
        Assert.Equal(1, proposed.Count(p => p.ShowLegend == true));
        Assert.Contains("⚠", spec.Layout.XAxis[2].Title.Text);
    }

    [Fact]
    public void Curves_Band_LowerFillsToTheUpperTrace()
    {
        var state = BudgetWorkbench.Resolve(Model, BudgetQuery.Default);

        var spec = BudgetChart.Curves(Model, BudgetWorkbench.Project(state), Labels, "¥");

        var upper = (Scatter)spec.Data[0];
        var lower = (Scatter)spec.Data[1];
        Assert.Null(upper.Fill);
        Assert.Equal(Plotly.Blazor.Traces.ScatterLib.FillEnum.ToNextY, lower.Fill);
        Assert.All(upper.Y.Zip(lower.Y), p => Assert.True((double)p.First >= (double)p.Second));
    }

    [Fact]
    public void Differences_WithSaved_ThreeSeriesOfDifferencesFromCurrent()
    {
        ComparisonRow[] rows = [new("search", "Search", 10_000, 12_000, 9_000, 10_000), new("sms", "SMS", 2_000, 1_500, null, 2_500)];

        var spec = BudgetChart.Differences(rows, Labels, "Plan A", "¥");

        var bars = spec.Data.Cast<Bar>().ToList();
        Assert.Equal(["Proposed", "Optimized", "Plan A"], bars.Select(b => b.Name));
        Assert.Equal([2_000d, -500], bars[0].Y.Cast<double>());
        Assert.Equal([-1_000d, 0], bars[1].Y.Cast<double>());
        Assert.Equal([0d, 500], bars[2].Y.Cast<double>());
    }

    [Fact]
    public void Differences_NoSavedNoOptimized_OnlyTheProposedSeries()
    {
        ComparisonRow[] rows = [new("search", "Search", 10_000, 12_000, null, null)];

        var spec = BudgetChart.Differences(rows, Labels, null, "¥");

        Assert.Single(spec.Data);
    }

    [Fact]
    public void Fit_Channel_ObservedFittedAndResidualsOnTheLowerAxis()
    {
        var channel = Model.Channels[0];

        var spec = BudgetChart.Fit(channel, Labels);

        Assert.Equal(3, spec.Data.Count);
        var residuals = (Bar)spec.Data[2];
        Assert.Equal("y2", residuals.YAxis);
        Assert.Equal(channel.History.Select(w => Math.Round(w.Residual, 4)), residuals.Y.Cast<double>());
    }

    [Fact]
    public void Csv_Comparison_OneRowPerChannelAndATotalInInvariantCulture()
    {
        var state = BudgetWorkbench.Resolve(Model, BudgetQuery.Default);
        var projection = BudgetWorkbench.Project(state);
        var rows = BudgetWorkbench.Compare(state, BudgetWorkbench.Optimize(state), null);

        var csv = BudgetCsv.Comparison(projection, rows, BudgetOutcome.Revenue, null);

        var lines = csv.TrimEnd('\n').Split('\n');
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("channel_code,channel,current_spend,proposed_spend,lower,upper,optimized_spend,saved_spend,proposed_revenue", lines[0]);
        Assert.StartsWith("search,SEARCH,10000,10000,5000,20000,", lines[1]);
        Assert.StartsWith("total,Total,32000,32000,,,32000,,", lines[4]);
    }
}
