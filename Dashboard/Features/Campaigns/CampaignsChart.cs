using System.Globalization;
using Dashboard.Domain.Measurement;
using Dashboard.Shared;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;

namespace Dashboard.Features.Campaigns;

/// <summary>Localized texts the campaign charts need (the mappers stay free of the localizer).</summary>
public sealed record LiftChartLabels(string Lift, string Cuped, string RatePoints, string CurrencySymbol);

/// <summary>Maps the campaign views to Plotly charts.</summary>
public static class CampaignsChart
{
    private static readonly string[] ArmColors = ["#9e9e9e", "#1e88e5", "#fb8c00", "#43a047", "#8e24aa", "#e53935"];

    /// <summary>
    /// Absolute lift of each treatment arm on one metric as bars with asymmetric error bars (the interval at the
    /// analysis' confidence), and the CUPED-adjusted lift beside it when there is one. Rates are drawn in
    /// percentage points, money in the currency.
    /// </summary>
    public static ChartSpec Lift(ExperimentView view, string metricKey, LiftChartLabels labels)
    {
        var metric = view.Metric(metricKey);
        var scale = Scale(metric);
        var results = view.Result.Arms.Select(a => (a.Arm, Result: a.Metrics.Single(m => m.Metric == metricKey))).ToList();
        var x = results.Select(r => (object)r.Arm).ToList();
        var traces = new List<ITrace>
        {
            LiftBar(labels.Lift, x, results.Select(r => r.Result.Estimate).ToList(), scale, "#1e88e5", metric, labels),
        };
        if (results.All(r => r.Result.Cuped is not null))
        {
            traces.Add(LiftBar(labels.Cuped, x, results.Select(r => r.Result.Cuped!.Estimate).ToList(), scale, "#43a047", metric, labels));
        }
        return new ChartSpec(traces, LiftLayout(metric, labels));
    }

    /// <summary>The observational lift (targeted minus matched comparison) of one outcome, with its interval.</summary>
    public static ChartSpec Lift(ObservationalView view, string metricKey, string armLabel, LiftChartLabels labels)
    {
        var metric = view.Metrics.Single(m => m.Key == metricKey);
        var scale = Scale(metric);
        var e = view.Result.Effects.Single(x => x.Outcome == metricKey);
        var bar = new Bar
        {
            Name = labels.Lift,
            X = [armLabel],
            Y = [Round(e.Lift * scale)],
            ErrorY = ErrorBars(e.Lift, e.LiftLow, e.LiftHigh, scale),
            Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = "#fb8c00" },
            HoverTemplate = "%{x}: %{y}" + Unit(metric, labels) + "<extra></extra>",
        };
        return new ChartSpec([bar], LiftLayout(metric, labels));
    }

    /// <summary>The delivery funnel of each arm: customers at each step, one funnel trace per arm.</summary>
    public static ChartSpec Funnel(IReadOnlyList<ArmFunnel> arms, IReadOnlyList<string> stepLabels)
    {
        var traces = arms.Select((a, i) => (ITrace)new Funnel
        {
            Name = a.Arm,
            Y = stepLabels.Cast<object>().ToList(),
            X = new object[] { a.Targeted, a.Exposed, a.Clicked, a.Visited, a.AddedToCart, a.Ordered }.ToList(),
            Marker = new Plotly.Blazor.Traces.FunnelLib.Marker { Color = ArmColors[i % ArmColors.Length] },
            TextInfo = Plotly.Blazor.Traces.FunnelLib.TextInfoFlag.Value,
        }).ToList();
        var layout = ChartSpec.BaseLayout(height: 380);
        layout.Margin = new Margin { L = 110, R = 16, T = 16, B = 48 };
        return new ChartSpec(traces, layout);
    }

    /// <summary>Cumulative conversion rate by day of each arm (share of the arm's customers with an order so far).</summary>
    public static ChartSpec Cumulative(IReadOnlyList<ArmCumulative> arms)
    {
        var traces = arms.Select((a, i) => (ITrace)new Scatter
        {
            Name = a.Arm,
            Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines,
            X = a.Days.Select(d => (object)d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList(),
            Y = Enumerable.Range(0, a.Days.Count).Select(d => (object)Round(a.RateOn(d) * 100)).ToList(),
            Line = new Plotly.Blazor.Traces.ScatterLib.Line { Color = ArmColors[i % ArmColors.Length], Shape = Plotly.Blazor.Traces.ScatterLib.LineLib.ShapeEnum.Hv },
            HoverTemplate = a.Arm + " %{x}: %{y:.2f}%<extra></extra>",
        }).ToList();
        var layout = ChartSpec.BaseLayout();
        layout.YAxis = [new YAxis { TickSuffix = "%", RangeMode = Plotly.Blazor.LayoutLib.YAxisLib.RangeModeEnum.ToZero }];
        return new ChartSpec(traces, layout);
    }

    /// <summary>Share of each arm's customers whose first-ever order fell in the window.</summary>
    public static ChartSpec Acquisition(IReadOnlyList<ArmAcquisition> arms)
    {
        var bar = new Bar
        {
            X = arms.Select(a => (object)a.Arm).ToList(),
            Y = arms.Select(a => (object)Round(a.Share * 100)).ToList(),
            TextArray = arms.Select(a => a.NewCustomers.ToString("N0", CultureInfo.InvariantCulture)).ToList(),
            TextPosition = Plotly.Blazor.Traces.BarLib.TextPositionEnum.Outside,
            Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = arms.Select((_, i) => (object)ArmColors[i % ArmColors.Length]).ToList() },
            HoverTemplate = "%{x}: %{y:.2f}% (%{text})<extra></extra>",
        };
        var layout = ChartSpec.BaseLayout(height: 280);
        layout.YAxis = [new YAxis { TickSuffix = "%", RangeMode = Plotly.Blazor.LayoutLib.YAxisLib.RangeModeEnum.ToZero }];
        return new ChartSpec([bar], layout);
    }

    /// <summary>Each arm's lifecycle-stage mix at the start, as 100% stacked bars.</summary>
    public static ChartSpec StageMix(IReadOnlyList<ArmStageMix> arms, IReadOnlyList<string> stageLabels)
    {
        var x = arms.Select(a => (object)a.Arm).ToList();
        var traces = stageLabels.Select((label, s) => (ITrace)new Bar
        {
            Name = label,
            X = x,
            Y = arms.Select(a => (object)Round(a.N == 0 ? 0 : 100.0 * a.ByStage[s] / a.N)).ToList(),
            HoverTemplate = label + " %{x}: %{y:.1f}%<extra></extra>",
        }).ToList();
        var layout = ChartSpec.BaseLayout(height: 280);
        layout.BarMode = BarModeEnum.Stack;
        layout.YAxis = [new YAxis { TickSuffix = "%", Range = [0, 100] }];
        return new ChartSpec(traces, layout);
    }

    /// <summary>Standardized mean differences of the pre-period features before and after matching, with the ±0.1 band.</summary>
    public static ChartSpec Balance(IReadOnlyList<CovariateBalance> balance, IReadOnlyList<string> featureLabels, string before, string after)
    {
        var y = featureLabels.Cast<object>().ToList();
        ITrace Dots(string name, Func<CovariateBalance, double> smd, string color) => new Scatter
        {
            Name = name,
            Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers,
            X = balance.Select(b => (object)Round(smd(b))).ToList(),
            Y = y,
            Marker = new Plotly.Blazor.Traces.ScatterLib.Marker { Color = color, Size = 11 },
        };
        var layout = ChartSpec.BaseLayout(height: 240);
        layout.Margin = new Margin { L = 150, R = 16, T = 16, B = 48 };
        layout.Shapes =
        [
            new Shape { Type = Plotly.Blazor.LayoutLib.ShapeLib.TypeEnum.Rect, XRef = "x", YRef = "paper", X0 = -0.1m, X1 = 0.1m, Y0 = 0m, Y1 = 1m, FillColor = "rgba(67,160,71,0.12)", Line = new Plotly.Blazor.LayoutLib.ShapeLib.Line { Width = 0 } },
        ];
        return new ChartSpec([Dots(before, b => b.SmdBefore, "#e53935"), Dots(after, b => b.SmdAfter, "#1e88e5")], layout);
    }

    /// <summary>The held-out Qini curve of the uplift model against random targeting.</summary>
    public static ChartSpec Qini(QiniCurve curve, string model, string random)
    {
        var x = curve.Points.Select(p => (object)Round(p.FractionTargeted * 100)).ToList();
        var layout = ChartSpec.BaseLayout();
        layout.XAxis = [new XAxis { TickSuffix = "%" }];
        return new ChartSpec(
        [
            new Scatter { Name = model, Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines, X = x, Y = curve.Points.Select(p => (object)Round(p.ModelGain)).ToList(), Line = new Plotly.Blazor.Traces.ScatterLib.Line { Color = "#1e88e5", Width = 2.5m } },
            new Scatter { Name = random, Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines, X = x, Y = curve.Points.Select(p => (object)Round(p.RandomGain)).ToList(), Line = new Plotly.Blazor.Traces.ScatterLib.Line { Color = "#9e9e9e", Dash = "dash" } },
        ], layout);
    }

    private static Bar LiftBar(string name, List<object> x, IReadOnlyList<LiftEstimate> estimates, double scale, string color, MetricInfo metric, LiftChartLabels labels)
    {
        var errors = estimates.Select(e => ErrorBars(e.Lift, e.LiftLow, e.LiftHigh, scale)).ToList();
        return new Bar
        {
            Name = name,
            X = x,
            Y = estimates.Select(e => (object)Round(e.Lift * scale)).ToList(),
            ErrorY = new Plotly.Blazor.Traces.BarLib.ErrorY
            {
                Type = Plotly.Blazor.Traces.BarLib.ErrorYLib.TypeEnum.Data,
                Symmetric = false,
                Array = errors.SelectMany(e => e.Array).ToList(),
                ArrayMinus = errors.SelectMany(e => e.ArrayMinus).ToList(),
                Visible = true,
                Thickness = 1.5m,
            },
            Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = color },
            HoverTemplate = name + " %{x}: %{y}" + Unit(metric, labels) + "<extra></extra>",
        };
    }

    private static Plotly.Blazor.Traces.BarLib.ErrorY ErrorBars(double lift, double low, double high, double scale) => new()
    {
        Type = Plotly.Blazor.Traces.BarLib.ErrorYLib.TypeEnum.Data,
        Symmetric = false,
        Array = [Round((high - lift) * scale)],
        ArrayMinus = [Round((lift - low) * scale)],
        Visible = true,
        Thickness = 1.5m,
    };

    private static Layout LiftLayout(MetricInfo metric, LiftChartLabels labels)
    {
        var layout = ChartSpec.BaseLayout();
        layout.BarMode = BarModeEnum.Group;
        // Narrow bars: a campaign often has a single treatment arm, which would otherwise fill the width.
        layout.BarGap = 0.15m;
        layout.BarGroupGap = 0.5m;
        layout.YAxis =
        [
            metric.IsMoney
                ? new YAxis { TickPrefix = labels.CurrencySymbol, ZeroLineWidth = 2, Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = labels.Lift } }
                : new YAxis { TickSuffix = metric.Kind == MetricKind.Binary ? " " + labels.RatePoints : null, ZeroLineWidth = 2, Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = labels.Lift } },
        ];
        return layout;
    }

    private static string Unit(MetricInfo metric, LiftChartLabels labels) =>
        metric.IsMoney ? " " + labels.CurrencySymbol : metric.Kind == MetricKind.Binary ? " " + labels.RatePoints : "";

    /// <summary>Rates are charted in percentage points (×100); other metrics in their own unit.</summary>
    public static double Scale(MetricInfo metric) => metric.Kind == MetricKind.Binary ? 100 : 1;

    private static object Round(double value) => Math.Round(value, 4);
}
