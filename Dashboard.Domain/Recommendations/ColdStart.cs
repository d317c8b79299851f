namespace Dashboard.Domain.Recommendations;

/// <summary>What a campaign touchpoint carrying a product says about a customer's interest in it.</summary>
public enum SignalType
{
    /// <summary>Saw an ad impression.</summary>
    Exposure = 0,
    Click = 1,

    /// <summary>Visited the product page (weighted by dwell time).</summary>
    Visit = 2,
    AddToCart = 3,
    Order = 4,
}

/// <summary>One campaign touchpoint that carries a product (from the touchpoints table: campaign id and product id set).</summary>
public sealed record CampaignSignal(long CustomerId, int ProductId, SignalType Type, DateTime AtUtc, double? DwellSeconds = null, int? CampaignId = null);

/// <summary>
/// Weights per signal type. The defaults rank intent roughly as ad platforms' conversion funnels do: an impression
/// is weak and saturates (many impressions are frequency capping, not interest), a click shows interest, a visit shows
/// more the longer it lasts, an add-to-cart is near-purchase intent and an order is the purchase itself.
/// </summary>
public sealed record SignalWeights
{
    /// <summary>Per impression, for at most <see cref="MaxExposuresCounted"/> impressions per customer.</summary>
    public double Exposure { get; init; } = 0.1;
    public int MaxExposuresCounted { get; init; } = 5;
    public double Click { get; init; } = 1.0;

    /// <summary>A visit weighs VisitBase + VisitDwellBonus · min(dwell, DwellCapSeconds) / DwellCapSeconds (0.5 to 2 by default).</summary>
    public double VisitBase { get; init; } = 0.5;
    public double VisitDwellBonus { get; init; } = 1.5;
    public double DwellCapSeconds { get; init; } = 180;
    public double AddToCart { get; init; } = 3.0;
    public double Order { get; init; } = 5.0;

    /// <summary>Customers scoring at least this are "positive": the audience the campaign's signals found (default: more than impressions alone).</summary>
    public double PositiveThreshold { get; init; } = 1.0;
}

/// <summary>One customer's signals for one product and the resulting score.</summary>
public sealed record SignalScore(long CustomerId, double Score, int Exposures, int Clicks, int Visits, double DwellSeconds, int AddToCarts, int Orders);

/// <summary>Where a product lands in the recommendations of a group of customers.</summary>
/// <param name="Customers">Customers ranked.</param>
/// <param name="Ranked">Of those, customers for whom the product is a candidate at all (rank known).</param>
/// <param name="MedianRank">Median 1-based rank among customers with a rank; null when none has one.</param>
/// <param name="ShareInTop10">Share of all the customers whose top 10 holds the product.</param>
/// <param name="MeanReciprocalRank">Mean of 1 / rank over all the customers (0 for those without a rank).</param>
public sealed record ProductReach(int Customers, int Ranked, double? MedianRank, double ShareInTop10, double MeanReciprocalRank);

/// <summary>
/// Cold start from campaign data: a product with no sales yet gets "buyers" from its campaign's touchpoints.
/// <see cref="Score"/> turns each customer's exposures, clicks, dwell-weighted visits, add-to-carts and orders into one
/// signal score; <see cref="Audience"/> is the list of customers its signals found; <see cref="Extend"/> adds the product
/// to an item-to-item index, similar to the products its positive signalers bought (signal-weighted cosine), so the
/// <see cref="Recommender"/> recommends it to customers who buy like them; <see cref="Reach"/> measures where it then
/// ranks for a group of customers (e.g. those the campaign reached, against those it did not).
/// </summary>
public static class ColdStart
{
    /// <summary>The signal score of every customer with a signal for <paramref name="productId"/>, highest first (ties by customer id).</summary>
    public static IReadOnlyList<SignalScore> Score(IEnumerable<CampaignSignal> signals, int productId, SignalWeights? weights = null)
    {
        ArgumentNullException.ThrowIfNull(signals);
        weights ??= new SignalWeights();
        var scores = new List<SignalScore>();
        foreach (var group in signals.Where(s => s.ProductId == productId).GroupBy(s => s.CustomerId))
        {
            int exposures = 0, clicks = 0, visits = 0, carts = 0, orders = 0;
            double dwell = 0, visitScore = 0;
            foreach (var signal in group)
            {
                switch (signal.Type)
                {
                    case SignalType.Exposure: exposures++; break;
                    case SignalType.Click: clicks++; break;
                    case SignalType.Visit:
                        visits++;
                        var seconds = signal.DwellSeconds ?? 0;
                        if (!double.IsFinite(seconds) || seconds < 0)
                        {
                            throw new ArgumentException($"customer {signal.CustomerId}: visit dwell {seconds} s is not a duration", nameof(signals));
                        }
                        dwell += seconds;
                        visitScore += weights.VisitBase + weights.VisitDwellBonus * Math.Min(seconds, weights.DwellCapSeconds) / weights.DwellCapSeconds;
                        break;
                    case SignalType.AddToCart: carts++; break;
                    case SignalType.Order: orders++; break;
                    default: throw new ArgumentException($"customer {signal.CustomerId}: unknown signal type {signal.Type}", nameof(signals));
                }
            }
            var score = weights.Exposure * Math.Min(exposures, weights.MaxExposuresCounted) + weights.Click * clicks + visitScore
                + weights.AddToCart * carts + weights.Order * orders;
            scores.Add(new SignalScore(group.Key, score, exposures, clicks, visits, dwell, carts, orders));
        }
        scores.Sort(static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.CustomerId.CompareTo(b.CustomerId));
        return scores;
    }

    /// <summary>The audience its campaign signals found: customers scoring at least <see cref="SignalWeights.PositiveThreshold"/>, highest first.</summary>
    public static IReadOnlyList<SignalScore> Audience(IEnumerable<CampaignSignal> signals, int productId, SignalWeights? weights = null)
    {
        weights ??= new SignalWeights();
        return [.. Score(signals, productId, weights).Where(s => s.Score >= weights.PositiveThreshold)];
    }

    /// <summary>
    /// The index with the cold product added: its similarity to each product j is the cosine between the positive
    /// signalers' scores and j's buyers (see <see cref="ItemToItem.WithWeightedProduct"/>). Customers below the
    /// positive threshold (impressions only) do not count: an impression says more about targeting than about taste.
    /// </summary>
    public static ItemToItem Extend(ItemToItem index, IEnumerable<CampaignSignal> signals, int productId, SignalWeights? weights = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        var audience = Audience(signals, productId, weights);
        return index.WithWeightedProduct(productId, audience.ToDictionary(s => s.CustomerId, s => s.Score));
    }

    /// <summary>
    /// Where <paramref name="productId"/> ranks in each customer's full ranking (all candidates, not only the top 10).
    /// A customer for whom the product is not a candidate (no similarity, or already bought and not due) has no rank.
    /// </summary>
    public static ProductReach Reach(Recommender recommender, IReadOnlyCollection<CustomerHistory> histories, int productId, DateTime asOfUtc)
    {
        ArgumentNullException.ThrowIfNull(recommender);
        ArgumentNullException.ThrowIfNull(histories);
        var ranks = new List<int>();
        foreach (var history in histories)
        {
            var ranked = recommender.Rank(history, asOfUtc, int.MaxValue);
            for (var r = 0; r < ranked.Count; r++)
            {
                if (ranked[r].ProductId == productId && ranked[r].Reason != RecommendationReason.Popular)
                {
                    ranks.Add(r + 1);
                    break;
                }
            }
        }
        if (histories.Count == 0)
        {
            return new ProductReach(0, 0, null, 0, 0);
        }
        ranks.Sort();
        double? median = ranks.Count == 0 ? null
            : ranks.Count % 2 == 1 ? ranks[ranks.Count / 2] : (ranks[ranks.Count / 2 - 1] + ranks[ranks.Count / 2]) / 2.0;
        return new ProductReach(histories.Count, ranks.Count, median,
            (double)ranks.Count(r => r <= 10) / histories.Count,
            ranks.Sum(r => 1.0 / r) / histories.Count);
    }
}
