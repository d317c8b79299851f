using Dashboard.Domain.Measurement;

namespace Dashboard.Tests.Domain.Measurement;

/// <summary>
/// 1,000 simulated campaigns with a known true lift: the nominal 95% intervals must cover the truth 93–97% of the
/// time (the binomial standard error of a 95% rate over 1,000 trials is 0.7 points). Seeded, so deterministic.
/// </summary>
public class CoverageTests
{
    private const int Campaigns = 1000;

    [Fact]
    public void TwoProportion_ThousandSimulatedCampaigns_CoverageWithin93To97Percent()
    {
        var random = new Random(2024);
        const double control = 0.10, treated = 0.12;
        var covered = 0;

        for (var c = 0; c < Campaigns; c++)
        {
            var xt = Binomial(random, 2000, treated);
            var xc = Binomial(random, 2000, control);
            var e = LiftTests.TwoProportion(xt, 2000, xc, 2000);
            covered += e.LiftLow <= treated - control && treated - control <= e.LiftHigh ? 1 : 0;
        }

        Assert.InRange(covered / (double)Campaigns, 0.93, 0.97);
    }

    [Fact]
    public void Welch_ThousandSimulatedSpendCampaigns_CoverageWithin93To97Percent()
    {
        // Revenue per targeted customer: 30% buy, spend gamma-like (lognormal) with mean 50 (control) vs 55 (treated).
        var random = new Random(7);
        var trueLift = 0.3 * 55 - 0.3 * 50;
        var covered = 0;

        for (var c = 0; c < Campaigns; c++)
        {
            var t = Moments.Of(Spend(random, 1500, 55));
            var k = Moments.Of(Spend(random, 1500, 50));
            var e = LiftTests.Welch(t, k);
            covered += e.LiftLow <= trueLift && trueLift <= e.LiftHigh ? 1 : 0;
        }

        Assert.InRange(covered / (double)Campaigns, 0.93, 0.97);
    }

    [Fact]
    public void Analyze_ThousandSimulatedCampaignsWithCovariate_CupedCoverageWithin93To97Percent()
    {
        var random = new Random(99);
        const double trueLift = 2.0;
        var covered = 0;

        for (var c = 0; c < Campaigns; c++)
        {
            var labels = new string[1000];
            var y = new double[1000];
            var x = new double[1000];
            for (var i = 0; i < 1000; i++)
            {
                labels[i] = i % 2 == 0 ? "c" : "t";
                x[i] = 100 + 20 * ExperimentAnalyzerTests.Normal(random);
                y[i] = 0.5 * x[i] + 15 * ExperimentAnalyzerTests.Normal(random) + (i % 2 == 1 ? trueLift : 0);
            }
            var data = ExperimentData.FromLabels(labels, "c", [new MetricColumn("y", MetricKind.Continuous, y)], new CovariateColumn("x", x));
            var cuped = ExperimentAnalyzer.Analyze(data, new AnalysisSettings()).Arms[0].Metrics[0].Cuped!.Estimate;
            covered += cuped.LiftLow <= trueLift && trueLift <= cuped.LiftHigh ? 1 : 0;
        }

        Assert.InRange(covered / (double)Campaigns, 0.93, 0.97);
    }

    private static long Binomial(Random random, int n, double p)
    {
        long successes = 0;
        for (var i = 0; i < n; i++)
        {
            successes += random.NextDouble() < p ? 1 : 0;
        }
        return successes;
    }

    private static double[] Spend(Random random, int n, double meanSpend)
    {
        // Lognormal with σ = 1: mean = exp(μ + 1/2), so μ = ln(mean) − 1/2.
        var mu = Math.Log(meanSpend) - 0.5;
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = random.NextDouble() < 0.3 ? Math.Exp(mu + ExperimentAnalyzerTests.Normal(random)) : 0;
        }
        return values;
    }
}
