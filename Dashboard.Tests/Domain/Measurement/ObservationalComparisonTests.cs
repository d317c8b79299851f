using Dashboard.Domain.Measurement;

namespace Dashboard.Tests.Domain.Measurement;

public class ObservationalComparisonTests
{
    [Fact]
    public void StandardizedMeanDifference_HandComputed_MatchesAustinFormula()
    {
        // Treated 1,2,3 (mean 2, s² 1); control 2,3,4,5 (mean 3.5, s² 5/3): (2 − 3.5)/√((1 + 5/3)/2) = −1.299038.
        var sd = ObservationalComparison.PooledSd([1, 2, 3], [2, 3, 4, 5]);

        var smd = ObservationalComparison.StandardizedMeanDifference(2, 3.5, sd);

        Assert.Equal(-1.29903810567666, smd, 1e-12);
    }

    [Fact]
    public void Compare_ExactStrata_HandComputedAttVarianceAndBalance()
    {
        // Stratum A: treated 10, 12; controls 8, 8, 10, 6. Stratum B: treated 3, 5, 4, 4; controls 2, 2.
        // Stratum C: one treated, no control (left out). Stratum D: controls only (unused).
        // w = 2/6, 4/6: ATT = (1/3)(11 − 8) + (2/3)(4 − 2) = 7/3;
        // Var = (1/9)(2/2 + (8/3)/4) + (4/9)((2/3)/4 + 0/2) = 5/27 + 2/27 = 7/27.
        var units = new List<ObservationalUnit>();
        void Add(bool treated, string stratum, double outcome) =>
            units.Add(new ObservationalUnit($"u{units.Count}", treated, stratum, [stratum == "A" ? 1 : 0], [outcome]));
        foreach (var y in new[] { 10.0, 12 }) { Add(true, "A", y); }
        foreach (var y in new[] { 8.0, 8, 10, 6 }) { Add(false, "A", y); }
        foreach (var y in new[] { 3.0, 5, 4, 4 }) { Add(true, "B", y); }
        foreach (var y in new[] { 2.0, 2 }) { Add(false, "B", y); }
        Add(true, "C", 100);
        Add(false, "D", 0);
        var data = new ObservationalData(["isA"], ["spend"], units);

        var result = ObservationalComparison.Compare(data, new MatchingSettings(MatchingMethod.ExactStrata));

        var effect = Assert.Single(result.Effects);
        Assert.Equal(7.0 / 3, effect.Lift, 1e-12);
        var se = Math.Sqrt(7.0 / 27);
        Assert.Equal(7.0 / 3 - 1.95996398454005 * se, effect.LiftLow, 1e-9);
        Assert.Equal(7, result.TreatedCount);
        Assert.Equal(6, result.MatchedTreated);
        Assert.Equal(1, result.UnmatchedTreated);
        Assert.True(result.IsObservational);
        Assert.Contains("Observational", result.Warning);
        var balance = Assert.Single(result.Balance);
        Assert.NotEqual(0, balance.SmdBefore);
        Assert.Equal(0, balance.SmdAfter, 1e-12);
    }

    [Fact]
    public void Compare_PropensityOnConfoundedTargeting_RecoversEffectAndBalances()
    {
        // Heavy past buyers are far more likely to be targeted and buy more anyway; true effect +2.
        var random = new Random(31);
        var units = new List<ObservationalUnit>();
        for (var i = 0; i < 6000; i++)
        {
            var history = ExperimentAnalyzerTests.Normal(random);
            var recency = ExperimentAnalyzerTests.Normal(random);
            var treated = random.NextDouble() < 1 / (1 + Math.Exp(-(-1.2 + 1.0 * history - 0.5 * recency)));
            var outcome = 10 + 4 * history - 2 * recency + (treated ? 2 : 0) + ExperimentAnalyzerTests.Normal(random);
            units.Add(new ObservationalUnit($"c{i}", treated, "all", [history, recency], [outcome]));
        }
        var data = new ObservationalData(["history", "recency"], ["spend"], units);
        var naive = units.Where(u => u.Treated).Average(u => u.Outcomes[0]) - units.Where(u => !u.Treated).Average(u => u.Outcomes[0]);

        var result = ObservationalComparison.Compare(data, new MatchingSettings(MatchingMethod.PropensityScore, Seed: 4));

        Assert.True(naive > 4, $"the naive difference {naive} should be badly biased");
        var effect = Assert.Single(result.Effects);
        Assert.InRange(effect.Lift, 1.5, 2.5);
        Assert.True(effect.LiftLow < 2 && 2 < effect.LiftHigh + 0.3);
        Assert.All(result.Balance, b => Assert.True(Math.Abs(b.SmdBefore) > 0.3 && b.BalancedAfter, $"{b.Feature}: {b.SmdBefore} -> {b.SmdAfter}"));
        Assert.True(result.MatchedTreated > 0.8 * result.TreatedCount);
    }

    [Fact]
    public void GreedyMatch_ControlsUsedOnce_NearestWithinCaliper()
    {
        // Treated at 0.0 and 0.05; controls at 0.04, 0.3, 5. Caliper 0.5: both take one of the two close controls,
        // never the same one, and nobody takes the control at 5.

        var pairs = ObservationalComparison.GreedyMatch([0.0, 0.05], [0.04, 0.3, 5], 0.5, seed: 1);

        Assert.Equal(2, pairs.Count);
        Assert.Equal([0, 1], pairs.Select(p => p.C).Order());
    }

    [Fact]
    public void PropensityModel_KnownLogisticData_RecoversSignOfSlopes()
    {
        var random = new Random(8);
        var x = Enumerable.Range(0, 4000).Select(_ => new[] { ExperimentAnalyzerTests.Normal(random), ExperimentAnalyzerTests.Normal(random) }).ToArray();
        var t = x.Select(f => random.NextDouble() < 1 / (1 + Math.Exp(-(0.5 + 1.5 * f[0] - 1.0 * f[1])))).ToArray();

        var model = PropensityModel.Fit(x, t);

        // Features are standardized (sd ≈ 1), so the slopes are close to the generating ones.
        Assert.InRange(model.Coefficients[0], 0.35, 0.65);
        Assert.InRange(model.Coefficients[1], 1.3, 1.7);
        Assert.InRange(model.Coefficients[2], -1.2, -0.8);
    }
}
