namespace Dashboard.Domain.Measurement;

/// <summary>
/// Treatment-versus-control tests on arm summaries. Both assume independent customers and arms, and
/// sample sizes large enough for the central limit theorem (the usual situation for campaign holdouts).
/// </summary>
public static class LiftTests
{
    /// <summary>
    /// Two-proportion z-test for 0/1 metrics (visit, conversion). The test statistic uses the pooled
    /// proportion, which is the standard error under H0: pT = pC; the interval uses the unpooled standard
    /// error √(pT(1−pT)/nT + pC(1−pC)/nC), which is the standard error of the difference where it is not 0
    /// (Wald interval; Agresti &amp; Caffo 2000 discuss both; Kohavi, Tang &amp; Xu 2020, ch. 17).
    /// </summary>
    public static LiftEstimate TwoProportion(long successes, long n, long controlSuccesses, long controlN, double confidence = 0.95)
    {
        RequireArm(n, nameof(n));
        RequireArm(controlN, nameof(controlN));
        if (successes < 0 || successes > n || controlSuccesses < 0 || controlSuccesses > controlN)
        {
            throw new ArgumentException("successes must lie between 0 and the arm size");
        }
        var p = (double)successes / n;
        var pc = (double)controlSuccesses / controlN;
        var varT = p * (1 - p) / n;
        var varC = pc * (1 - pc) / controlN;
        var se = Math.Sqrt(varT + varC);
        var pooled = (double)(successes + controlSuccesses) / (n + controlN);
        var sePooled = Math.Sqrt(pooled * (1 - pooled) * (1.0 / n + 1.0 / controlN));
        var diff = p - pc;
        var z = Ratio(diff, sePooled);
        var pValue = PValue(diff, sePooled, TestDistributions.TwoSidedNormalP(z));
        var q = TestDistributions.NormalQuantile(1 - (1 - confidence) / 2);
        var (rel, relLow, relHigh) = RelativeLift(p, pc, varT, varC, confidence);
        return new LiftEstimate(LiftTest.TwoProportionZ, p, pc, diff, diff - q * se, diff + q * se, se, z, null, pValue, rel, relLow, relHigh);
    }

    /// <summary>Two-proportion test from the moments of 0/1 metrics (successes = round(n·mean)).</summary>
    public static LiftEstimate TwoProportion(Moments treatment, Moments control, double confidence = 0.95) =>
        TwoProportion((long)Math.Round(treatment.Sum), treatment.N, (long)Math.Round(control.Sum), control.N, confidence);

    /// <summary>
    /// Welch's t-test for a continuous metric (revenue per targeted customer): SE² = sT²/nT + sC²/nC and
    /// ν = SE⁴ / ((sT²/nT)²/(nT−1) + (sC²/nC)²/(nC−1)) (Welch 1947; Satterthwaite 1946). Heavy-tailed spend
    /// converges slowly to normality; <see cref="BootstrapInterval"/> gives a resampling check.
    /// </summary>
    public static LiftEstimate Welch(Moments treatment, Moments control, double confidence = 0.95)
    {
        RequireArm(treatment.N, "treatment.N");
        RequireArm(control.N, "control.N");
        if (treatment.N < 2 || control.N < 2)
        {
            throw new ArgumentException("Welch's t-test needs at least 2 customers in each arm");
        }
        var varT = treatment.VarianceOfMean;
        var varC = control.VarianceOfMean;
        var se2 = varT + varC;
        var se = Math.Sqrt(se2);
        var denominator = varT * varT / (treatment.N - 1) + varC * varC / (control.N - 1);
        // Both arms constant: ν is 0/0; the pooled-t degrees of freedom are the natural limit.
        var df = denominator > 0 ? se2 * se2 / denominator : treatment.N + control.N - 2;
        var diff = treatment.Mean - control.Mean;
        var t = Ratio(diff, se);
        var pValue = PValue(diff, se, TestDistributions.TwoSidedStudentP(t, df));
        var q = TestDistributions.StudentQuantile(1 - (1 - confidence) / 2, df);
        var (rel, relLow, relHigh) = RelativeLift(treatment.Mean, control.Mean, varT, varC, confidence);
        return new LiftEstimate(LiftTest.WelchT, treatment.Mean, control.Mean, diff, diff - q * se, diff + q * se, se, t, df, pValue, rel, relLow, relHigh);
    }

    /// <summary>
    /// Relative lift r = x̄T/x̄C − 1 with a first-order delta-method interval for independent arms:
    /// Var(r) ≈ Var(x̄T)/x̄C² + x̄T²·Var(x̄C)/x̄C⁴ (Kohavi, Tang &amp; Xu 2020, ch. 18 "percent change").
    /// Fieller's interval is exact for normal means but can be unbounded; with campaign-size samples the
    /// two agree closely. Null when the control mean is 0.
    /// </summary>
    public static (double? Relative, double? Low, double? High) RelativeLift(
        double mean, double controlMean, double varianceOfMean, double controlVarianceOfMean, double confidence)
    {
        if (controlMean == 0)
        {
            return (null, null, null);
        }
        var r = mean / controlMean - 1;
        var c2 = controlMean * controlMean;
        var se = Math.Sqrt(varianceOfMean / c2 + mean * mean * controlVarianceOfMean / (c2 * c2));
        var q = TestDistributions.NormalQuantile(1 - (1 - confidence) / 2);
        return (r, r - q * se, r + q * se);
    }

    private static double Ratio(double diff, double se) => se > 0 ? diff / se : diff == 0 ? 0 : Math.Sign(diff) * double.MaxValue;

    // A zero standard error means both arms are constant: identical values are no evidence of a
    // difference (p = 1); different constants are as certain as data can be (p = 0).
    private static double PValue(double diff, double se, double computed) => se > 0 ? computed : diff == 0 ? 1 : 0;

    private static void RequireArm(long n, string name)
    {
        if (n < 1)
        {
            throw new ArgumentException($"an arm has no customers ({name} = {n})");
        }
    }
}
