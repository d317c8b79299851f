using Dashboard.Domain.Measurement;
using Dashboard.Features.Campaigns;
using Plotly.Blazor.Traces;

namespace Dashboard.Tests.Features.Campaigns;

public class CampaignsChartTests
{
    private static readonly LiftChartLabels Labels = new("Lift", "CUPED lift", "pp", "¥");

    /// <summary>Control: 100 customers, 10 converters; "sms": 100 customers, 25 converters; revenue 10 per converter.</summary>
    internal static ExperimentView Experiment(bool withCovariate = true)
    {
        var arms = Enumerable.Repeat("control", 100).Concat(Enumerable.Repeat("sms", 100)).ToArray();
        var conversion = arms.Select((a, i) => (a == "control" ? i < 10 : i - 100 < 25) ? 1.0 : 0.0).ToArray();
        var revenue = conversion.Select(c => c * 10).ToArray();
        var pre = Enumerable.Range(0, 200).Select(i => (double)(i % 7)).ToArray();
        var data = ExperimentData.FromLabels(arms, "control",
            [new MetricColumn("conversion", MetricKind.Binary, conversion), new MetricColumn("revenue", MetricKind.Continuous, revenue)],
            withCovariate ? new CovariateColumn("pre", pre) : null);
        var result = ExperimentAnalyzer.Analyze(data, new AnalysisSettings { ConversionMetric = "conversion", RevenueMetric = "revenue" });
        return new ExperimentView(result, [new("conversion", "Conversion rate", MetricKind.Binary, false), new("revenue", "Revenue per targeted customer", MetricKind.Continuous, true)]);
    }

    [Fact]
    public void Lift_RateMetric_BarsInPointsWithAsymmetricErrorBars()
    {
        var view = Experiment();
        var e = view.Result.Arms[0].Metrics[0].Estimate;

        var spec = CampaignsChart.Lift(view, "conversion", Labels);

        var bars = spec.Data.Cast<Bar>().ToList();
        Assert.Equal(["Lift", "CUPED lift"], bars.Select(b => b.Name));
        Assert.Equal(["sms"], bars[0].X);
        Assert.Equal(15.0, (double)bars[0].Y[0], 9);
        Assert.Equal((e.LiftHigh - e.Lift) * 100, (double)bars[0].ErrorY.Array[0], 3);
        Assert.Equal((e.Lift - e.LiftLow) * 100, (double)bars[0].ErrorY.ArrayMinus[0], 3);
        Assert.False(bars[0].ErrorY.Symmetric);
    }

    [Fact]
    public void Lift_MoneyMetric_CurrencyUnitsWithoutScaling()
    {
        var spec = CampaignsChart.Lift(Experiment(withCovariate: false), "revenue", Labels);

        var bar = Assert.IsType<Bar>(Assert.Single(spec.Data));
        Assert.Equal(1.5, (double)bar.Y[0], 9);
        Assert.Equal("¥", spec.Layout.YAxis[0].TickPrefix);
    }

    [Fact]
    public void Funnel_TwoArms_OneTracePerArmInStepOrder()
    {
        ArmFunnel[] arms = [new("control", 100, 0, 3, 5, 2, 10), new("sms", 900, 880, 40, 60, 20, 120)];

        var spec = CampaignsChart.Funnel(arms, ["T", "E", "C", "V", "A", "O"]);

        var traces = spec.Data.Cast<Funnel>().ToList();
        Assert.Equal(["control", "sms"], traces.Select(t => t.Name));
        Assert.Equal([900L, 880L, 40L, 60L, 20L, 120L], traces[1].X.Cast<long>());
        Assert.Equal(["T", "E", "C", "V", "A", "O"], traces[1].Y.Cast<string>());
    }

    [Fact]
    public void Cumulative_Converters_PlottedAsPercentOfTheArm()
    {
        DateOnly[] days = [new(2026, 3, 1), new(2026, 3, 2)];
        ArmCumulative[] arms = [new("sms", 200, days, [10, 30])];

        var spec = CampaignsChart.Cumulative(arms);

        var line = Assert.IsType<Scatter>(Assert.Single(spec.Data));
        Assert.Equal(["2026-03-01", "2026-03-02"], line.X.Cast<string>());
        Assert.Equal([5.0, 15.0], line.Y.Cast<double>());
    }

    [Fact]
    public void StageMix_Arms_StackedSharesAddUpToHundred()
    {
        ArmStageMix[] arms = [new("control", 4, [1, 1, 2, 0]), new("sms", 10, [0, 5, 3, 2])];

        var spec = CampaignsChart.StageMix(arms, ["A", "I", "P", "L"]);

        Assert.Equal(4, spec.Data.Count);
        Assert.Equal(Plotly.Blazor.LayoutLib.BarModeEnum.Stack, spec.Layout.BarMode);
        var smsTotal = spec.Data.Cast<Bar>().Sum(b => (double)b.Y[1]);
        Assert.Equal(100.0, smsTotal, 9);
        Assert.Equal(50.0, (double)spec.Data.Cast<Bar>().ElementAt(2).Y[0], 9);
    }

    [Fact]
    public void Acquisition_Arms_ShareInPercentWithCountAsText()
    {
        var spec = CampaignsChart.Acquisition([new ArmAcquisition("sms", 400, 10)]);

        var bar = Assert.IsType<Bar>(Assert.Single(spec.Data));
        Assert.Equal(2.5, (double)bar.Y[0], 9);
        Assert.Equal("10", bar.TextArray[0]);
    }

    [Fact]
    public void Qini_Curve_ModelAndRandomLineOverPercentTargeted()
    {
        var curve = QiniCurve.Evaluate([(0.9, true, 1.0), (0.5, false, 0.0), (0.3, true, 0.0), (0.1, false, 1.0)], points: 4);

        var spec = CampaignsChart.Qini(curve, "model", "random");

        var lines = spec.Data.Cast<Scatter>().ToList();
        Assert.Equal(["model", "random"], lines.Select(l => l.Name));
        Assert.Equal([0.0, 25.0, 50.0, 75.0, 100.0], lines[0].X.Cast<double>());
        Assert.Equal(curve.TotalGain, (double)lines[1].Y[^1], 9);
        Assert.Equal(0.0, (double)lines[1].Y[0], 9);
    }

    [Fact]
    public void Balance_Features_BeforeAndAfterDots()
    {
        CovariateBalance[] balance = [new("City tier", -0.8, 0.0), new("Pre-period spend", 0.3, 0.05)];

        var spec = CampaignsChart.Balance(balance, ["City tier", "Spend"], "before", "after");

        var dots = spec.Data.Cast<Scatter>().ToList();
        Assert.Equal([-0.8, 0.3], dots[0].X.Cast<double>());
        Assert.Equal([0.0, 0.05], dots[1].X.Cast<double>());
    }
}
