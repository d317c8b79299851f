using Dashboard.Features.Recommendations;
using Plotly.Blazor.Traces;

namespace Dashboard.Tests.Features.Recommendations;

public class ProductChartTests
{
    private static readonly ProductAudienceLabels Labels = new("Exposed", "Clicked", "Visited", "Carted", "Ordered", "Similar", "Top 10", "Signals", "Found", "Customers");

    [Fact]
    public void Audience_SignalsAndFound_TwoTracesInFunnelOrderTopDown()
    {
        var chart = ProductChart.Audience(new SignalCounts(100, 100, 30, 20, 5, 0), expanded: 40, inTopTen: 60, Labels);

        Assert.Equal(2, chart.Data.Count);
        var signals = Assert.IsType<Bar>(chart.Data[0]);
        Assert.Equal(["Exposed", "Clicked", "Visited", "Carted", "Ordered"], signals.Y);
        Assert.Equal([100, 30, 20, 5, 0], signals.X);
        var found = Assert.IsType<Bar>(chart.Data[1]);
        Assert.Equal(["Similar", "Top 10"], found.Y);
        Assert.Equal([40, 60], found.X);
        // Plotly draws the first category at the bottom: the axis order is reversed so "Exposed" is on top.
        Assert.Equal(["Top 10", "Similar", "Ordered", "Carted", "Visited", "Clicked", "Exposed"], chart.Layout.YAxis[0].CategoryArray);
    }

    [Fact]
    public void Audience_NoRunYet_OnlyTheSignals()
    {
        var chart = ProductChart.Audience(new SignalCounts(3, 3, 1, 0, 0, 0), expanded: null, inTopTen: null, Labels);

        Assert.Equal([3, 1, 0, 0, 0], Assert.IsType<Bar>(Assert.Single(chart.Data)).X);
    }
}
