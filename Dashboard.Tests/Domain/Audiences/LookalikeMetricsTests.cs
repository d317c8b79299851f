using Dashboard.Domain.Audiences;

namespace Dashboard.Tests.Domain.Audiences;

public class LookalikeMetricsTests
{
    [Fact]
    public void Auc_HandComputedPairs_CountsOrderedPairs()
    {
        // Positives 0.9 and 0.7, negatives 0.8 and 0.6: of the 4 pairs, 3 are ordered correctly.
        double[] scores = [0.9, 0.8, 0.7, 0.6];
        bool[] labels = [true, false, true, false];

        var auc = LookalikeMetrics.Auc(scores, labels);

        Assert.Equal(0.75, auc, 12);
    }

    [Theory]
    [InlineData(new[] { 0.5, 0.5 }, new[] { true, false }, 0.5)]
    [InlineData(new[] { 0.9, 0.1, 0.2 }, new[] { true, false, false }, 1.0)]
    [InlineData(new[] { 0.1, 0.9, 0.8 }, new[] { true, false, false }, 0.0)]
    [InlineData(new[] { 0.7, 0.7, 0.2, 0.9 }, new[] { true, false, false, true }, 0.875)]
    public void Auc_TiesAndExtremes_MatchesMannWhitney(double[] scores, bool[] labels, double expected)
    {
        var auc = LookalikeMetrics.Auc(scores, labels);

        Assert.Equal(expected, auc, 12);
    }

    [Fact]
    public void Auc_OneClassOnly_ThrowsInsteadOfNaN()
    {
        double[] scores = [0.1, 0.2];
        bool[] labels = [true, true];

        var ex = Assert.Throws<ArgumentException>(() => LookalikeMetrics.Auc(scores, labels));
        Assert.Contains("both classes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LiftAtTop_TopItemFlaggedOneInFive_IsFive()
    {
        // 10 profiles, top decile = 1 profile, flagged; 2 of 10 flagged overall: 1.0 / 0.2 = 5.
        double[] scores = [1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1];
        bool[] flags = [true, false, false, false, false, false, false, false, false, true];

        var lift = LookalikeMetrics.LiftAtTop(scores, flags);

        Assert.Equal(1.0, lift.TopRate, 12);
        Assert.Equal(0.2, lift.BaseRate, 12);
        Assert.Equal(5.0, lift.Lift, 12);
    }

    [Fact]
    public void LiftAtTop_TieAcrossTheCut_CountsTheGroupProportionally()
    {
        // 20 profiles, top decile = 2. The best is flagged; the next four tie, one of them flagged, and half a slot
        // of that group... exactly 1 of the 4 slots fits: 1 + 1 × (1/4) = 1.25 flagged in 2 slots = 0.625.
        // 4 flagged overall: base 0.2, lift 3.125.
        var scores = new double[20];
        var flags = new bool[20];
        scores[0] = 1.0;
        flags[0] = true;
        for (var i = 1; i <= 4; i++)
        {
            scores[i] = 0.8;
        }
        flags[2] = true;
        for (var i = 5; i < 20; i++)
        {
            scores[i] = 0.1 - i * 0.001;
        }
        flags[10] = true;
        flags[19] = true;

        var lift = LookalikeMetrics.LiftAtTop(scores, flags);

        Assert.Equal(0.625, lift.TopRate, 12);
        Assert.Equal(3.125, lift.Lift, 12);
    }

    [Fact]
    public void LiftAtTop_AllScoresEqual_IsOne()
    {
        var scores = Enumerable.Repeat(0.3, 50).ToArray();
        var flags = Enumerable.Range(0, 50).Select(i => i % 5 == 0).ToArray();

        var lift = LookalikeMetrics.LiftAtTop(scores, flags);

        Assert.Equal(1.0, lift.Lift, 12);
    }

    [Fact]
    public void Richness_HighValueConcentratedAtTop_ReportsRatioOfRates()
    {
        // 100 ranked profiles; the 10 highest are all high-value, 20 high-value overall: 1.0 / 0.2 = 5.
        var ranked = Enumerable.Range(0, 100).Select(i => new LookalikeScore(i, 1 - i / 100.0)).ToList();
        var highValue = new HashSet<long>(Enumerable.Range(0, 10).Select(i => (long)i).Concat(Enumerable.Range(50, 10).Select(i => (long)i)));

        var richness = LookalikeMetrics.Richness(ranked, highValue.Contains);

        Assert.Equal(5.0, richness.Lift, 12);
    }
}
