using System.Globalization;
using Dashboard.Domain.Audiences;
using Dashboard.Shared;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;

namespace Dashboard.Features.Lookalike;

/// <summary>Maps a lookalike run to Plotly charts. Texts come in already localized.</summary>
public static class LookalikeChart
{
    /// <summary>Features shown in the importance chart.</summary>
    public const int ImportanceShown = 12;

    /// <summary>
    /// What drives similarity: held-out AUC lost when each feature is shuffled (permutation importance), largest on
    /// top; features that cost nothing are left out.
    /// </summary>
    public static ChartSpec Importance(IReadOnlyList<FeatureImportance> importance, string aucDropLabel)
    {
        var shown = importance.Where(f => f.AucDrop > 0).OrderByDescending(f => f.AucDrop).Take(ImportanceShown).Reverse().ToList();
        var bar = new Bar
        {
            Orientation = Plotly.Blazor.Traces.BarLib.OrientationEnum.H,
            X = shown.Select(f => (object)Math.Round(f.AucDrop, 4)).ToList(),
            Y = shown.Select(f => (object)f.Feature).ToList(),
            Name = aucDropLabel,
            HoverTemplate = "%{y}: %{x:.4f}<extra></extra>",
            Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = "#1565c0" },
        };
        var layout = ChartSpec.BaseLayout(height: 60 + 24 * Math.Max(3, shown.Count));
        layout.Margin = new Margin { L = 190, R = 16, T = 8, B = 40 };
        layout.XAxis = [new XAxis { Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = aucDropLabel } }];
        layout.ShowLegend = false;
        return new ChartSpec([bar], layout);
    }

    /// <summary>
    /// The expansion trade-off: audience size (x, people) against the mean similarity of the audience (y) and the
    /// similarity of its last member (the cut-off); the chosen size is marked.
    /// </summary>
    public static ChartSpec Tradeoff(IReadOnlyList<ExpansionPoint> curve, int selectedPercent, string meanLabel, string cutoffLabel, string sizeLabel, string selectedLabel)
    {
        var x = curve.Select(p => (object)p.Size).ToList();
        var text = curve.Select(p => p.SharePercent.ToString(CultureInfo.InvariantCulture) + "%").ToList();
        var mean = new Scatter
        {
            Name = meanLabel,
            X = x,
            Y = curve.Select(p => (object)Math.Round(p.MeanScore, 4)).ToList(),
            TextArray = text,
            Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines | Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers,
            HoverTemplate = "%{text}: %{x:,} · " + meanLabel + " %{y:.3f}<extra></extra>",
            Line = new Plotly.Blazor.Traces.ScatterLib.Line { Color = "#1565c0" },
        };
        var cutoff = new Scatter
        {
            Name = cutoffLabel,
            X = x,
            Y = curve.Select(p => (object)Math.Round(p.MinScore, 4)).ToList(),
            TextArray = text,
            Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines,
            HoverTemplate = "%{text}: %{x:,} · " + cutoffLabel + " %{y:.3f}<extra></extra>",
            Line = new Plotly.Blazor.Traces.ScatterLib.Line { Color = "#90a4ae", Dash = "dot" },
        };
        var data = new List<Plotly.Blazor.ITrace> { mean, cutoff };
        if (curve.FirstOrDefault(p => p.SharePercent == selectedPercent) is { } chosen)
        {
            data.Add(new Scatter
            {
                Name = selectedLabel,
                X = [chosen.Size],
                Y = [Math.Round(chosen.MeanScore, 4)],
                Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers,
                Marker = new Plotly.Blazor.Traces.ScatterLib.Marker { Size = 14, Color = "#e65100" },
                HoverTemplate = selectedLabel + ": %{x:,} · %{y:.3f}<extra></extra>",
            });
        }
        var layout = ChartSpec.BaseLayout(height: 340);
        // Room for the x-axis title above the legend.
        layout.Margin = new Margin { L = 56, R = 16, T = 16, B = 84 };
        layout.Legend = [new Legend { Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H, Y = -0.32m }];
        layout.XAxis = [new XAxis { Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = sizeLabel }, RangeMode = Plotly.Blazor.LayoutLib.XAxisLib.RangeModeEnum.ToZero }];
        layout.YAxis = [new YAxis { Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = meanLabel }, RangeMode = Plotly.Blazor.LayoutLib.YAxisLib.RangeModeEnum.ToZero }];
        return new ChartSpec(data, layout);
    }
}
