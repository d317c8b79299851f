using Dashboard.Domain.Measurement;

namespace Dashboard.Tests.Domain.Measurement;

public class LiftTestsTests
{
    [Fact]
    public void TwoProportion_HandComputedCounts_MatchesPooledZAndUnpooledInterval()
    {
        // 200/1000 vs 150/1000. Pooled p = 0.175, SE0 = √(0.175·0.825·(2/1000)) = 0.016993, z = 0.05/SE0 = 2.942449,
        // two-sided p = 0.0032563. Unpooled SE = √(0.2·0.8/1000 + 0.15·0.85/1000) = 0.0169558, CI = 0.05 ± 1.959964·SE.

        var e = LiftTests.TwoProportion(200, 1000, 150, 1000);

        Assert.Equal(LiftTest.TwoProportionZ, e.Test);
        Assert.Equal(0.05, e.Lift, 1e-12);
        Assert.Equal(2.94244943168250, e.Statistic, 1e-9);
        Assert.Equal(0.00325626962841207, e.PValue, 1e-10);
        Assert.Equal(0.0169558249578132, e.StandardError, 1e-12);
        Assert.Equal(0.0167671937545208, e.LiftLow, 1e-9);
        Assert.Equal(0.0832328062454792, e.LiftHigh, 1e-9);
    }

    [Fact]
    public void TwoProportion_HandComputedCounts_RelativeLiftHasDeltaMethodInterval()
    {
        // r = 0.2/0.15 − 1 = 1/3; Var(r) = (0.16/1000)/0.15² + 0.2²·(0.1275/1000)/0.15⁴.

        var e = LiftTests.TwoProportion(200, 1000, 150, 1000);

        Assert.Equal(1.0 / 3, e.RelativeLift!.Value, 1e-12);
        Assert.Equal(0.0763971910432856, e.RelativeLiftLow!.Value, 1e-9);
        Assert.Equal(0.590269475623381, e.RelativeLiftHigh!.Value, 1e-9);
    }

    [Fact]
    public void Welch_WikipediaExample1_MatchesPublishedTDfAndP()
    {
        // Wikipedia, "Welch's t-test", example 1: t = −2.46, ν ≈ 24.99, p = 0.021 (exact values from the formulas).
        double[] a1 = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];
        double[] a2 = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4];

        var e = LiftTests.Welch(Moments.Of(a1), Moments.Of(a2));

        Assert.Equal(LiftTest.WelchT, e.Test);
        Assert.Equal(-2.45535639828601, e.Statistic, 1e-9);
        Assert.Equal(24.9885292902314, e.DegreesOfFreedom!.Value, 1e-8);
        Assert.Equal(0.0213780014628670, e.PValue, 1e-9);
        Assert.Equal(-3.98409626714093, e.LiftLow, 1e-6);
        Assert.Equal(-0.349237066192405, e.LiftHigh, 1e-6);
    }

    [Fact]
    public void Welch_BothArmsConstantAndEqual_PValueOneAndZeroWidthInterval()
    {
        var e = LiftTests.Welch(new Moments(10, 5, 0), new Moments(10, 5, 0));

        Assert.Equal(1, e.PValue);
        Assert.Equal(0, e.LiftLow);
        Assert.Equal(0, e.LiftHigh);
        Assert.False(double.IsNaN(e.Statistic));
    }

    [Fact]
    public void TwoProportion_ZeroControlRate_RelativeLiftIsNull()
    {
        var e = LiftTests.TwoProportion(5, 100, 0, 100);

        Assert.Null(e.RelativeLift);
        Assert.Equal(0.05, e.Lift, 1e-12);
    }

    [Fact]
    public void TwoProportion_MomentsOfBinaryValues_SameAsCounts()
    {
        double[] t = [1, 0, 0, 1, 1, 0, 0, 0, 1, 0];
        double[] c = [0, 0, 1, 0, 0, 0, 0, 0, 1, 0];

        var fromMoments = LiftTests.TwoProportion(Moments.Of(t), Moments.Of(c));

        Assert.Equal(LiftTests.TwoProportion(4, 10, 2, 10), fromMoments);
    }
}
