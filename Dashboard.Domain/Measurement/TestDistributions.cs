using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace Dashboard.Domain.Measurement;

/// <summary>
/// Quantiles and tail probabilities of the reference distributions, through MathNet.Numerics.
/// Tail probabilities use the regularized incomplete functions directly rather than 1 - CDF, so tiny
/// p-values (SRM alarms, huge samples) keep their precision instead of rounding to 0.
/// </summary>
public static class TestDistributions
{
    /// <summary>The standard normal quantile z with P(Z ≤ z) = p.</summary>
    public static double NormalQuantile(double p) => Normal.InvCDF(0, 1, p);

    /// <summary>Two-sided p-value P(|Z| ≥ |z|) of a standard normal statistic.</summary>
    public static double TwoSidedNormalP(double z) => SpecialFunctions.Erfc(Math.Abs(z) / Math.Sqrt(2));

    /// <summary>The Student t quantile with P(T ≤ t) = p for <paramref name="degreesOfFreedom"/>.</summary>
    public static double StudentQuantile(double p, double degreesOfFreedom) =>
        // Beyond a million degrees of freedom t and normal quantiles agree to better than 1e-6.
        degreesOfFreedom > 1e6 ? NormalQuantile(p) : StudentT.InvCDF(0, 1, degreesOfFreedom, p);

    /// <summary>Two-sided p-value P(|T| ≥ |t|): I_{ν/(ν+t²)}(ν/2, 1/2) (Abramowitz &amp; Stegun 26.7.1).</summary>
    public static double TwoSidedStudentP(double t, double degreesOfFreedom) =>
        SpecialFunctions.BetaRegularized(degreesOfFreedom / 2, 0.5, degreesOfFreedom / (degreesOfFreedom + t * t));

    /// <summary>Upper tail P(χ²_k ≥ x) = Q(k/2, x/2), the regularized upper incomplete gamma function.</summary>
    public static double ChiSquareUpperTail(double x, double degreesOfFreedom) =>
        SpecialFunctions.GammaUpperRegularized(degreesOfFreedom / 2, x / 2);
}
