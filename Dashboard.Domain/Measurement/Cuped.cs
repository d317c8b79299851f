namespace Dashboard.Domain.Measurement;

/// <summary>
/// Centred sums of one arm for a metric Y and a pre-period covariate X: n, means, and the sums of squares
/// and cross-products about the arm's own means.
/// </summary>
public readonly record struct CovariateMoments(long N, double MeanY, double MeanX, double Syy, double Sxx, double Sxy)
{
    public static CovariateMoments Of(ReadOnlySpan<double> y, ReadOnlySpan<double> x)
    {
        if (y.Length != x.Length)
        {
            throw new ArgumentException("metric and covariate must have one value per customer");
        }
        var n = y.Length;
        if (n == 0)
        {
            return default;
        }
        double sy = 0, sx = 0;
        for (var i = 0; i < n; i++)
        {
            sy += y[i];
            sx += x[i];
        }
        double my = sy / n, mx = sx / n, syy = 0, sxx = 0, sxy = 0;
        for (var i = 0; i < n; i++)
        {
            var dy = y[i] - my;
            var dx = x[i] - mx;
            syy += dy * dy;
            sxx += dx * dx;
            sxy += dx * dy;
        }
        return new CovariateMoments(n, my, mx, syy, sxx, sxy);
    }
}

/// <summary>θ and the adjusted moments of each arm, in the order the arms were given.</summary>
public sealed record CupedAdjustment(double Theta, double CovariateMean, IReadOnlyList<Moments> AdjustedArms);

/// <summary>
/// CUPED (Deng, Xu, Kohavi &amp; Walker, "Improving the Sensitivity of Online Controlled Experiments by
/// Utilizing Pre-Experiment Data", WSDM 2013): Ŷ = Y − θ(X − E[X]) with θ = cov(Y, X)/var(X). Because X is
/// measured before assignment it is independent of treatment, so the adjusted difference in means is unbiased
/// and its variance shrinks by the factor 1 − ρ². θ is pooled within arms, Σₖ Sxy,ₖ / Σₖ Sxx,ₖ, so a treatment
/// effect on Y cannot leak into θ, and one θ serves every arm. E[X] is the overall covariate mean.
/// The error from estimating θ is O(1/n) and ignored, as in the paper.
/// </summary>
public static class Cuped
{
    public static CupedAdjustment Adjust(IReadOnlyList<CovariateMoments> arms)
    {
        double sxy = 0, sxx = 0, sumX = 0;
        long n = 0;
        foreach (var a in arms)
        {
            sxy += a.Sxy;
            sxx += a.Sxx;
            sumX += a.MeanX * a.N;
            n += a.N;
        }
        // A constant covariate carries no information: θ = 0 leaves the metric untouched.
        var theta = sxx > 0 ? sxy / sxx : 0;
        var meanX = n > 0 ? sumX / n : 0;
        var adjusted = arms.Select(a => new Moments(
            a.N,
            a.MeanY - theta * (a.MeanX - meanX),
            // Var(Y − θX) within the arm: (Syy − 2θSxy + θ²Sxx)/(n − 1), clamped at 0 against rounding.
            a.N > 1 ? Math.Max(0, a.Syy - 2 * theta * a.Sxy + theta * theta * a.Sxx) / (a.N - 1) : 0)).ToList();
        return new CupedAdjustment(theta, meanX, adjusted);
    }
}
