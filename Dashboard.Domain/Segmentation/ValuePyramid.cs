using System.Globalization;

namespace Dashboard.Domain.Segmentation;

/// <summary>A customer's value for ranking, with the history the tier summaries report.</summary>
/// <param name="Value">What customers are ranked by: historical revenue or predicted CLV (currency units, finite).</param>
/// <param name="Revenue">Historical revenue (currency units, ≥ 0) for the revenue share and average order value.</param>
/// <param name="Orders">Historical orders (≥ 0) for the average order value.</param>
/// <param name="PAlive">P(alive) from the lifetime model (0..1), or null when no model has run.</param>
public readonly record struct CustomerValue(string CustomerId, double Value, double Revenue, int Orders, double? PAlive = null);

/// <summary>A tier of the pyramid: a name and its share of customers in percent (0 &lt; Percent ≤ 100).</summary>
public sealed record PyramidTier(string Name, double Percent);

/// <summary>One tier's figures.</summary>
/// <param name="ValueShare">The tier's share of the summed ranking value (0..1).</param>
/// <param name="RevenueShare">The tier's share of historical revenue (0..1; equals ValueShare when ranking by revenue).</param>
/// <param name="AverageOrderValue">Revenue / orders in the tier (0 when it has no orders).</param>
/// <param name="MeanPAlive">Mean P(alive) over the tier's customers that have one; null when none has.</param>
/// <param name="MinValue">Lowest ranking value in the tier (0 for an empty tier), the tier's entry threshold.</param>
public sealed record PyramidTierSummary(
    string Tier, double Percent, int Customers, double Value, double ValueShare, double Revenue, double RevenueShare, int Orders,
    double AverageOrderValue, double? MeanPAlive, double MinValue, double MaxValue);

/// <summary>The result of <see cref="ValuePyramid.Build"/>.</summary>
/// <param name="Tiers">Top tier first.</param>
/// <param name="TierOfCustomer">Index into <paramref name="Tiers"/> for each input customer, in input order.</param>
public sealed record ValuePyramidResult(IReadOnlyList<PyramidTierSummary> Tiers, IReadOnlyList<int> TierOfCustomer);

/// <summary>Customers in value tiers: top 1%, next 4%, next 15%, next 30%, bottom 50% by default.</summary>
public static class ValuePyramid
{
    public static readonly IReadOnlyList<PyramidTier> DefaultTiers =
    [
        new("Top 1%", 1), new("Next 4%", 4), new("Next 15%", 15), new("Next 30%", 30), new("Bottom 50%", 50),
    ];

    /// <summary>
    /// Ranks customers by value, highest first; equal values are ordered by customer id (ordinal), so the result
    /// never depends on input order. Tier j takes ranks [B(j−1), B(j)) where B(j) = round-half-up(n × cumulative
    /// percent of tiers 1..j / 100): tier sizes stay as close to their percent as whole customers allow, and in a
    /// tiny population a tier may be empty (the top 1% of 7 customers is 0.07 of a customer: none).
    /// Unlike RFM scores, ties may be split across tiers, because a tier is defined by its size.
    /// </summary>
    /// <param name="tiers">Top tier first; null for <see cref="DefaultTiers"/>. Percents must be &gt; 0 and sum to 100.</param>
    /// <exception cref="ArgumentException">Invalid tiers, or a customer with a non-finite value, negative revenue,
    /// negative orders or P(alive) outside 0..1.</exception>
    public static ValuePyramidResult Build(IReadOnlyList<CustomerValue> customers, IReadOnlyList<PyramidTier>? tiers = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        tiers ??= DefaultTiers;
        ValidateTiers(tiers);
        var n = customers.Count;
        var keys = new double[n];
        var order = new int[n];
        double totalValue = 0, totalRevenue = 0;
        for (var i = 0; i < n; i++)
        {
            var c = customers[i];
            Validate(c);
            keys[i] = -c.Value; // ascending sort of the negation = highest value first
            order[i] = i;
            totalValue += c.Value;
            totalRevenue += c.Revenue;
        }
        Array.Sort(keys, order);
        OrderTiesById(keys, order, customers);

        var tierOf = new int[n];
        var summaries = new List<PyramidTierSummary>(tiers.Count);
        double cumulativePercent = 0;
        var from = 0;
        for (var j = 0; j < tiers.Count; j++)
        {
            cumulativePercent += tiers[j].Percent;
            var to = j == tiers.Count - 1 ? n : (int)Math.Min(n, Math.Floor(n * cumulativePercent / 100 + 0.5));
            summaries.Add(Summarize(tiers[j], customers, order, from, to, tierOf, j, totalValue, totalRevenue));
            from = to;
        }
        return new ValuePyramidResult(summaries, tierOf);
    }

    /// <summary>Throws when a tier has no name, a percent ≤ 0, or the percents do not sum to 100 (± 1e-6).</summary>
    public static void ValidateTiers(IReadOnlyList<PyramidTier> tiers)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        if (tiers.Count == 0)
        {
            throw new ArgumentException("the pyramid needs at least one tier", nameof(tiers));
        }
        foreach (var t in tiers)
        {
            if (string.IsNullOrWhiteSpace(t.Name))
            {
                throw new ArgumentException("every tier needs a name", nameof(tiers));
            }
            if (!double.IsFinite(t.Percent) || t.Percent <= 0)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"tier '{t.Name}' has {t.Percent}%; each tier needs a share above 0%"), nameof(tiers));
            }
        }
        var sum = tiers.Sum(t => t.Percent);
        if (Math.Abs(sum - 100) > 1e-6)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"tier shares sum to {sum}%; they must sum to 100%"), nameof(tiers));
        }
    }

    private static PyramidTierSummary Summarize(PyramidTier tier, IReadOnlyList<CustomerValue> customers, int[] order, int from, int to,
        int[] tierOf, int tierIndex, double totalValue, double totalRevenue)
    {
        double value = 0, revenue = 0, pAliveSum = 0;
        int orders = 0, pAliveCount = 0;
        for (var k = from; k < to; k++)
        {
            var c = customers[order[k]];
            tierOf[order[k]] = tierIndex;
            value += c.Value;
            revenue += c.Revenue;
            orders += c.Orders;
            if (c.PAlive is { } p)
            {
                pAliveSum += p;
                pAliveCount++;
            }
        }
        var count = to - from;
        return new PyramidTierSummary(
            tier.Name, tier.Percent, count, value, Share(value, totalValue), revenue, Share(revenue, totalRevenue), orders,
            orders > 0 ? revenue / orders : 0, pAliveCount > 0 ? pAliveSum / pAliveCount : null,
            count > 0 ? customers[order[to - 1]].Value : 0, count > 0 ? customers[order[from]].Value : 0);
    }

    // A share of a zero total is 0 (no revenue to share), never NaN.
    private static double Share(double part, double total) => total != 0 ? part / total : 0;

    private static void OrderTiesById(double[] keys, int[] order, IReadOnlyList<CustomerValue> customers)
    {
        var byId = Comparer<int>.Create((a, b) => string.CompareOrdinal(customers[a].CustomerId, customers[b].CustomerId));
        var start = 0;
        while (start < keys.Length)
        {
            var end = start + 1;
            while (end < keys.Length && keys[end] == keys[start])
            {
                end++;
            }
            if (end - start > 1)
            {
                Array.Sort(order, start, end - start, byId);
            }
            start = end;
        }
    }

    private static void Validate(in CustomerValue c)
    {
        if (!double.IsFinite(c.Value) || !double.IsFinite(c.Revenue) || c.Revenue < 0 || c.Orders < 0
            || (c.PAlive is { } p && (!double.IsFinite(p) || p < 0 || p > 1)))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"customer '{c.CustomerId}': value {c.Value}, revenue {c.Revenue}, orders {c.Orders}, P(alive) {c.PAlive} (needs finite value, revenue ≥ 0, orders ≥ 0, P(alive) in 0..1)"));
        }
    }
}
