namespace Dashboard.Domain.Measurement;

/// <summary>
/// Sufficient statistics of one arm for one metric: the count, the mean and the unbiased sample variance
/// (denominator n − 1). Every test here works from these, so an analysis of a million customers is a
/// couple of passes over the values and never holds per-customer copies.
/// </summary>
public readonly record struct Moments(long N, double Mean, double Variance)
{
    /// <summary>Variance of the mean, s²/n.</summary>
    public double VarianceOfMean => Variance / N;

    /// <summary>Sum of the values, n·mean (for a 0/1 metric: the number of successes).</summary>
    public double Sum => N * Mean;

    /// <summary>Two-pass mean and variance (the centred second pass avoids cancellation on large means).</summary>
    public static Moments Of(ReadOnlySpan<double> values)
    {
        if (values.Length == 0)
        {
            return new Moments(0, 0, 0);
        }
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }
        var mean = sum / values.Length;
        var squares = 0.0;
        foreach (var v in values)
        {
            var d = v - mean;
            squares += d * d;
        }
        return new Moments(values.Length, mean, values.Length > 1 ? squares / (values.Length - 1) : 0);
    }

    /// <summary>Moments of a 0/1 metric from its count of successes.</summary>
    public static Moments OfProportion(long successes, long n)
    {
        var p = n == 0 ? 0 : (double)successes / n;
        // Sample variance of n Bernoulli draws with s successes: s(n − s)/(n(n − 1)) = p(1 − p)·n/(n − 1).
        return new Moments(n, p, n > 1 ? p * (1 - p) * n / (n - 1) : 0);
    }
}
