using Dashboard.Domain.Measurement;

namespace Dashboard.Tests.Domain.Measurement;

public class GuardRailTests
{
    [Fact]
    public void SampleRatioMismatch_KohaviBookExample_FlagsMismatchAtPublishedP()
    {
        // Kohavi, Tang & Xu (2020), ch. 3: 821,588 vs 815,482 users on a 50/50 design, p ≈ 1.8e-6.
        // χ² = 2·3053²/818535 = 22.7744.

        var check = SampleRatioMismatch.Test([("control", 821_588), ("treatment", 815_482)]);

        Assert.Equal(22.7743688418944, check.ChiSquare, 1e-8);
        Assert.Equal(1, check.DegreesOfFreedom);
        Assert.Equal(1.82179287261919e-6, check.PValue, 1e-15);
        Assert.True(check.IsMismatch);
        Assert.Contains("SAMPLE RATIO MISMATCH", check.Warning);
    }

    [Fact]
    public void SampleRatioMismatch_TextbookGoodnessOfFit_MatchesChiSquareAndP()
    {
        // A published course example (STT 31 notes, "Chi-square test of goodness of fit"): observed 6, 5, 12, 7 of 30 with probabilities
        // 0.14, 0.21, 0.58, 0.07: χ² = 14.1489 on 3 df, p = 0.00271.
        var planned = new Dictionary<string, double> { ["a"] = 0.14, ["b"] = 0.21, ["c"] = 0.58, ["d"] = 0.07 };

        var check = SampleRatioMismatch.Test([("a", 6), ("b", 5), ("c", 12), ("d", 7)], planned);

        Assert.Equal(14.1488779419814, check.ChiSquare, 1e-9);
        Assert.Equal(3, check.DegreesOfFreedom);
        Assert.Equal(0.00270935133029345, check.PValue, 1e-12);
        Assert.False(check.IsMismatch);
    }

    [Fact]
    public void SampleRatioMismatch_PlannedWeightsOneToTwo_NormalizedShares()
    {
        var planned = new Dictionary<string, double> { ["holdout"] = 1, ["treated"] = 2 };

        var check = SampleRatioMismatch.Test([("holdout", 1000), ("treated", 2000)], planned);

        Assert.Equal(0, check.ChiSquare, 1e-12);
        Assert.Equal(1, check.PValue, 1e-12);
        Assert.Equal(1.0 / 3, check.Arms[0].PlannedShare, 1e-12);
    }

    [Fact]
    public void SampleRatioMismatch_PlannedSplitMissingAnArm_Throws()
    {
        var planned = new Dictionary<string, double> { ["holdout"] = 1 };

        var ex = Assert.Throws<ArgumentException>(() => SampleRatioMismatch.Test([("holdout", 10), ("treated", 10)], planned));

        Assert.Contains("'treated'", ex.Message);
    }

    [Fact]
    public void ForProportions_BaselineTenPercent_MatchesHandComputedMde()
    {
        // (1.959964 + 0.841621)·√(0.1·0.9·(1/10000 + 1/10000)) = 0.0118861.

        var mde = MinimumDetectableEffect.ForProportions(0.1, 10_000, 10_000);

        Assert.Equal(0.0118861194347980, mde, 1e-12);
    }

    [Theory]
    [InlineData(1.0, 0.1)]
    [InlineData(25.0, 2.0)]
    public void ForMeans_SampleFromRuleOfThumb_MdeMatchesTargetWithinTwoPercent(double sd, double delta)
    {
        // van Belle / Kohavi rule of thumb: n = 16σ²/δ² per arm detects δ at α = 0.05 with 80% power
        // (the exact constant is 2·(1.96 + 0.84)² = 15.7, so the MDE is 0.99·δ).
        var n = (long)Math.Round(16 * sd * sd / (delta * delta));

        var mde = MinimumDetectableEffect.ForMeans(sd * sd, n, n);

        Assert.InRange(mde / delta, 0.98, 1.0);
    }

    [Fact]
    public void CupedAdjust_HandComputedArms_ThetaAdjustedMeansAndVariances()
    {
        // Control: y = 2,4,6,8 with x = 1,2,3,4 (Sxy 10, Sxx 5, Syy 20); treatment: y = 3,5,9,11 with x = 1,3,3,5
        // (Sxy 16, Sxx 8, Syy 40). θ = 26/13 = 2; x̄ = 22/8 = 2.75; adjusted means 5 − 2(2.5 − 2.75) = 5.5 and
        // 7 − 2(3 − 2.75) = 6.5; adjusted variances (20 − 40 + 20)/3 = 0 and (40 − 64 + 32)/3 = 8/3.
        var control = CovariateMoments.Of([2, 4, 6, 8], [1, 2, 3, 4]);
        var treatment = CovariateMoments.Of([3, 5, 9, 11], [1, 3, 3, 5]);

        var adjustment = Cuped.Adjust([control, treatment]);

        Assert.Equal(2, adjustment.Theta, 1e-12);
        Assert.Equal(2.75, adjustment.CovariateMean, 1e-12);
        Assert.Equal(5.5, adjustment.AdjustedArms[0].Mean, 1e-12);
        Assert.Equal(6.5, adjustment.AdjustedArms[1].Mean, 1e-12);
        Assert.Equal(0, adjustment.AdjustedArms[0].Variance, 1e-12);
        Assert.Equal(8.0 / 3, adjustment.AdjustedArms[1].Variance, 1e-12);
    }

    [Fact]
    public void Analyze_HandComputedCupedArms_VarianceReductionOfLift()
    {
        // Raw SE² = (20/3)/4 + (40/3)/4 = 5; adjusted SE² = 0 + (8/3)/4 = 2/3; reduction 1 − (2/3)/5 = 0.8667.
        var data = ExperimentData.FromLabels(["c", "c", "c", "c", "t", "t", "t", "t"], "c",
            [new MetricColumn("y", MetricKind.Continuous, [2, 4, 6, 8, 3, 5, 9, 11])],
            new CovariateColumn("x", [1, 2, 3, 4, 1, 3, 3, 5]));

        var cuped = ExperimentAnalyzer.Analyze(data, new AnalysisSettings()).Arms[0].Metrics[0].Cuped!;

        Assert.Equal(2, cuped.Theta, 1e-12);
        Assert.Equal(1.0, cuped.Estimate.Lift, 1e-12);
        Assert.Equal(1 - 2.0 / 3 / 5, cuped.VarianceReduction, 1e-12);
    }

    [Fact]
    public void CupedAdjust_ConstantCovariate_ThetaZeroLeavesMeans()
    {
        var a = CovariateMoments.Of([1, 2, 3], [7, 7, 7]);

        var adjustment = Cuped.Adjust([a]);

        Assert.Equal(0, adjustment.Theta);
        Assert.Equal(2, adjustment.AdjustedArms[0].Mean, 1e-12);
    }
}
