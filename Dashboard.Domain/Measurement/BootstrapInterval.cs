namespace Dashboard.Domain.Measurement;

/// <summary>
/// Percentile bootstrap interval for a difference in means (Efron &amp; Tibshirani 1993, ch. 13): resample each
/// arm with replacement, keep the difference of the resampled means, and read the α/2 and 1 − α/2 quantiles.
/// Useful for heavy-tailed spend, where a few large orders make the t interval's normality assumption shaky.
/// Deterministic for a given seed.
/// </summary>
public static class BootstrapInterval
{
    public static Interval DifferenceInMeans(ReadOnlySpan<double> treatment, ReadOnlySpan<double> control, int resamples, double confidence = 0.95, int seed = 1)
    {
        if (treatment.Length == 0 || control.Length == 0)
        {
            throw new ArgumentException("both arms need customers for a bootstrap interval");
        }
        if (resamples < 100)
        {
            throw new ArgumentException("a bootstrap interval needs at least 100 resamples");
        }
        var random = new Random(seed);
        var diffs = new double[resamples];
        for (var b = 0; b < resamples; b++)
        {
            diffs[b] = ResampledMean(treatment, random) - ResampledMean(control, random);
        }
        Array.Sort(diffs);
        var alpha = 1 - confidence;
        return new Interval(Mean(treatment) - Mean(control), Quantile(diffs, alpha / 2), Quantile(diffs, 1 - alpha / 2));
    }

    private static double ResampledMean(ReadOnlySpan<double> values, Random random)
    {
        var sum = 0.0;
        for (var i = 0; i < values.Length; i++)
        {
            sum += values[random.Next(values.Length)];
        }
        return sum / values.Length;
    }

    private static double Mean(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }
        return sum / values.Length;
    }

    // Linear interpolation between order statistics (type 7 of Hyndman & Fan 1996, R's default).
    private static double Quantile(double[] sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
