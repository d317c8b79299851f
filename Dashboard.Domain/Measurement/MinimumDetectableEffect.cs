namespace Dashboard.Domain.Measurement;

/// <summary>
/// The smallest true absolute lift a two-sided test at level α detects with the given power:
/// MDE = (z₁₋α/₂ + z_power)·σ·√(1/nT + 1/nC), the normal-approximation power formula (e.g. Kohavi, Tang &amp;
/// Xu 2020, ch. 17, whose rule of thumb n = 16σ²/δ² per arm is this formula at α = 0.05, power 0.8).
/// σ² is the baseline (control) variance: p(1 − p) for a rate, the control's sample variance for a mean.
/// </summary>
public static class MinimumDetectableEffect
{
    /// <summary>MDE for a metric with per-customer variance <paramref name="variance"/> (metric units).</summary>
    public static double ForMeans(double variance, long nTreatment, long nControl, double alpha = 0.05, double power = 0.8)
    {
        if (nTreatment < 1 || nControl < 1)
        {
            throw new ArgumentException("both arms need customers to compute a minimum detectable effect");
        }
        if (!(alpha is > 0 and < 1) || !(power is > 0 and < 1))
        {
            throw new ArgumentException("alpha and power must lie strictly between 0 and 1");
        }
        var z = TestDistributions.NormalQuantile(1 - alpha / 2) + TestDistributions.NormalQuantile(power);
        return z * Math.Sqrt(Math.Max(variance, 0) * (1.0 / nTreatment + 1.0 / nControl));
    }

    /// <summary>MDE in rate points (a fraction) for a 0/1 metric with control rate <paramref name="baselineRate"/>.</summary>
    public static double ForProportions(double baselineRate, long nTreatment, long nControl, double alpha = 0.05, double power = 0.8) =>
        ForMeans(baselineRate * (1 - baselineRate), nTreatment, nControl, alpha, power);
}
