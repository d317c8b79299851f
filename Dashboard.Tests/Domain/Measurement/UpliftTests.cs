using Dashboard.Domain.Measurement;

namespace Dashboard.Tests.Domain.Measurement;

public class UpliftTests
{
    [Fact]
    public void QiniCurve_HandComputedRanking_GainsAreaAndBaseline()
    {
        // By score: T1, C0, T1, C1, T0, C1. Q(k) = Yt − Yc·Nt/Nc (Yt when no control yet):
        // 1, 1, 2, 2 − 1 = 1, 2 − 1.5 = 0.5, 2 − 2 = 0. Area = (0.5 + 1 + 1.5 + 1.5 + 0.75 + 0.25)/6 = 11/12.
        var customers = new List<(double, bool, double)>
        {
            (0.5, true, 0), (0.9, true, 1), (0.6, false, 1), (0.8, false, 0), (0.7, true, 1), (0.4, false, 1),
        };

        var curve = QiniCurve.Evaluate(customers, points: 6);

        Assert.Equal([0, 1, 1, 2, 1, 0.5, 0], curve.Points.Select(p => p.ModelGain));
        Assert.Equal(11.0 / 12, curve.Auuc, 1e-12);
        Assert.Equal(0, curve.RandomAuuc, 1e-12);
        Assert.Equal(11.0 / 12, curve.QiniCoefficient, 1e-12);
    }

    [Fact]
    public void QiniCurve_RandomScores_CoefficientNearZero()
    {
        var random = new Random(3);
        var customers = Enumerable.Range(0, 20_000)
            .Select(_ => (random.NextDouble(), random.Next(2) == 1, random.NextDouble() < 0.1 ? 1.0 : 0.0)).ToList();

        var curve = QiniCurve.Evaluate(customers);

        Assert.InRange(Math.Abs(curve.QiniCoefficient), 0, 0.2 * Math.Max(1, Math.Abs(curve.TotalGain)) + 30);
        Assert.Equal(curve.TotalGain / 2, curve.RandomAuuc, 1e-12);
    }

    [Fact]
    public void Fit_SyntheticPersuadables_BeatsRandomAndRanksThemFirst()
    {
        // Only customers with feature 0 above 0.5 respond to treatment (+30 points); others do not.
        var random = new Random(17);
        var rows = Enumerable.Range(0, 8000).Select(i =>
        {
            var f = new[] { (float)random.NextDouble(), (float)random.NextDouble() };
            var treated = random.Next(2) == 1;
            var p = 0.1 + (treated && f[0] > 0.5 ? 0.3 : 0);
            return new UpliftRow($"c{i}", treated, random.NextDouble() < p ? 1 : 0, f);
        }).ToList();

        var result = UpliftModel.Fit(rows, new UpliftSettings(Seed: 2, Trees: 30, MinLeafCount: 50, TopPersuadables: 500));

        Assert.True(result.BinaryOutcome);
        Assert.True(result.HeldOutQini.QiniCoefficient > 0.25 * result.HeldOutQini.RandomAuuc,
            $"AUUC {result.HeldOutQini.Auuc} vs random {result.HeldOutQini.RandomAuuc}");
        Assert.Equal(500, result.Persuadables.Count);
        var byId = rows.ToDictionary(r => r.Id);
        Assert.True(result.Persuadables.Count(p => byId[p.Id].Features[0] > 0.5) > 475);
        Assert.Equal(result.Persuadables.OrderByDescending(p => p.Uplift).Select(p => p.Uplift), result.Persuadables.Select(p => p.Uplift));
    }

    [Fact]
    public void Fit_SameSeed_SameResult()
    {
        var random = new Random(1);
        var rows = Enumerable.Range(0, 2000).Select(i =>
            new UpliftRow($"c{i}", i % 2 == 0, random.NextDouble() * 10, [(float)random.NextDouble()])).ToList();
        var settings = new UpliftSettings(Seed: 5, Trees: 10, MinLeafCount: 50, TopPersuadables: 20);

        var first = UpliftModel.Fit(rows, settings);
        var second = UpliftModel.Fit(rows, settings);

        Assert.False(first.BinaryOutcome);
        Assert.Equal(first.HeldOutQini.Auuc, second.HeldOutQini.Auuc);
        Assert.Equal(first.Persuadables, second.Persuadables);
    }

    [Fact]
    public void Encode_NumericAndCategoricalColumns_OneHotInOrdinalLevelOrder()
    {
        var encoded = FeatureEncoder.Encode([("recency", ["3", "10"]), ("channel", ["Web", "Phone"])]);

        Assert.Equal(["recency", "channel=Phone", "channel=Web"], encoded.Names);
        Assert.Equal([3f, 0f, 1f], encoded.Rows[0]);
        Assert.Equal([10f, 1f, 0f], encoded.Rows[1]);
    }

    [Fact]
    public void CrowdFlowLift_HandCounts_ShareMovedUpAndTwoProportionTest()
    {
        // Treated: 3 of 4 moved up; control: 1 of 4 (one moved down, which is not up).
        var transitions = new List<StageTransition>
        {
            new("t", 0, 1), new("t", 1, 2), new("t", 2, 3), new("t", 2, 2),
            new("c", 0, 1), new("c", 1, 1), new("c", 2, 1), new("c", 3, 3),
        };

        var arms = CrowdFlowLift.Analyze(transitions, "c");

        Assert.Equal(0.75, arms[0].ShareMovedUp);
        Assert.Equal(0.25, arms[1].ShareMovedUp);
        Assert.Null(arms[1].VsControl);
        Assert.Equal(LiftTests.TwoProportion(3, 4, 1, 4), arms[0].VsControl);
    }
}
