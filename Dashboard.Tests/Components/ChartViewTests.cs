using Bunit;
using Dashboard.Components.Shared;
using Dashboard.Shared;
using Dashboard.Tests.TestSupport;
using Microsoft.JSInterop;
using Plotly.Blazor;
using Plotly.Blazor.Traces;

namespace Dashboard.Tests.Components;

public class ChartViewTests : DashboardComponentTest
{
    private static readonly ChartSpec Spec = new([new Bar { X = ["a", "b"], Y = [1, 2] }], ChartSpec.BaseLayout(height: 280));

    private IRenderedComponent<ChartView> RenderChart() => Render<ChartView>(p => p
        .Add(c => c.Spec, Spec)
        .Add(c => c.Id, "test-chart")
        .Add(c => c.TestId, "test-chart"));

    [Fact]
    public void PlotlyLoaded_DrawsTheSpecUnderItsOwnId()
    {
        JSInterop.SetupVoid("dashboard.loadPlotly", PlotlyLoader.InteropPath, PlotlyLoader.ScriptPath).SetVoidResult();

        var cut = RenderChart();

        cut.WaitForAssertion(() => Assert.Equal("test-chart-plot-1", cut.FindComponent<PlotlyChart>().Instance.Id));
        Assert.Same(Spec.Data, cut.FindComponent<PlotlyChart>().Instance.Data);
        Assert.Empty(cut.FindAll(".mud-alert"));
    }

    [Fact]
    public void PlotlyNotLoadedYet_HoldsTheChartsHeightAndCreatesNoChart()
    {
        JSInterop.SetupVoid("dashboard.loadPlotly", PlotlyLoader.InteropPath, PlotlyLoader.ScriptPath); // never answers

        var cut = RenderChart();

        Assert.Empty(cut.FindComponents<PlotlyChart>());
        Assert.Contains("height: 280px", cut.Find(".chart-pending").GetAttribute("style"), StringComparison.Ordinal);
        Assert.Empty(cut.FindAll(".mud-alert"));
    }

    [Fact]
    public void PlotlyFailsToLoad_SaysSoInThePlaceOfTheChart()
    {
        JSInterop.SetupVoid("dashboard.loadPlotly", PlotlyLoader.InteropPath, PlotlyLoader.ScriptPath)
            .SetException(new JSException("Failed to load script ./_content/Plotly.Blazor/plotly-3.7.0.min.js"));

        var cut = RenderChart();

        cut.WaitForAssertion(() => Assert.Contains("The chart library could not be loaded", cut.Find("[data-testid=chart-failed]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindComponents<PlotlyChart>());
    }

    [Fact]
    public void DrawThrows_ThatChartSaysSoAndTheCircuitGoesOn()
    {
        JSInterop.SetupVoid("dashboard.loadPlotly", PlotlyLoader.InteropPath, PlotlyLoader.ScriptPath).SetVoidResult();
        var plotly = JSInterop.SetupModule(PlotlyLoader.InteropPath);
        plotly.SetupVoid("importScript", _ => true).SetVoidResult();
        plotly.SetupVoid("newPlot", _ => true).SetException(new JSException("Cannot read properties of undefined"));

        var cut = RenderChart();

        cut.WaitForAssertion(() => Assert.Contains("This chart could not be drawn", cut.Find("[data-testid=chart-failed]").TextContent, StringComparison.Ordinal));
        // A new spec gets a new chart (the boundary is keyed by the spec), drawn again.
        plotly.SetupVoid("newPlot", _ => true).SetVoidResult();
        cut.Render(p => p.Add(c => c.Spec, Spec with { Layout = ChartSpec.BaseLayout(height: 300) }));
        cut.WaitForAssertion(() => Assert.Equal("test-chart-plot-2", cut.FindComponent<PlotlyChart>().Instance.Id));
        Assert.Empty(cut.FindAll("[data-testid=chart-failed]"));
    }

    [Fact]
    public void AParentRenderingTheSameContentAgain_KeepsTheDrawnChart_NewContentDrawsANewOne()
    {
        JSInterop.SetupVoid("dashboard.loadPlotly", PlotlyLoader.InteropPath, PlotlyLoader.ScriptPath).SetVoidResult();
        var cut = RenderChart();
        cut.WaitForAssertion(() => Assert.Equal("test-chart-plot-1", cut.FindComponent<PlotlyChart>().Instance.Id));

        // What a page does on every render: the mapper builds a new spec of the same figures.
        cut.Render(p => p.Add(c => c.Spec, new ChartSpec([new Bar { X = ["a", "b"], Y = [1, 2] }], ChartSpec.BaseLayout(height: 280))));

        Assert.Equal("test-chart-plot-1", cut.FindComponent<PlotlyChart>().Instance.Id);
        Assert.Same(Spec.Data, cut.FindComponent<PlotlyChart>().Instance.Data);

        cut.Render(p => p.Add(c => c.Spec, new ChartSpec([new Bar { X = ["a", "b"], Y = [1, 3] }], ChartSpec.BaseLayout(height: 280))));

        Assert.Equal("test-chart-plot-2", cut.FindComponent<PlotlyChart>().Instance.Id);
    }
}
