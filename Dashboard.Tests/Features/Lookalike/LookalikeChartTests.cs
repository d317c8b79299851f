using Dashboard.Domain.Audiences;
using Dashboard.Features.Lookalike;
using Plotly.Blazor.Traces;

namespace Dashboard.Tests.Features.Lookalike;

public class LookalikeChartTests
{
    [Fact]
    public void Importance_LargestOnTop_UnusedFeaturesLeftOut()
    {
        var chart = LookalikeChart.Importance(
            [new FeatureImportance("Clicks", 0.05, 0.1), new FeatureImportance("OrderCount", 0.2, 0.5), new FeatureImportance("Unused", 0, 0)], "AUC drop");

        var bar = Assert.IsType<Bar>(Assert.Single(chart.Data));
        Assert.Equal(["Clicks", "OrderCount"], bar.Y); // Plotly draws the last category on top
        Assert.Equal([0.05, 0.2], bar.X);
    }

    [Fact]
    public void Tradeoff_SizeAgainstMeanAndCutoff_MarksTheChosenSize()
    {
        ExpansionPoint[] curve = [new(1, 10, 0.9, 0.8), new(2, 20, 0.85, 0.7), new(3, 30, 0.8, 0.6)];

        var chart = LookalikeChart.Tradeoff(curve, 2, "Mean", "Cut-off", "Size", "Chosen");

        Assert.Equal(3, chart.Data.Count);
        var mean = Assert.IsType<Scatter>(chart.Data[0]);
        Assert.Equal([10, 20, 30], mean.X);
        Assert.Equal([0.9, 0.85, 0.8], mean.Y);
        Assert.Equal(["1%", "2%", "3%"], mean.TextArray);
        Assert.Equal([0.8, 0.7, 0.6], Assert.IsType<Scatter>(chart.Data[1]).Y);
        var chosen = Assert.IsType<Scatter>(chart.Data[2]);
        Assert.Equal([20], chosen.X);
        Assert.Equal([0.85], chosen.Y);
    }

    [Fact]
    public void Tradeoff_SizeOutsideTheCurve_HasNoMarker()
    {
        var chart = LookalikeChart.Tradeoff([new ExpansionPoint(1, 10, 0.9, 0.8)], 7, "Mean", "Cut-off", "Size", "Chosen");

        Assert.Equal(2, chart.Data.Count);
    }
}
