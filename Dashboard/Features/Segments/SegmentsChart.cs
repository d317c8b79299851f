using System.Globalization;
using Dashboard.Domain.Segmentation;
using Dashboard.Shared;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;

namespace Dashboard.Features.Segments;

/// <summary>Maps the Segments view to Plotly charts. Texts and label functions come in already localized.</summary>
public static class SegmentsChart
{
    /// <summary>R×F heatmap: columns R 1→5, rows F 1→5; colour = customers; each cell's text = customers and revenue.</summary>
    public static ChartSpec Heatmap(IReadOnlyList<RfmHeatmapCell> cells, Func<double, string> money, string customersLabel, string revenueLabel)
    {
        var byCell = cells.ToDictionary(c => (c.R, c.F));
        var scores = Enumerable.Range(1, 5).ToList();
        var z = scores.Select(f => (object)scores.Select(r => (object)(byCell.GetValueOrDefault((r, f))?.Customers ?? 0)).ToList()).ToList();
        var text = scores.Select(f => (object)scores.Select(r =>
        {
            var c = byCell.GetValueOrDefault((r, f));
            return (object)(c is null ? "" : c.Customers.ToString("N0", CultureInfo.CurrentCulture) + "<br>" + money(c.Revenue));
        }).ToList()).ToList();
        var heatmap = new HeatMap
        {
            X = scores.Select(r => (object)("R" + r.ToString(CultureInfo.InvariantCulture))).ToList(),
            Y = scores.Select(f => (object)("F" + f.ToString(CultureInfo.InvariantCulture))).ToList(),
            Z = z,
            Text = text,
            TextTemplate = "%{text}",
            HoverTemplate = "%{x} %{y}<br>" + customersLabel + ": %{z:,}<br>" + revenueLabel + ": %{text}<extra></extra>",
            ColorScale = "Blues",
            ReverseScale = true, // Plotly's "Blues" runs dark to light; more customers should read darker
            ShowScale = false,
            XGap = 2,
            YGap = 2,
        };
        var layout = ChartSpec.BaseLayout(height: 360);
        layout.XAxis = [new XAxis { Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = "R (recency)" } }];
        layout.YAxis = [new YAxis { Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = "F (frequency)" } }];
        return new ChartSpec([heatmap], layout);
    }

    /// <summary>The value pyramid as a funnel: top tier on top, width = customers, text = count and revenue share.</summary>
    public static ChartSpec Pyramid(IReadOnlyList<TierRow> tiers, Func<string, string> tierName, Func<double, string> money, string revenueShareLabel, string aovLabel)
    {
        var funnel = new Funnel
        {
            Y = tiers.Select(t => (object)tierName(t.Summary.Tier)).ToList(),
            X = tiers.Select(t => (object)t.Summary.Customers).ToList(),
            TextArray = tiers.Select(t => t.Summary.Customers.ToString("N0", CultureInfo.CurrentCulture)
                + " · " + t.Summary.RevenueShare.ToString("P0", CultureInfo.CurrentCulture)).ToList(),
            TextInfo = Plotly.Blazor.Traces.FunnelLib.TextInfoFlag.Text,
            HoverTextArray = tiers.Select(t => revenueShareLabel + ": " + t.Summary.RevenueShare.ToString("P1", CultureInfo.CurrentCulture)
                + "<br>" + aovLabel + ": " + money(t.Summary.AverageOrderValue)).ToList(),
            HoverInfo = Plotly.Blazor.Traces.FunnelLib.HoverInfoFlag.Y | Plotly.Blazor.Traces.FunnelLib.HoverInfoFlag.X | Plotly.Blazor.Traces.FunnelLib.HoverInfoFlag.Text,
            Marker = new Plotly.Blazor.Traces.FunnelLib.Marker { ColorArray = tiers.Select((_, i) => (object)TierColors[Math.Min(i, TierColors.Length - 1)]).ToList() },
            Connector = new Plotly.Blazor.Traces.FunnelLib.Connector { Visible = false },
        };
        var layout = ChartSpec.BaseLayout(height: 340);
        layout.Margin = new Margin { L = 110, R = 16, T = 16, B = 16 };
        layout.ShowLegend = false;
        return new ChartSpec([funnel], layout);
    }

    /// <summary>The Pareto curve (share of revenue held by the top x% of customers), the equality line and the 20% mark.</summary>
    public static ChartSpec Pareto(ParetoCurve curve, string customersAxis, string revenueAxis, string equalityLabel, string curveLabel)
    {
        var line = new Scatter
        {
            Name = curveLabel,
            Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines,
            X = curve.Points.Select(p => (object)Math.Round(p.CustomerShare, 4)).ToList(),
            Y = curve.Points.Select(p => (object)Math.Round(p.ValueShare, 4)).ToList(),
            HoverTemplate = "%{x:.0%} → %{y:.1%}<extra></extra>",
        };
        var equality = new Scatter
        {
            Name = equalityLabel,
            Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines,
            X = [0.0, 1.0],
            Y = [0.0, 1.0],
            Line = new Plotly.Blazor.Traces.ScatterLib.Line { Dash = "dot", Color = "#9e9e9e" },
            HoverInfo = Plotly.Blazor.Traces.ScatterLib.HoverInfoFlag.Skip,
        };
        var mark = new Scatter
        {
            Name = "20%",
            Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers | Plotly.Blazor.Traces.ScatterLib.ModeFlag.Text,
            X = [0.2],
            Y = [Math.Round(curve.Top20Share, 4)],
            TextArray = [curve.Top20Share.ToString("P0", CultureInfo.CurrentCulture)],
            TextPosition = Plotly.Blazor.Traces.ScatterLib.TextPositionEnum.TopLeft,
            ShowLegend = false,
        };
        var layout = ChartSpec.BaseLayout(height: 320);
        layout.ShowLegend = false;
        layout.XAxis = [new XAxis { TickFormat = ".0%", Range = [0.0, 1.0], Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = customersAxis } }];
        layout.YAxis = [new YAxis { TickFormat = ".0%", Range = [0.0, 1.02], Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = revenueAxis } }];
        return new ChartSpec([line, equality, mark], layout);
    }

    /// <summary>Crowd flow as a Sankey: labels of the first period on the left, the second on the right, entering and leaving customers at the ends.</summary>
    public static ChartSpec Sankey(Migration migration, Func<string, string> label, string fromSuffix, string toSuffix)
    {
        var labels = migration.Labels;
        var nodes = migration.Sankey.Nodes.Select((n, i) => i < labels.Count ? label(n) + " " + fromSuffix
            : i < 2 * labels.Count ? label(n) + " " + toSuffix
            : label(n)).ToList();
        var colors = migration.Sankey.Nodes.Select((_, i) => i < 2 * labels.Count ? NodeColors[i % labels.Count % NodeColors.Length] : "#9e9e9e").ToList();
        var sankey = new Plotly.Blazor.Traces.Sankey
        {
            Node = new Plotly.Blazor.Traces.SankeyLib.Node
            {
                Label = nodes.Cast<object>().ToList(),
                ColorArray = colors.Cast<object>().ToList(),
                Pad = 12,
                Thickness = 16,
            },
            Link = new Plotly.Blazor.Traces.SankeyLib.Link
            {
                Source = migration.Sankey.Links.Select(l => (object)l.Source).ToList(),
                Target = migration.Sankey.Links.Select(l => (object)l.Target).ToList(),
                Value = migration.Sankey.Links.Select(l => (object)l.Customers).ToList(),
                // Plotly derives the default link colour from the background; on a transparent one it picks white.
                // A link takes its source's colour (leaving customers: their target's), translucent.
                ColorArray = migration.Sankey.Links.Select(l => (object)Translucent(colors[l.Source == 2 * labels.Count ? l.Target : l.Source])).ToList(),
            },
            ValueFormat = ",d",
        };
        var layout = ChartSpec.BaseLayout(height: 460);
        layout.Margin = new Margin { L = 8, R = 8, T = 16, B = 16 };
        return new ChartSpec([sankey], layout);
    }

    private static string Translucent(string hex) => string.Create(CultureInfo.InvariantCulture,
        $"rgba({Convert.ToInt32(hex[1..3], 16)},{Convert.ToInt32(hex[3..5], 16)},{Convert.ToInt32(hex[5..7], 16)},0.35)");

    // Top tier darkest; a sequential palette reads as "more valuable" without a legend.
    private static readonly string[] TierColors = ["#0d3b66", "#1f5f99", "#3a86c8", "#7fb3e0", "#c6dcf2", "#dde9f6", "#e8f0f9", "#eef4fb", "#f3f7fc", "#f7fafd"];

    private static readonly string[] NodeColors =
    [
        "#1b5e20", "#2e7d32", "#43a047", "#00897b", "#26a69a", "#fb8c00", "#f4511e", "#e53935", "#c62828", "#6d4c41", "#546e7a",
    ];
}
