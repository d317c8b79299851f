namespace Dashboard.Domain.Segmentation;

/// <summary>A point of the Pareto curve: the top <paramref name="CustomerShare"/> of customers (ranked by value,
/// highest first) hold <paramref name="ValueShare"/> of the total value. Both 0..1.</summary>
public readonly record struct ParetoPoint(double CustomerShare, double ValueShare);

/// <summary>The result of <see cref="Pareto.Curve"/>.</summary>
/// <param name="Points">Evenly spaced in customer share from (0, 0) to (1, 1).</param>
/// <param name="Top20Share">The share of value held by the top 20% of customers.</param>
/// <param name="Gini">Gini coefficient of the values (0 = all equal; approaches 1 when one customer holds everything).</param>
public sealed record ParetoCurve(int Customers, double Total, IReadOnlyList<ParetoPoint> Points, double Top20Share, double Gini);

/// <summary>
/// Concentration of value (the 80/20 rule). The Pareto curve ranks customers highest value first; it is the
/// Lorenz curve L turned around: ValueShare(x) = 1 − L(1 − x). Between whole customers the curve is linear
/// (the usual piecewise-linear Lorenz curve), so the top 20% of 7 customers is the top one plus 0.4 of the second.
/// With a zero total every share is 0 and the Gini is 0 (nothing to concentrate), never NaN.
/// </summary>
public static class Pareto
{
    /// <summary>The curve at <paramref name="points"/> + 1 evenly spaced customer shares, the top-20% share and the Gini.</summary>
    /// <param name="values">Per-customer value (currency units), each finite and ≥ 0; any order.</param>
    /// <exception cref="ArgumentException">A value is negative or not finite.</exception>
    public static ParetoCurve Curve(ReadOnlySpan<double> values, int points = 100)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 1);
        var sorted = SortDescending(values);
        var prefix = PrefixSums(sorted);
        var total = prefix[^1];
        var curve = new ParetoPoint[points + 1];
        for (var j = 0; j <= points; j++)
        {
            var x = (double)j / points;
            curve[j] = new ParetoPoint(x, ShareAt(sorted, prefix, x));
        }
        return new ParetoCurve(sorted.Length, total, curve, ShareAt(sorted, prefix, 0.2), GiniOfDescending(sorted, total));
    }

    /// <summary>The share of total value held by the top <paramref name="customerShare"/> (0..1) of customers.</summary>
    public static double TopShare(ReadOnlySpan<double> values, double customerShare)
    {
        if (!(customerShare >= 0 && customerShare <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(customerShare), customerShare, "a share of customers is between 0 and 1");
        }
        var sorted = SortDescending(values);
        return ShareAt(sorted, PrefixSums(sorted), customerShare);
    }

    /// <summary>
    /// Gini = Σ (2i − n − 1) · x₍ᵢ₎ / (n · Σx) with x ascending and i = 1..n (the sample Gini without small-sample
    /// correction; e.g. Damgaard &amp; Weiner 2000). 0 for fewer than two customers or a zero total.
    /// </summary>
    public static double Gini(ReadOnlySpan<double> values)
    {
        var sorted = SortDescending(values);
        return GiniOfDescending(sorted, PrefixSums(sorted)[^1]);
    }

    private static double[] SortDescending(ReadOnlySpan<double> values)
    {
        var sorted = values.ToArray();
        for (var i = 0; i < sorted.Length; i++)
        {
            if (!double.IsFinite(sorted[i]) || sorted[i] < 0)
            {
                throw new ArgumentException($"value #{i} is {sorted[i].ToString(System.Globalization.CultureInfo.InvariantCulture)}; Pareto shares need finite values ≥ 0", nameof(values));
            }
        }
        Array.Sort(sorted);
        Array.Reverse(sorted);
        return sorted;
    }

    private static double[] PrefixSums(double[] sorted)
    {
        var prefix = new double[sorted.Length + 1];
        for (var i = 0; i < sorted.Length; i++)
        {
            prefix[i + 1] = prefix[i] + sorted[i];
        }
        return prefix;
    }

    private static double ShareAt(double[] sorted, double[] prefix, double x)
    {
        var total = prefix[^1];
        if (sorted.Length == 0 || total <= 0)
        {
            return 0;
        }
        var k = x * sorted.Length;
        var whole = (int)Math.Floor(k);
        if (whole >= sorted.Length)
        {
            return 1;
        }
        return Math.Min(1, (prefix[whole] + (k - whole) * sorted[whole]) / total);
    }

    private static double GiniOfDescending(double[] sorted, double total)
    {
        var n = sorted.Length;
        if (n < 2 || total <= 0)
        {
            return 0;
        }
        double weighted = 0;
        for (var d = 0; d < n; d++)
        {
            var i = n - d; // 1-based ascending rank
            weighted += (2.0 * i - n - 1) * sorted[d];
        }
        return weighted / (n * total);
    }
}
