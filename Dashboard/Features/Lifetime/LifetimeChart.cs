using System.Globalization;
using Dashboard.Domain.Lifetime;
using Dashboard.Shared;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace Dashboard.Features.Lifetime;

/// <summary>Localized series names for the holdout charts.</summary>
public sealed record HoldoutLabels(string Actual, string Model, string Naive, string ModelConditional, string CalibrationEnd);

/// <summary>Maps the Lifetime value view to Plotly charts.</summary>
public static class LifetimeChart
{
    private const string ActualColor = "#37474f";
    private const string ModelColor = "#1e88e5";
    private const string NaiveColor = "#fb8c00";

    /// <summary>Mean holdout repeat purchases per customer by calibration frequency: actual, model and naive side by side (FHL 2005 Figure 4).</summary>
    public static ChartSpec FrequencyBins(IReadOnlyList<FrequencyBin> bins, HoldoutLabels labels)
    {
        ArgumentNullException.ThrowIfNull(bins);
        ArgumentNullException.ThrowIfNull(labels);
        var x = bins.Select(b => (object)b.Label).ToList();
        var layout = ChartSpec.BaseLayout();
        layout.BarMode = BarModeEnum.Group;
        layout.XAxis = [new XAxis { Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Category }];
        return new ChartSpec(
        [
            Bars(labels.Actual, x, bins.Select(b => b.Actual), ActualColor, bins),
            Bars(labels.Model, x, bins.Select(b => b.Predicted), ModelColor, bins),
            Bars(labels.Naive, x, bins.Select(b => b.Naive), NaiveColor, bins),
        ], layout);
    }

    /// <summary>
    /// Cumulative repeat purchases per week (FHL 2005 Figure 3): actual, the model's unconditional curve over the
    /// whole window, and from the calibration end the conditional model and the naive baseline; a dashed line marks
    /// the calibration end.
    /// </summary>
    public static ChartSpec Cumulative(IReadOnlyList<WeeklyCumulative> weeks, DateOnly calibrationEnd, HoldoutLabels labels)
    {
        ArgumentNullException.ThrowIfNull(weeks);
        ArgumentNullException.ThrowIfNull(labels);
        var x = weeks.Select(w => (object)Day(w.End)).ToList();
        var holdout = weeks.Where(w => w.ModelConditional is not null).ToList();
        var hx = holdout.Select(w => (object)Day(w.End)).ToList();
        var layout = ChartSpec.BaseLayout();
        layout.XAxis = [new XAxis { Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Date }];
        layout.Shapes =
        [
            new Shape
            {
                Type = Plotly.Blazor.LayoutLib.ShapeLib.TypeEnum.Line,
                XRef = "x", YRef = "paper", X0 = Day(calibrationEnd), X1 = Day(calibrationEnd), Y0 = 0m, Y1 = 1m,
                Line = new Plotly.Blazor.LayoutLib.ShapeLib.Line { Dash = "dash", Color = "#9e9e9e", Width = 1.5m },
            },
        ];
        layout.Annotations =
        [
            new Annotation
            {
                X = Day(calibrationEnd), Y = 1m, XRef = "x", YRef = "paper", Text = labels.CalibrationEnd, ShowArrow = false,
                XAnchor = Plotly.Blazor.LayoutLib.AnnotationLib.XAnchorEnum.Right, YAnchor = Plotly.Blazor.LayoutLib.AnnotationLib.YAnchorEnum.Top,
            },
        ];
        return new ChartSpec(
        [
            Line(labels.Actual, x, weeks.Select(w => w.Actual), ActualColor, null, 2.5m),
            Line(labels.Model, x, weeks.Select(w => w.Model), ModelColor, "dot", 1.5m),
            Line(labels.ModelConditional, hx, holdout.Select(w => w.ModelConditional!.Value), ModelColor, null, 2.5m),
            Line(labels.Naive, hx, holdout.Select(w => w.Naive!.Value), NaiveColor, null, 2m),
        ], layout);
    }

    /// <summary>
    /// Customers per CLV band as adjoining bars on a money axis; the last, open band ("≥ from") is drawn one band wide
    /// in another colour. The hover names each band.
    /// </summary>
    public static ChartSpec Distribution(IReadOnlyList<ClvBin> bins, string currencySymbol, string customersLabel)
    {
        ArgumentNullException.ThrowIfNull(bins);
        var width = bins.Count > 0 && bins[0].To is { } to ? to - bins[0].From : 1;
        var layout = ChartSpec.BaseLayout();
        layout.XAxis = [new XAxis { TickPrefix = currencySymbol, TickFormat = "~s", RangeMode = Plotly.Blazor.LayoutLib.XAxisLib.RangeModeEnum.ToZero }];
        layout.YAxis = [new YAxis { Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = customersLabel } }];
        layout.ShowLegend = false;
        return new ChartSpec(
        [
            new Bar
            {
                Name = customersLabel,
                X = bins.Select(b => (object)(b.From + width / 2)).ToList(),
                Y = bins.Select(b => (object)b.Customers).ToList(),
                WidthArray = bins.Select(_ => (decimal?)(decimal)(width * 0.96)).ToList(),
                CustomData = bins.Select(b => (object)BinLabel(b, currencySymbol)).ToList(),
                Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = bins.Select(b => (object)(b.To is null ? NaiveColor : ModelColor)).ToList() },
                HoverTemplate = "%{customdata}: %{y:,} " + customersLabel + "<extra></extra>",
            },
        ], layout);
    }

    /// <summary>Mean CLV per customer of each group, with the group's customers and total CLV in the hover.</summary>
    public static ChartSpec ByGroup(IReadOnlyList<ClvGroup> groups, string currencySymbol, bool horizontal)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var labels = groups.Select(g => (object)g.Label).ToList();
        var means = groups.Select(g => (object)Math.Round(g.MeanClv, 2)).ToList();
        var custom = groups.Select(g => (object)new object[] { g.Customers, Math.Round(g.TotalClv, 0), Math.Round(g.MeanPAlive, 3) }).ToList();
        var hover = "%{" + (horizontal ? "y" : "x") + "}<br>" + currencySymbol + "%{" + (horizontal ? "x" : "y") + ":,.0f}"
            + "<br>n = %{customdata[0]:,}<br>Σ " + currencySymbol + "%{customdata[1]:,.0f}<br>P(alive) %{customdata[2]:.2f}<extra></extra>";
        var layout = ChartSpec.BaseLayout();
        layout.ShowLegend = false;
        if (horizontal)
        {
            layout.YAxis = [new YAxis { AutoRange = Plotly.Blazor.LayoutLib.YAxisLib.AutoRangeEnum.Reversed, Type = Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Category }];
            layout.XAxis = [new XAxis { TickPrefix = currencySymbol }];
            layout.Margin = new Margin { L = 140, R = 16, T = 16, B = 40 };
        }
        else
        {
            layout.XAxis = [new XAxis { Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Category }];
            layout.YAxis = [new YAxis { TickPrefix = currencySymbol }];
        }
        return new ChartSpec(
        [
            new Bar
            {
                X = horizontal ? means : labels,
                Y = horizontal ? labels : means,
                Orientation = horizontal ? Plotly.Blazor.Traces.BarLib.OrientationEnum.H : Plotly.Blazor.Traces.BarLib.OrientationEnum.V,
                CustomData = custom,
                HoverTemplate = hover,
                Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = ModelColor },
            },
        ], layout);
    }

    /// <summary>Expected customers still alive at each month end from the data end (month 0 = now).</summary>
    public static ChartSpec ExpectedActive(IReadOnlyList<double> byMonth, DateOnly dataEnd, string seriesLabel)
    {
        ArgumentNullException.ThrowIfNull(byMonth);
        var x = byMonth.Select((_, m) => (object)dataEnd.AddMonths(m).ToString("yyyy-MM", CultureInfo.InvariantCulture)).ToList();
        var layout = ChartSpec.BaseLayout();
        layout.XAxis = [new XAxis { Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Category, NTicks = 7, TickAngle = 0 }];
        layout.YAxis = [new YAxis { RangeMode = Plotly.Blazor.LayoutLib.YAxisLib.RangeModeEnum.ToZero }];
        layout.ShowLegend = false;
        return new ChartSpec(
        [
            new Scatter
            {
                Name = seriesLabel,
                Mode = ModeFlag.Lines | ModeFlag.Markers,
                X = x,
                Y = byMonth.Select(v => (object)Math.Round(v, 1)).ToList(),
                Fill = FillEnum.ToZeroY,
                Line = new Line { Color = ModelColor, Width = 2.5m },
                HoverTemplate = "%{x}: %{y:,.0f}<extra></extra>",
            },
        ], layout);
    }

    /// <summary>"¥0–50", …, "≥ ¥1,000" (invariant digits).</summary>
    public static string BinLabel(ClvBin bin, string currencySymbol)
    {
        ArgumentNullException.ThrowIfNull(bin);
        return bin.To is { } to
            ? currencySymbol + Amount(bin.From) + "–" + Amount(to)
            : "≥ " + currencySymbol + Amount(bin.From);
    }

    private static string Amount(double value) => value.ToString(value == Math.Floor(value) ? "N0" : "N1", CultureInfo.InvariantCulture);

    private static Bar Bars(string name, List<object> x, IEnumerable<double> y, string color, IReadOnlyList<FrequencyBin> bins) => new()
    {
        Name = name,
        X = x,
        Y = y.Select(v => (object)Math.Round(v, 3)).ToList(),
        CustomData = bins.Select(b => (object)b.Customers).ToList(),
        Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = color },
        HoverTemplate = name + ", x = %{x}: %{y:.2f} (n = %{customdata:,})<extra></extra>",
    };

    private static Scatter Line(string name, List<object> x, IEnumerable<double> y, string color, string? dash, decimal width) => new()
    {
        Name = name,
        Mode = ModeFlag.Lines,
        X = x,
        Y = y.Select(v => (object)Math.Round(v, 1)).ToList(),
        Line = new Line { Color = color, Dash = dash, Width = width },
        HoverTemplate = name + " %{x}: %{y:,.0f}<extra></extra>",
    };

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
