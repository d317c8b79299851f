using System.Globalization;

namespace Dashboard.Domain.Measurement;

/// <summary>One arm's observed count against its planned share.</summary>
public sealed record ArmAllocation(string Arm, long Observed, double PlannedShare, double Expected, double ObservedShare);

/// <summary>
/// The sample-ratio-mismatch check: a Pearson chi-square goodness-of-fit test of the arm counts against the
/// planned split. <see cref="IsMismatch"/> is the loud flag; when it is set, the lift figures are not to be trusted
/// until the assignment or logging bug is found.
/// </summary>
public sealed record SampleRatioCheck(
    IReadOnlyList<ArmAllocation> Arms,
    double ChiSquare,
    int DegreesOfFreedom,
    double PValue,
    double Threshold,
    bool PlannedSplitGiven,
    bool IsMismatch,
    string? Warning);

public static class SampleRatioMismatch
{
    /// <summary>
    /// Alarm below p &lt; 0.001. An SRM test runs on every experiment, so a strict threshold keeps false
    /// alarms rare while real assignment bugs (which give astronomically small p with campaign-size samples)
    /// are still caught: Kohavi, Tang &amp; Xu, "Trustworthy Online Controlled Experiments" (2020), ch. 21;
    /// Fabijan et al., "Diagnosing Sample Ratio Mismatch in Online Controlled Experiments", KDD 2019.
    /// </summary>
    public const double DefaultThreshold = 0.001;

    /// <summary>
    /// χ² = Σ (Oᵢ − Eᵢ)²/Eᵢ with Eᵢ = N·shareᵢ and k − 1 degrees of freedom. <paramref name="plannedShares"/> are
    /// weights per arm (e.g. 1:1:2, or 0.25/0.25/0.5), normalized to sum to 1; null means an equal split.
    /// </summary>
    public static SampleRatioCheck Test(
        IReadOnlyList<(string Arm, long Count)> arms,
        IReadOnlyDictionary<string, double>? plannedShares = null,
        double threshold = DefaultThreshold)
    {
        if (arms.Count < 2)
        {
            throw new ArgumentException("the sample-ratio check needs at least two arms");
        }
        var weights = arms.Select(a => Weight(a.Arm, plannedShares, arms.Count)).ToArray();
        var totalWeight = weights.Sum();
        long total = arms.Sum(a => a.Count);
        var allocations = new List<ArmAllocation>(arms.Count);
        var chi2 = 0.0;
        for (var i = 0; i < arms.Count; i++)
        {
            var share = weights[i] / totalWeight;
            var expected = total * share;
            var d = arms[i].Count - expected;
            chi2 += d * d / expected;
            allocations.Add(new ArmAllocation(arms[i].Arm, arms[i].Count, share, expected, total == 0 ? 0 : (double)arms[i].Count / total));
        }
        var df = arms.Count - 1;
        var p = TestDistributions.ChiSquareUpperTail(chi2, df);
        var mismatch = p < threshold;
        var warning = mismatch
            ? string.Create(CultureInfo.InvariantCulture,
                $"SAMPLE RATIO MISMATCH: arm sizes differ from the planned split (chi-square {chi2:0.##}, p = {p:0.###e+0} < {threshold}). Assignment or logging is broken; do not trust the lift until it is explained.")
            : null;
        return new SampleRatioCheck(allocations, chi2, df, p, threshold, plannedShares is not null, mismatch, warning);
    }

    private static double Weight(string arm, IReadOnlyDictionary<string, double>? planned, int armCount)
    {
        if (planned is null)
        {
            return 1.0 / armCount;
        }
        if (!planned.TryGetValue(arm, out var w))
        {
            throw new ArgumentException($"the planned split has no share for arm '{arm}'");
        }
        if (!(w > 0) || !double.IsFinite(w))
        {
            throw new ArgumentException($"the planned share of arm '{arm}' must be a positive number (got {w.ToString(CultureInfo.InvariantCulture)})");
        }
        return w;
    }
}
