using Dashboard.Domain.Measurement;

namespace Dashboard.Tests.Domain.Measurement;

public class ExperimentAnalyzerTests
{
    [Fact]
    public void Analyze_TwoArms_ContractFieldsAndEconomicsHandComputed()
    {
        // Treatment: 4 customers, 2 converted with spend 10 and 30; control: 4 customers, 1 converted with spend 8.
        // Revenue per converter 40/2 = 20 and 8/1 = 8; spend lift 10 − 2 = 8 per customer, × 4 treated = 32;
        // cost 16 → ROI (32 − 16)/16 = 1.
        var data = ExperimentData.FromLabels(["t", "t", "t", "t", "c", "c", "c", "c"], "c",
        [
            new MetricColumn("conversion", MetricKind.Binary, [1, 1, 0, 0, 1, 0, 0, 0]),
            new MetricColumn("spend", MetricKind.Continuous, [10, 30, 0, 0, 8, 0, 0, 0]),
        ]);
        var settings = new AnalysisSettings
        {
            ConversionMetric = "conversion",
            RevenueMetric = "spend",
            ArmCosts = new Dictionary<string, double> { ["t"] = 16 },
        };

        var result = ExperimentAnalyzer.Analyze(data, settings);

        Assert.Equal(new ArmSize("c", 4), result.Control);
        var arm = Assert.Single(result.Arms);
        Assert.Equal("t", arm.Arm);
        Assert.Equal(0.25, arm.Metrics[0].Estimate.Lift, 1e-12);
        Assert.Equal(8, arm.Metrics[1].Estimate.Lift, 1e-12);
        Assert.Equal(20, arm.Economics.RevenuePerConverter!.Value, 1e-12);
        Assert.Equal(8, arm.Economics.ControlRevenuePerConverter!.Value, 1e-12);
        Assert.Equal(1, arm.Economics.IncrementalConversions!.Value, 1e-12);
        Assert.Equal(32, arm.Economics.IncrementalRevenue!.Value, 1e-12);
        Assert.Equal(1, arm.Economics.IncrementalRoi!.Value, 1e-12);
        Assert.Equal(1, result.Srm.PValue, 1e-12);
    }

    [Fact]
    public void Analyze_SingleArm_ThrowsNamingTheArm()
    {
        var data = ExperimentData.FromLabels(["a", "a", "a"], "a", [new MetricColumn("visit", MetricKind.Binary, [1, 0, 1])]);

        var ex = Assert.Throws<ArgumentException>(() => ExperimentAnalyzer.Analyze(data, new AnalysisSettings()));

        Assert.Contains("single arm ('a')", ex.Message);
    }

    [Fact]
    public void Analyze_UnknownControl_ThrowsListingArms()
    {
        var data = ExperimentData.FromLabels(["a", "b", "a", "b"], "none", [new MetricColumn("visit", MetricKind.Binary, [1, 0, 1, 0])]);

        var ex = Assert.Throws<ArgumentException>(() => ExperimentAnalyzer.Analyze(data, new AnalysisSettings()));

        Assert.Contains("control arm 'none' not found", ex.Message);
        Assert.Contains("'a', 'b'", ex.Message);
    }

    [Fact]
    public void Analyze_ArmWithOneCustomer_Throws()
    {
        var data = ExperimentData.FromLabels(["a", "b", "a"], "a", [new MetricColumn("visit", MetricKind.Binary, [1, 0, 1])]);

        var ex = Assert.Throws<ArgumentException>(() => ExperimentAnalyzer.Analyze(data, new AnalysisSettings()));

        Assert.Contains("arm 'b' has 1 customer(s)", ex.Message);
    }

    [Fact]
    public void Analyze_NonFiniteMetric_Throws()
    {
        var data = ExperimentData.FromLabels(["a", "b", "a", "b"], "a", [new MetricColumn("spend", MetricKind.Continuous, [1, double.NaN, 1, 2])]);

        var ex = Assert.Throws<ArgumentException>(() => ExperimentAnalyzer.Analyze(data, new AnalysisSettings()));

        Assert.Contains("customer #2", ex.Message);
    }

    [Fact]
    public void Analyze_UnevenArms_SrmFlaggedWithWarning()
    {
        var labels = Enumerable.Repeat("c", 5000).Concat(Enumerable.Repeat("t", 5400)).ToList();
        var data = ExperimentData.FromLabels(labels, "c", [new MetricColumn("visit", MetricKind.Binary, new double[labels.Count])]);

        var result = ExperimentAnalyzer.Analyze(data, new AnalysisSettings());

        Assert.True(result.Srm.IsMismatch);
        Assert.Contains(result.Warnings, w => w.Contains("SAMPLE RATIO MISMATCH", StringComparison.Ordinal));
    }

    [Fact]
    public void Analyze_CorrelatedCovariate_CupedNarrowsIntervalAndKeepsLift()
    {
        var random = new Random(11);
        var n = 20_000;
        var labels = new string[n];
        var y = new double[n];
        var x = new double[n];
        for (var i = 0; i < n; i++)
        {
            labels[i] = i % 2 == 0 ? "c" : "t";
            x[i] = 50 + 10 * Normal(random);
            y[i] = 0.8 * x[i] + 5 * Normal(random) + (labels[i] == "t" ? 1.0 : 0);
        }
        var data = ExperimentData.FromLabels(labels, "c", [new MetricColumn("spend", MetricKind.Continuous, y)], new CovariateColumn("pre", x));

        var metric = ExperimentAnalyzer.Analyze(data, new AnalysisSettings()).Arms[0].Metrics[0];

        // ρ² = 64/(64 + 25) = 0.72: CUPED should remove about that share of the variance.
        Assert.InRange(metric.Cuped!.VarianceReduction, 0.68, 0.76);
        Assert.InRange(metric.Cuped.Theta, 0.77, 0.83);
        Assert.True(metric.Cuped.Estimate.LiftHigh - metric.Cuped.Estimate.LiftLow < 0.6 * (metric.Estimate.LiftHigh - metric.Estimate.LiftLow));
        Assert.InRange(metric.Cuped.Estimate.Lift, 0.8, 1.2);
    }

    [Fact]
    public void Analyze_BootstrapRequested_SeededIntervalCloseToWelch()
    {
        var random = new Random(5);
        var labels = Enumerable.Range(0, 4000).Select(i => i % 2 == 0 ? "c" : "t").ToList();
        var spend = labels.Select(l => Math.Exp(Normal(random)) + (l == "t" ? 0.2 : 0)).ToArray();
        var data = ExperimentData.FromLabels(labels, "c", [new MetricColumn("spend", MetricKind.Continuous, spend)]);
        var settings = new AnalysisSettings { BootstrapResamples = 500, Seed = 3 };

        var first = ExperimentAnalyzer.Analyze(data, settings).Arms[0].Metrics[0];
        var second = ExperimentAnalyzer.Analyze(data, settings).Arms[0].Metrics[0];

        Assert.Equal(first.Bootstrap, second.Bootstrap);
        Assert.Equal(first.Estimate.LiftLow, first.Bootstrap!.Low, 0.03);
        Assert.Equal(first.Estimate.LiftHigh, first.Bootstrap.High, 0.03);
    }

    internal static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
