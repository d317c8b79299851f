using Dashboard.Domain.Allocation;

namespace Dashboard.Tests.Domain.Allocation;

public class CurveFitterTests
{
    private static readonly DateOnly FirstWeek = new(2024, 1, 1);

    [Fact]
    public void Fit_SimulatedSShapedChannelWithNoise_RecoversParametersAndIntervalsCoverTruth()
    {
        var truth = new ResponseCurve(Beta: 1000, HalfSaturation: 250, Shape: 2, Carryover: 0.4);
        var spend = ResponseSimulator.SpendPlan(weeks: 104, typical: 150, spread: 0.6, darkShare: 0.2, seed: 11);
        var weeks = ResponseSimulator.Simulate(truth, baseline: 500, spend, noiseSd: 30, FirstWeek, seed: 12);

        var fit = CurveFitter.Fit("douyin", weeks, new FitSettings(BootstrapReplicates: 200, Seed: 3));

        Assert.False(fit.IsShrunk);
        Assert.True(fit.RSquared > 0.9, $"R² {fit.RSquared}");
        Assert.InRange(fit.Curve.Beta, 850, 1150);
        Assert.InRange(fit.Curve.HalfSaturation, 200, 300);
        Assert.InRange(fit.Curve.Shape, 1.6, 2.4);
        Assert.InRange(fit.Curve.Carryover, 0.32, 0.48);
        Assert.InRange(fit.Baseline, 450, 550);
        Assert.True(fit.Beta.Contains(truth.Beta), $"β interval {fit.Beta}");
        Assert.True(fit.HalfSaturation.Contains(truth.HalfSaturation), $"k interval {fit.HalfSaturation}");
        Assert.True(fit.Shape.Contains(truth.Shape), $"h interval {fit.Shape}");
        Assert.True(fit.Carryover.Contains(truth.Carryover), $"θ interval {fit.Carryover}");
        var (lower, upper) = fit.ResponseBand(150);
        Assert.InRange(truth.Response(150), lower, upper);
    }

    [Fact]
    public void Fit_SimulatedConcaveChannel_SteadyStateResponseWithinTenPercent()
    {
        var truth = new ResponseCurve(Beta: 400, HalfSaturation: 300, Shape: 0.8, Carryover: 0.2);
        var spend = ResponseSimulator.SpendPlan(weeks: 78, typical: 200, spread: 0.7, darkShare: 0.1, seed: 21);
        var weeks = ResponseSimulator.Simulate(truth, baseline: 100, spend, noiseSd: 8, FirstWeek, seed: 22);

        var fit = CurveFitter.Fit("search", weeks, new FitSettings(BootstrapReplicates: 0));

        foreach (var s in new[] { 100.0, 200, 400 })
        {
            Assert.True(Math.Abs(fit.Curve.Response(s) / truth.Response(s) - 1) < 0.10, $"at {s}: {fit.Curve.Response(s)} vs true {truth.Response(s)}");
        }
        Assert.Equal(weeks.Count, fit.Residuals.Count);
        Assert.Equal(0, fit.Residuals.Average(), 6);
    }

    [Fact]
    public void Fit_AlwaysOnSpendWithSmallBaselineAndNoise_BaselineStaysNonNegative()
    {
        // Spend never goes dark and the noise is large next to the true baseline of 20, so the level and β trade off: the
        // unconstrained closed form explained these weeks with a weekly outcome of −2869 at zero spend.
        var truth = new ResponseCurve(Beta: 1000, HalfSaturation: 300, Shape: 1.2, Carryover: 0.5);
        var spend = ResponseSimulator.SpendPlan(weeks: 60, typical: 500, spread: 0.5, darkShare: 0, seed: 31);
        var weeks = ResponseSimulator.Simulate(truth, baseline: 20, spend, noiseSd: 60, FirstWeek, seed: 31);

        var fit = CurveFitter.Fit("tmall_ads", weeks, new FitSettings(BootstrapReplicates: 20, Seed: 4));

        Assert.True(fit.Baseline >= 0, $"baseline {fit.Baseline}");
        Assert.True(fit.BaselineInterval.Lower >= 0, $"baseline interval {fit.BaselineInterval}");
        Assert.True(fit.Curve.Beta > 0, $"β {fit.Curve.Beta}");
    }

    [Theory]
    [InlineData(new[] { 3.0, 4, 5 }, 2, 1)] // y = 2 + x: both coefficients free
    [InlineData(new[] { 1.0, 4, 7 }, 0, 30.0 / 14)] // y = −2 + 3x: baseline bound at 0, β = Σxy/Σx² through the origin
    [InlineData(new[] { 5.0, 4, 3 }, 4, 0)] // y falls with x: β bound at 0, baseline = ȳ
    public void NonNegativeLine_SmallCases_MatchesHandComputedAndNoFeasiblePointIsBetter(double[] y, double expectedBaseline, double expectedBeta)
    {
        double[] x = [1, 2, 3];
        var (meanX, meanY) = (x.Average(), y.Average());
        var sxx = x.Sum(v => (v - meanX) * (v - meanX));
        var sxy = x.Select((v, i) => (v - meanX) * (y[i] - meanY)).Sum();
        var syy = y.Sum(v => (v - meanY) * (v - meanY));

        var (b, beta, value) = CurveFitter.NonNegativeLine(3, meanX, meanY, sxx, sxy, syy, ridge: 0, beta0: 0);

        Assert.Equal(expectedBaseline, b, 9);
        Assert.Equal(expectedBeta, beta, 9);
        for (var bb = 0.0; bb <= 8; bb += 0.05)
        {
            for (var bt = 0.0; bt <= 4; bt += 0.02)
            {
                var rss = y.Select((v, i) => (v - bb - bt * x[i]) * (v - bb - bt * x[i])).Sum();
                Assert.True(rss >= value - 1e-9, $"({bb}, {bt}) gives {rss} < {value}");
            }
        }
    }

    [Fact]
    public void Fit_FewWeeks_FlaggedAndShrunk()
    {
        var truth = new ResponseCurve(300, 100, 1.5, 0.3);
        var spend = ResponseSimulator.SpendPlan(weeks: 12, typical: 80, spread: 0.5, darkShare: 0, seed: 5);
        var weeks = ResponseSimulator.Simulate(truth, 50, spend, 10, FirstWeek, seed: 6);

        var fit = CurveFitter.Fit("sms", weeks, new FitSettings(BootstrapReplicates: 0));

        Assert.True(fit.IsShrunk);
        Assert.Contains("only 12 weeks", fit.ShrinkReason);
    }

    [Fact]
    public void FitAll_FlatSpendChannel_ShrunkTowardsPooledRoi()
    {
        var good = new ResponseCurve(1000, 250, 1.5, 0.3);
        var goodWeeks = ResponseSimulator.Simulate(good, 200, ResponseSimulator.SpendPlan(80, 150, 0.6, 0.15, 1), 20, FirstWeek, 2);
        var flatSpend = Enumerable.Repeat(100.0, 80).Select((s, i) => s + (i % 2 == 0 ? 1 : -1)).ToArray();
        var flatWeeks = ResponseSimulator.Simulate(new ResponseCurve(500, 120, 1, 0.3), 300, flatSpend, 20, FirstWeek, 3);

        var fits = CurveFitter.FitAll([("tmall", goodWeeks), ("push", flatWeeks)], new FitSettings(BootstrapReplicates: 0));

        Assert.False(fits[0].IsShrunk);
        Assert.True(fits[1].IsShrunk);
        Assert.Contains("hardly varies", fits[1].ShrinkReason);
        var pooled = CurveFitter.RoiAtMeanSpend(fits[0].Curve, goodWeeks);
        var shrunk = CurveFitter.RoiAtMeanSpend(fits[1].Curve, flatWeeks);
        Assert.InRange(shrunk, pooled * 0.5, pooled * 1.5);
        Assert.InRange(fits[1].Curve.Shape, 0.5, 2);
    }

    [Fact]
    public void Fit_GapBetweenWeeks_ErrorNamesTheWeek()
    {
        var weeks = Enumerable.Range(0, 10).Select(i => new WeeklyObservation(FirstWeek.AddDays(7 * i + (i >= 5 ? 7 : 0)), 10, 20)).ToArray();

        var error = Assert.Throws<ArgumentException>(() => CurveFitter.Fit("jd", weeks));

        Assert.Contains("week 2024-02-12 does not follow 2024-01-29", error.Message);
    }

    [Fact]
    public void Fit_NegativeSpend_ErrorNamesTheWeek()
    {
        var weeks = Enumerable.Range(0, 10).Select(i => new WeeklyObservation(FirstWeek.AddDays(7 * i), i == 3 ? -1 : 10, 20)).ToArray();

        var error = Assert.Throws<ArgumentException>(() => CurveFitter.Fit("jd", weeks));

        Assert.Contains("week 2024-01-22: spend must be a finite number ≥ 0", error.Message);
    }

    [Fact]
    public void FitAdditive_TwoChannelsSharingOneOutcome_RecoversEachContribution()
    {
        var a = new ResponseCurve(800, 200, 1.2, 0.3);
        var b = new ResponseCurve(500, 100, 2.5, 0.1);
        var spendA = ResponseSimulator.SpendPlan(120, 150, 0.6, 0.2, 31);
        var spendB = ResponseSimulator.SpendPlan(120, 90, 0.6, 0.3, 32);
        var simA = ResponseSimulator.Simulate(a, 300, spendA, 0, FirstWeek, 1);
        var simB = ResponseSimulator.Simulate(b, 0, spendB, 15, FirstWeek, 2);
        var outcome = simA.Select((w, t) => w.Outcome + simB[t].Outcome).ToArray();

        var fits = CurveFitter.FitAdditive(["a", "b"], simA.Select(w => w.WeekStart).ToArray(), [spendA, spendB], outcome,
            settings: new FitSettings(BootstrapReplicates: 0)).Channels;

        Assert.InRange(fits[0].Curve.Response(150), a.Response(150) * 0.9, a.Response(150) * 1.1);
        Assert.InRange(fits[1].Curve.Response(90), b.Response(90) * 0.9, b.Response(90) * 1.1);
    }

    [Theory]
    [InlineData(0, 100, 2, 0)]
    [InlineData(100, 100, 2, 0.5)]
    [InlineData(50, 100, 1, 1.0 / 3)]
    [InlineData(1e6, 1, 3, 1)]
    public void Hill_KnownValues(double x, double k, double h, double expected)
    {
        var value = ResponseCurve.Hill(x, k, h);

        Assert.Equal(expected, value, 12);
    }

    [Fact]
    public void Response_ConstantSpendWithCarryover_MatchesTheAdstockSteadyState()
    {
        var curve = new ResponseCurve(1000, 300, 2.2, 0.6);
        var adstock = ResponseCurve.Adstock(Enumerable.Repeat(120.0, 200).ToArray(), curve.Carryover);

        var steady = curve.Response(120);

        Assert.Equal(curve.ResponseToAdstock(adstock[^1]), steady, 9);
    }

    [Fact]
    public void Marginal_MatchesFiniteDifference()
    {
        var curve = new ResponseCurve(1000, 300, 2.2, 0.6);

        var marginal = curve.Marginal(100);

        Assert.Equal((curve.Response(100 + 1e-4) - curve.Response(100 - 1e-4)) / 2e-4, marginal, 6);
    }

    [Fact]
    public void Rebalance_LockedTotal_TakesTheDifferenceFromOthersInProportion()
    {
        var curve = new ResponseCurve(1, 1, 1);
        var channels = new[] { new BudgetChannel("a", curve, 0, 1000), new BudgetChannel("b", curve, 0, 1000), new BudgetChannel("c", curve, 50, 1000) };

        var split = BudgetEvaluator.Rebalance(channels, [100, 300, 100], 0, 300);

        Assert.Equal(300, split[0], 9);
        Assert.Equal(500, split.Sum(), 9);
        Assert.Equal(150, split[1], 9);
        Assert.Equal(50, split[2], 9);
    }
}
