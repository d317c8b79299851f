namespace Dashboard.Domain.Measurement;

/// <summary>
/// One customer of a campaign without a random holdout: whether they were targeted, their stratum (e.g.
/// "tier2|loyal" = city tier × lifecycle stage), pre-period features (aligned with
/// <see cref="ObservationalData.FeatureNames"/>) and outcomes over the campaign window (aligned with
/// <see cref="ObservationalData.OutcomeNames"/>).
/// </summary>
public sealed record ObservationalUnit(string Id, bool Treated, string Stratum, double[] Features, double[] Outcomes);

public sealed record ObservationalData(IReadOnlyList<string> FeatureNames, IReadOnlyList<string> OutcomeNames, IReadOnlyList<ObservationalUnit> Units);

public enum MatchingMethod
{
    /// <summary>Every untargeted customer of the same stratum, reweighted to the targeted customers' stratum mix.</summary>
    ExactStrata,

    /// <summary>1:1 greedy nearest neighbour on the logit of the propensity score, without replacement, within a caliper.</summary>
    PropensityScore,
}

/// <summary>
/// <see cref="CaliperInLogitSd"/>: maximum distance of a propensity match in standard deviations of the logit
/// score; 0.2 is Austin's recommendation ("Optimal caliper widths for propensity-score matching", Pharmaceutical
/// Statistics 2011). <see cref="Seed"/> orders the targeted customers for greedy matching.
/// </summary>
public sealed record MatchingSettings(MatchingMethod Method, double CaliperInLogitSd = 0.2, double Confidence = 0.95, int Seed = 1);

/// <summary>Targeted minus comparison mean of one outcome (the effect on the targeted, ATT) with its interval.</summary>
public sealed record ObservationalEffect(string Outcome, double TreatedMean, double ComparisonMean, double Lift, double LiftLow, double LiftHigh, double PValue);

/// <summary>
/// Standardized mean difference of one feature before and after matching:
/// (x̄T − x̄C)/√((s²T + s²C)/2) (Austin, "Balance diagnostics for comparing the distribution of baseline
/// covariates between treatment groups in propensity-score matched samples", Stat Med 2009). The denominator is
/// the unmatched sample's for both, so the change shows the mean difference removed (Stuart, Stat Sci 2010).
/// |SMD| &lt; 0.1 is the usual mark of balance.
/// </summary>
public sealed record CovariateBalance(string Feature, double SmdBefore, double SmdAfter)
{
    public bool BalancedAfter => Math.Abs(SmdAfter) < 0.1;
}

/// <summary>
/// An observational lift: <see cref="IsObservational"/> is always true and <see cref="Warning"/> says so, because
/// matching only removes differences in what was measured; who got targeted may still differ in what was not.
/// </summary>
public sealed record ObservationalResult(
    MatchingMethod Method,
    int TreatedCount,
    int MatchedTreated,
    int ComparisonCount,
    IReadOnlyList<ObservationalEffect> Effects,
    IReadOnlyList<CovariateBalance> Balance,
    string Warning)
{
    public bool IsObservational { get; } = true;

    public int UnmatchedTreated => TreatedCount - MatchedTreated;
}

/// <summary>
/// A comparison group for a delivery that had no random holdout, built the way platform measurement tools do.
/// Exact matching: within each stratum the untargeted customers get weight nT,s/nC,s, so the comparison group has
/// the targeted group's stratum mix; ATT = Σₛ wₛ(ȳT,s − ȳC,s) with wₛ = nT,s/nT and
/// Var = Σₛ wₛ²(s²T,s/nT,s + s²C,s/nC,s) (a stratum side with one customer borrows that group's overall variance);
/// targeted customers in strata without untargeted ones are left out and counted. Propensity matching: a logistic
/// regression of targeted on the standardized pre-period features, then each targeted customer (in seeded random
/// order) takes the nearest untargeted one on the logit within the caliper; the effect is the mean of the paired
/// differences with a paired t interval (Austin 2011 recommends paired analysis of matched samples).
/// </summary>
public static class ObservationalComparison
{
    public const string ObservationalWarning =
        "Observational estimate: there was no random holdout. The comparison group was matched on measured pre-period traits only, so unmeasured differences between targeted and untargeted customers can bias this lift.";

    public static ObservationalResult Compare(ObservationalData data, MatchingSettings settings)
    {
        Validate(data);
        var treated = data.Units.Where(u => u.Treated).ToList();
        var controls = data.Units.Where(u => !u.Treated).ToList();
        if (treated.Count < 2 || controls.Count < 2)
        {
            throw new ArgumentException("an observational comparison needs at least 2 targeted and 2 untargeted customers");
        }
        return settings.Method == MatchingMethod.ExactStrata
            ? ExactStrata(data, treated, controls, settings)
            : Propensity(data, treated, controls, settings);
    }

    /// <summary>Standardized mean difference with an explicit pooled standard deviation (0 when it is 0).</summary>
    public static double StandardizedMeanDifference(double treatedMean, double controlMean, double pooledSd) =>
        pooledSd > 0 ? (treatedMean - controlMean) / pooledSd : 0;

    /// <summary>√((s²T + s²C)/2) of one feature over the unmatched groups.</summary>
    public static double PooledSd(IReadOnlyList<double> treated, IReadOnlyList<double> control) =>
        Math.Sqrt((Moments.Of([.. treated]).Variance + Moments.Of([.. control]).Variance) / 2);

    private static ObservationalResult ExactStrata(ObservationalData data, List<ObservationalUnit> treated, List<ObservationalUnit> controls, MatchingSettings settings)
    {
        var controlsByStratum = controls.GroupBy(u => u.Stratum, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var strata = treated.GroupBy(u => u.Stratum, StringComparer.Ordinal)
            .Where(g => controlsByStratum.ContainsKey(g.Key))
            .Select(g => (Treated: g.ToList(), Controls: controlsByStratum[g.Key]))
            .ToList();
        var matchedTreated = strata.Sum(s => s.Treated.Count);
        if (matchedTreated == 0)
        {
            throw new ArgumentException("no stratum has both targeted and untargeted customers; exact matching is impossible");
        }

        var q = TestDistributions.NormalQuantile(1 - (1 - settings.Confidence) / 2);
        var effects = new List<ObservationalEffect>();
        for (var o = 0; o < data.OutcomeNames.Count; o++)
        {
            var overallT = Moments.Of([.. treated.Select(u => u.Outcomes[o])]).Variance;
            var overallC = Moments.Of([.. controls.Select(u => u.Outcomes[o])]).Variance;
            double att = 0, variance = 0, treatedMean = 0, comparisonMean = 0;
            foreach (var (t, c) in strata)
            {
                var w = (double)t.Count / matchedTreated;
                var mt = Moments.Of([.. t.Select(u => u.Outcomes[o])]);
                var mc = Moments.Of([.. c.Select(u => u.Outcomes[o])]);
                treatedMean += w * mt.Mean;
                comparisonMean += w * mc.Mean;
                att += w * (mt.Mean - mc.Mean);
                variance += w * w * ((mt.N > 1 ? mt.Variance : overallT) / mt.N + (mc.N > 1 ? mc.Variance : overallC) / mc.N);
            }
            effects.Add(Effect(data.OutcomeNames[o], treatedMean, comparisonMean, att, Math.Sqrt(variance), q));
        }

        var balance = new List<CovariateBalance>();
        for (var f = 0; f < data.FeatureNames.Count; f++)
        {
            var before = Before(treated, controls, f, out var sd);
            double mt = 0, mc = 0;
            foreach (var (t, c) in strata)
            {
                var w = (double)t.Count / matchedTreated;
                mt += w * t.Average(u => u.Features[f]);
                mc += w * c.Average(u => u.Features[f]);
            }
            balance.Add(new CovariateBalance(data.FeatureNames[f], before, StandardizedMeanDifference(mt, mc, sd)));
        }
        var comparisonCount = strata.Sum(s => s.Controls.Count);
        return new ObservationalResult(MatchingMethod.ExactStrata, treated.Count, matchedTreated, comparisonCount, effects, balance, ObservationalWarning);
    }

    private static ObservationalResult Propensity(ObservationalData data, List<ObservationalUnit> treated, List<ObservationalUnit> controls, MatchingSettings settings)
    {
        if (data.FeatureNames.Count == 0)
        {
            throw new ArgumentException("propensity-score matching needs at least one pre-period feature");
        }
        var all = treated.Concat(controls).ToList();
        var model = PropensityModel.Fit([.. all.Select(u => u.Features)], [.. all.Select(u => u.Treated)]);
        var logitT = treated.Select(u => model.Logit(u.Features)).ToArray();
        var logitC = controls.Select(u => model.Logit(u.Features)).ToArray();
        var caliper = settings.CaliperInLogitSd * Math.Sqrt(Moments.Of([.. logitT, .. logitC]).Variance);

        var pairs = GreedyMatch(logitT, logitC, caliper, settings.Seed);
        if (pairs.Count < 2)
        {
            throw new ArgumentException("fewer than 2 targeted customers found a comparison customer within the caliper");
        }

        var effects = new List<ObservationalEffect>();
        for (var o = 0; o < data.OutcomeNames.Count; o++)
        {
            var diffs = Moments.Of([.. pairs.Select(p => treated[p.T].Outcomes[o] - controls[p.C].Outcomes[o])]);
            var q = TestDistributions.StudentQuantile(1 - (1 - settings.Confidence) / 2, pairs.Count - 1);
            var se = Math.Sqrt(diffs.VarianceOfMean);
            var tStat = se > 0 ? diffs.Mean / se : 0;
            var p = se > 0 ? TestDistributions.TwoSidedStudentP(tStat, pairs.Count - 1) : diffs.Mean == 0 ? 1 : 0;
            effects.Add(new ObservationalEffect(data.OutcomeNames[o],
                pairs.Average(pr => treated[pr.T].Outcomes[o]), pairs.Average(pr => controls[pr.C].Outcomes[o]),
                diffs.Mean, diffs.Mean - q * se, diffs.Mean + q * se, p));
        }
        var balance = new List<CovariateBalance>();
        for (var f = 0; f < data.FeatureNames.Count; f++)
        {
            var before = Before(treated, controls, f, out var sd);
            var after = StandardizedMeanDifference(pairs.Average(p => treated[p.T].Features[f]), pairs.Average(p => controls[p.C].Features[f]), sd);
            balance.Add(new CovariateBalance(data.FeatureNames[f], before, after));
        }
        return new ObservationalResult(MatchingMethod.PropensityScore, treated.Count, pairs.Count, pairs.Count, effects, balance, ObservationalWarning);
    }

    /// <summary>
    /// Greedy 1:1 nearest-neighbour matching without replacement: targeted customers in seeded random order each
    /// take the closest still-available untargeted customer within the caliper. Untargeted customers sit in an
    /// array sorted by logit; two path-compressed "next alive" pointer arrays skip the used ones.
    /// </summary>
    internal static List<(int T, int C)> GreedyMatch(double[] logitT, double[] logitC, double caliper, int seed)
    {
        var sorted = Enumerable.Range(0, logitC.Length).OrderBy(i => logitC[i]).ToArray();
        var keys = sorted.Select(i => logitC[i]).ToArray();
        var right = Enumerable.Range(0, keys.Length + 1).ToArray(); // right[i]: first alive index ≥ i (Length = none)
        var left = Enumerable.Range(0, keys.Length + 1).ToArray();  // left[i + 1]: last alive index ≤ i, shifted by one (0 = none)
        var order = Enumerable.Range(0, logitT.Length).ToArray();
        new Random(seed).Shuffle(order);
        var pairs = new List<(int T, int C)>();
        foreach (var t in order)
        {
            var x = logitT[t];
            var pos = Array.BinarySearch(keys, x);
            pos = pos < 0 ? ~pos : pos;
            var r = Find(right, pos);
            var l = Find(left, pos) - 1;
            var best = -1;
            if (r < keys.Length && keys[r] - x <= caliper)
            {
                best = r;
            }
            if (l >= 0 && x - keys[l] <= caliper && (best < 0 || x - keys[l] < keys[best] - x))
            {
                best = l;
            }
            if (best >= 0)
            {
                right[best] = best + 1;
                left[best + 1] = best;
                pairs.Add((t, sorted[best]));
            }
        }
        return pairs;
    }

    private static int Find(int[] parent, int i)
    {
        var root = i;
        while (parent[root] != root)
        {
            root = parent[root];
        }
        while (parent[i] != root)
        {
            (parent[i], i) = (root, parent[i]);
        }
        return root;
    }

    private static double Before(List<ObservationalUnit> treated, List<ObservationalUnit> controls, int f, out double pooledSd)
    {
        var t = treated.Select(u => u.Features[f]).ToList();
        var c = controls.Select(u => u.Features[f]).ToList();
        pooledSd = PooledSd(t, c);
        return StandardizedMeanDifference(t.Average(), c.Average(), pooledSd);
    }

    private static ObservationalEffect Effect(string outcome, double treatedMean, double comparisonMean, double att, double se, double q)
    {
        var z = se > 0 ? att / se : 0;
        var p = se > 0 ? TestDistributions.TwoSidedNormalP(z) : att == 0 ? 1 : 0;
        return new ObservationalEffect(outcome, treatedMean, comparisonMean, att, att - q * se, att + q * se, p);
    }

    private static void Validate(ObservationalData data)
    {
        foreach (var u in data.Units)
        {
            if (u.Features.Length != data.FeatureNames.Count || u.Outcomes.Length != data.OutcomeNames.Count)
            {
                throw new ArgumentException($"customer '{u.Id}' has {u.Features.Length} features and {u.Outcomes.Length} outcomes; expected {data.FeatureNames.Count} and {data.OutcomeNames.Count}");
            }
            if (!u.Features.All(double.IsFinite) || !u.Outcomes.All(double.IsFinite))
            {
                throw new ArgumentException($"customer '{u.Id}' has a value that is not a finite number");
            }
        }
    }
}
