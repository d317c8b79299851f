namespace Dashboard.Domain.Recommendations;

/// <summary>A product's standing within one segment.</summary>
/// <param name="Buyers">Distinct customers of the segment who bought the product.</param>
/// <param name="Share">Buyers ÷ customers of the segment who bought anything.</param>
/// <param name="Index">Share in the segment ÷ share among all buyers (1 = as popular as everywhere; above 1 = typical of the segment).</param>
public sealed record SegmentProduct(int ProductId, int Buyers, double Share, double Index);

/// <summary>Popularity: the baseline recommender and top products per segment.</summary>
public static class Popularity
{
    /// <summary>Products ranked by the number of distinct customers who bought them, most first (ties by product id).</summary>
    public static IReadOnlyList<int> Rank(IEnumerable<CustomerOrder> orders)
    {
        ArgumentNullException.ThrowIfNull(orders);
        return [.. BuyerCounts(orders)
            .OrderByDescending(kv => kv.Value)
            .ThenBy(kv => kv.Key)
            .Select(kv => kv.Key)];
    }

    /// <summary>
    /// The <paramref name="count"/> products bought by most customers of each segment, with their share and index
    /// against all buyers. <paramref name="segmentOf"/> gives a customer's segment, or null for none (left out).
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<SegmentProduct>> TopPerSegment(
        IReadOnlyCollection<CustomerOrder> orders, Func<long, string?> segmentOf, int count = 10)
    {
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(segmentOf);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var overall = BuyerCounts(orders);
        var allBuyers = orders.Select(o => o.CustomerId).Distinct().Count();
        var result = new Dictionary<string, IReadOnlyList<SegmentProduct>>(StringComparer.Ordinal);
        foreach (var group in orders.GroupBy(o => segmentOf(o.CustomerId)).Where(g => g.Key is not null))
        {
            var segmentBuyers = group.Select(o => o.CustomerId).Distinct().Count();
            result[group.Key!] = [.. BuyerCounts(group)
                .OrderByDescending(kv => kv.Value)
                .ThenBy(kv => kv.Key)
                .Take(count)
                .Select(kv =>
                {
                    var share = (double)kv.Value / segmentBuyers;
                    return new SegmentProduct(kv.Key, kv.Value, share, share / ((double)overall[kv.Key] / allBuyers));
                })];
        }
        return result;
    }

    private static Dictionary<int, int> BuyerCounts(IEnumerable<CustomerOrder> orders)
    {
        var seen = new HashSet<(long, int)>();
        var counts = new Dictionary<int, int>();
        foreach (var order in orders)
        {
            foreach (var product in order.ProductIds)
            {
                if (seen.Add((order.CustomerId, product)))
                {
                    counts[product] = counts.GetValueOrDefault(product) + 1;
                }
            }
        }
        return counts;
    }
}
