namespace Dashboard.Domain.Lifetime;

/// <summary>The Gauss hypergeometric function 2F1, as the BG/NBD expectations (FHL 2005 eqs. 9 and 10) need it.</summary>
internal static class Hypergeometric
{
    private const int MaxTerms = 2_000_000;
    private const double Rescale = 1e200;

    /// <summary>
    /// ln 2F1(a, b; c; z) for 0 &lt;= z &lt; 1 by its power series Σ (a)_k (b)_k / ((c)_k k!) z^k, summed with
    /// rescaling so that large values do not overflow. Convergence for z close to 1 is slow but sure
    /// (the ratio of terms tends to z); the BG/NBD uses it with z = t/(α+T+t).
    /// </summary>
    /// <exception cref="LifetimeDataException">The series does not converge to a positive value.</exception>
    public static double Log2F1(double a, double b, double c, double z)
    {
        var (logAbs, sign) = SignedLog2F1(a, b, c, z);
        return sign > 0
            ? logAbs
            : throw new LifetimeDataException(
                $"The model's expectation could not be computed (hypergeometric series 2F1({a:G4}, {b:G4}; {c:G4}; {z:G4}) is not positive).");
    }

    /// <summary>
    /// 2F1(a, b; c; z) as (ln |value|, sign) for 0 &lt;= z &lt; 1. With c &lt; 0 (the BG/NBD's c = a+b+x−1 when
    /// a+b &lt; 1 and x = 0) the series can sum to a negative value, which is legitimate there.
    /// </summary>
    /// <exception cref="LifetimeDataException">The series does not converge (or sums to exactly zero).</exception>
    public static (double LogAbs, int Sign) SignedLog2F1(double a, double b, double c, double z)
    {
        if (!(z >= 0 && z < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(z), z, "2F1 is evaluated for 0 <= z < 1 only.");
        }
        var sum = 1.0;
        var term = 1.0;
        var logScale = 0.0;
        // Past k = max(|a|, |b|, |c|) the ratio of successive terms is monotone in k and tends to z, so from there
        // on the tail is bounded by a geometric series with ratio max(current ratio, z).
        var settled = Math.Max(Math.Max(Math.Abs(a), Math.Abs(b)), Math.Abs(c)) + 2;
        for (var k = 0; k < MaxTerms; k++)
        {
            var ratio = (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
            term *= ratio;
            sum += term;
            if (!double.IsFinite(sum))
            {
                break;
            }
            if (Math.Abs(sum) > Rescale)
            {
                sum /= Rescale;
                term /= Rescale;
                logScale += Math.Log(Rescale);
            }
            var bound = Math.Max(Math.Abs(ratio), z);
            if (k >= settled && bound < 1 && Math.Abs(term) * bound / (1 - bound) <= 1e-16 * Math.Abs(sum))
            {
                if (sum == 0 || !double.IsFinite(sum))
                {
                    break;
                }
                return (Math.Log(Math.Abs(sum)) + logScale, Math.Sign(sum));
            }
        }
        throw new LifetimeDataException(
            $"The model's expectation could not be computed (hypergeometric series 2F1({a:G4}, {b:G4}; {c:G4}; {z:G4}) did not converge).");
    }
}
