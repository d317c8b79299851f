using System.Globalization;
using Dashboard.Shared;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace Dashboard.Features.Budget;

/// <summary>Labels the charts need, already localized by the page.</summary>
public sealed record BudgetChartLabels(string Curve, string Band, string Current, string Proposed, string Optimized, string Saved,
    string Observed, string Fitted, string Residual);

/// <summary>Maps the Budget page's records to Plotly charts.</summary>
public static class BudgetChart
{
    public const string Proposed = "#7a3e9d";
    public const string Current = "#757575";
    public const string Optimized = "#2e7d32";
    public const string Saved = "#d9617a";
    private const string BandFill = "rgba(122,62,157,0.16)";
    private const int Columns = 4;

    /// <summary>
    /// Small multiples, one subplot per channel: the steady-state response curve with its 95% bootstrap band, the current
    /// point and the proposed point.
    /// </summary>
    public static ChartSpec Curves(BudgetModel model, BudgetProjection projection, BudgetChartLabels labels, string currencySymbol)
    {
        var n = model.Channels.Count;
        var rows = Math.Max(1, (n + Columns - 1) / Columns);
        var traces = new List<ITrace>(n * 5);
        var xAxes = new List<XAxis>(n);
        var yAxes = new List<YAxis>(n);
        for (var i = 0; i < n; i++)
        {
            var c = model.Channels[i];
            var p = projection.Channels[i];
            var (x, y) = (AxisId("x", i), AxisId("y", i));
            var first = i == 0;
            var spend = c.Grid.Spend.Select(v => (object)Math.Round(v, 2)).ToList();
            traces.Add(new Scatter
            {
                Name = labels.Band, X = spend, Y = Rounded(c.Grid.Upper), XAxis = x, YAxis = y, Mode = ModeFlag.Lines,
                Line = new Line { Width = 0 }, ShowLegend = false, LegendGroup = "band", HoverInfo = HoverInfoFlag.Skip,
            });
            traces.Add(new Scatter
            {
                Name = labels.Band, X = spend, Y = Rounded(c.Grid.Lower), XAxis = x, YAxis = y, Mode = ModeFlag.Lines,
                Line = new Line { Width = 0 }, Fill = FillEnum.ToNextY, FillColor = BandFill, ShowLegend = first, LegendGroup = "band",
                HoverInfo = HoverInfoFlag.Skip,
            });
            traces.Add(new Scatter
            {
                Name = labels.Curve, X = spend, Y = Rounded(c.Grid.Response), XAxis = x, YAxis = y, Mode = ModeFlag.Lines,
                Line = new Line { Color = Proposed, Width = 2 }, ShowLegend = first, LegendGroup = "curve",
                HoverTemplate = c.Name + "<br>" + currencySymbol + "%{x:,.0f} → %{y:,.4~g}<extra></extra>",
            });
            traces.Add(Point(labels.Current, p.Current, p.CurrentResponse, x, y, Current, Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum.CircleOpen, first, c.Name, currencySymbol));
            traces.Add(Point(labels.Proposed, p.Spend, p.Response, x, y, Proposed, Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum.Circle, first, c.Name, currencySymbol));
            xAxes.Add(new XAxis
            {
                Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = c.Name + (c.IsShrunk ? " ⚠" : ""), Font = new Plotly.Blazor.LayoutLib.XAxisLib.TitleLib.Font { Size = 11 } },
                TickPrefix = currencySymbol, TickFormat = "~s", Anchor = y, ZeroLine = false,
            });
            yAxes.Add(new YAxis { TickFormat = "~s", Anchor = x, RangeMode = Plotly.Blazor.LayoutLib.YAxisLib.RangeModeEnum.ToZero });
        }
        var layout = ChartSpec.BaseLayout(height: 60 + 230 * rows);
        layout.Grid = new Grid { Rows = rows, Columns = Columns, Pattern = Plotly.Blazor.LayoutLib.GridLib.PatternEnum.Independent, YGap = 0.45m, XGap = 0.25m };
        layout.XAxis = xAxes;
        layout.YAxis = yAxes;
        layout.Legend = [new Legend { Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H, Y = 1.0m + 24m / (60 + 230 * rows), YAnchor = Plotly.Blazor.LayoutLib.LegendLib.YAnchorEnum.Bottom }];
        layout.Margin = new Margin { L = 48, R = 16, T = 36, B = 48 };
        return new ChartSpec(traces, layout);
    }

    /// <summary>Grouped bars: each split's weekly spend minus the current spend, per channel.</summary>
    public static ChartSpec Differences(IReadOnlyList<ComparisonRow> rows, BudgetChartLabels labels, string? savedName, string currencySymbol)
    {
        var names = rows.Select(r => (object)r.Name).ToList();
        Bar Series(string name, string color, Func<ComparisonRow, double?> pick) => new()
        {
            Name = name,
            X = names,
            Y = rows.Select(r => (object)Math.Round((pick(r) ?? r.Current) - r.Current)).ToList(),
            Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = color },
            HoverTemplate = "%{x}<br>" + name + ": " + currencySymbol + "%{y:+,.0f}<extra></extra>",
        };
        var traces = new List<ITrace> { Series(labels.Proposed, Proposed, r => r.Proposed) };
        if (rows.Any(r => r.Optimized is not null))
        {
            traces.Add(Series(labels.Optimized, Optimized, r => r.Optimized));
        }
        if (rows.Any(r => r.Saved is not null))
        {
            traces.Add(Series(savedName ?? labels.Saved, Saved, r => r.Saved));
        }
        var layout = ChartSpec.BaseLayout(height: 320);
        layout.BarMode = BarModeEnum.Group;
        layout.YAxis = [new YAxis { TickPrefix = currencySymbol, TickFormat = "~s", ZeroLineColor = "#9e9e9e" }];
        return new ChartSpec(traces, layout);
    }

    /// <summary>A channel's weekly history: observed and fitted outcome (top) and the residuals (bottom).</summary>
    public static ChartSpec Fit(BudgetChannelModel channel, BudgetChartLabels labels)
    {
        var weeks = channel.History.Select(w => (object)w.Week.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();
        var layout = ChartSpec.BaseLayout(height: 380);
        layout.XAxis = [new XAxis { Anchor = "y2" }];
        layout.YAxis =
        [
            new YAxis { Domain = [0.38, 1.0], TickFormat = "~s" },
            new YAxis { Domain = [0.0, 0.28], TickFormat = "~s", ZeroLineColor = "#9e9e9e" },
        ];
        return new ChartSpec(
        [
            new Scatter
            {
                Name = labels.Observed, X = weeks, Y = Rounded(channel.History.Select(w => w.Observed)), Mode = ModeFlag.Markers,
                Marker = new Marker { Color = Current, Size = 5 },
            },
            new Scatter
            {
                Name = labels.Fitted, X = weeks, Y = Rounded(channel.History.Select(w => w.Fitted)), Mode = ModeFlag.Lines,
                Line = new Line { Color = Proposed, Width = 2 },
            },
            new Bar
            {
                Name = labels.Residual, X = weeks, Y = Rounded(channel.History.Select(w => w.Residual)), YAxis = "y2",
                Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = Saved },
            },
        ], layout);
    }

    private static Scatter Point(string name, double spend, double response, string x, string y, string color, Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum symbol, bool legend,
        string channel, string currencySymbol) => new()
    {
        Name = name,
        X = [Math.Round(spend, 2)],
        Y = [Math.Round(response, 4)],
        XAxis = x,
        YAxis = y,
        Mode = ModeFlag.Markers,
        Marker = new Marker { Color = color, Size = 10, Symbol = symbol, Line = new Plotly.Blazor.Traces.ScatterLib.MarkerLib.Line { Color = color, Width = 2 } },
        ShowLegend = legend,
        LegendGroup = name,
        HoverTemplate = channel + "<br>" + name + ": " + currencySymbol + "%{x:,.0f} → %{y:,.4~g}<extra></extra>",
    };

    private static string AxisId(string letter, int index) => index == 0 ? letter : letter + (index + 1).ToString(CultureInfo.InvariantCulture);

    private static List<object> Rounded(IEnumerable<double> values) => values.Select(v => (object)Math.Round(v, 4)).ToList();
}
