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
/// Weights per signal type, used twice: for a new product's campaign signal score (<see cref="ColdStart.Score"/>, summed
/// over a customer's signals) and for co-engagement similarity (<see cref="ItemToItem"/>, strongest signal per customer
/// and product). The order is order (5) &gt; add-to-cart (3) &gt; dwell-weighted visit (1 to 2) &gt; click (1) &gt;
/// exposure (0.1), as ad platforms' conversion funnels rank intent: an impression is weak and saturates (many impressions
/// are frequency capping and targeting, not interest), a click shows interest, a visit shows more the longer it lasts
/// (capped at 3 minutes, past which dwell is mostly an idle tab), an add-to-cart is near-purchase intent and an order is
/// the purchase itself. The ratios are a prior, not fitted: roughly the inverse of the funnel's step-through rates
/// (about 1 in 10 impressions is clicked, 1 in 3 visits adds to cart, over half the carts check out).
/// </summary>
public sealed record SignalWeights
{
    /// <summary>Per impression, for at most <see cref="MaxExposuresCounted"/> impressions per customer.</summary>
    public double Exposure { get; init; } = 0.1;
    public int MaxExposuresCounted { get; init; } = 5;
    public double Click { get; init; } = 1.0;

    /// <summary>A visit weighs VisitBase + VisitDwellBonus · min(dwell, DwellCapSeconds) / DwellCapSeconds (1 to 2 by default).</summary>
    public double VisitBase { get; init; } = 1.0;
    public double VisitDwellBonus { get; init; } = 1.0;
    public double DwellCapSeconds { get; init; } = 180;
    public double AddToCart { get; init; } = 3.0;
    public double Order { get; init; } = 5.0;

    /// <summary>Customers scoring at least this are "positive": the audience the campaign's signals found (default: more than impressions alone).</summary>
    public double PositiveThreshold { get; init; } = 1.0;

    /// <summary>The weight of one signal; <paramref name="customerId"/> only names the customer in the error for a bad dwell time.</summary>
    public double EventWeight(SignalType type, double? dwellSeconds, long customerId = 0)
    {
        switch (type)
        {
            case SignalType.Exposure: return Exposure;
            case SignalType.Click: return Click;
            case SignalType.Visit:
                var seconds = dwellSeconds ?? 0;
                if (!double.IsFinite(seconds) || seconds < 0)
                {
                    throw new ArgumentException($"customer {customerId}: visit dwell {seconds} s is not a duration", nameof(dwellSeconds));
                }
                return VisitBase + VisitDwellBonus * Math.Min(seconds, DwellCapSeconds) / DwellCapSeconds;
            case SignalType.AddToCart: return AddToCart;
            case SignalType.Order: return Order;
            default: throw new ArgumentException($"customer {customerId}: unknown signal type {type}", nameof(type));
        }
    }
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
                var weight = weights.EventWeight(signal.Type, signal.DwellSeconds, signal.CustomerId);
                switch (signal.Type)
                {
                    case SignalType.Exposure: exposures++; break;
                    case SignalType.Click: clicks++; break;
                    case SignalType.Visit: visits++; dwell += signal.DwellSeconds ?? 0; visitScore += weight; break;
                    case SignalType.AddToCart: carts++; break;
                    default: orders++; break;
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
    /// Prepares a new product for ranking: adds it to the index, similar to each product j by the similarity of its
    /// signal audience (weighted by signal score) to j's buyers and engagers (<see cref="ItemToItem.SeedSimilarities"/>),
    /// times a calibration factor κ, and returns the <see cref="ColdStartProduct"/> the <see cref="Recommender"/> needs
    /// (launch date, calibration, the boost for customers who engaged with it directly).
    /// Calibration (when <see cref="ColdStartSettings.Calibrate"/>): a seed of a few hundred signalers gives smaller
    /// cosines than thousands of buyers do, so the raw similarities rank the new product below everything. κ = median
    /// over its category's established products (all products when fewer than 3) of S(j) / S(new), where S(x) is the
    /// sum of x's top <see cref="ItemToItemSettings.NeighboursPerProduct"/> similarities. The assumption: once it sells,
    /// the new product will be as connected as a typical product of its category; its campaign's signals say to which
    /// products (and so to which customers), not how strongly. κ is not capped below 1: a large seed is scaled down.
    /// </summary>
    public static ColdStartPreparation Prepare(ItemToItem index, IReadOnlyCollection<CampaignSignal> signals, int productId,
        IReadOnlyDictionary<int, string>? categories = null, ColdStartSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(signals);
        settings ??= new ColdStartSettings();
        if (!(settings.EngagedBoost >= 0) || double.IsInfinity(settings.EngagedBoost) || !(settings.CalibrationQuantile is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(settings), "EngagedBoost must be finite and ≥ 0, CalibrationQuantile in [0, 1]");
        }
        var own = signals.Where(s => s.ProductId == productId).ToList();
        if (own.Count == 0)
        {
            throw new ArgumentException($"product {productId} has no campaign signal", nameof(signals));
        }
        var seed = Audience(own, productId, settings.Weights).ToDictionary(s => s.CustomerId, s => s.Score);
        var raw = index.SeedSimilarities(seed, productId);
        var calibration = settings.Calibrate ? Calibration(index, raw.Values, productId, categories, settings.CalibrationQuantile) : 1;
        var product = new ColdStartProduct(productId, own.Min(s => s.AtUtc), calibration, seed.Count, settings.EngagedBoost, settings.Weights.Order,
            SlotRank: settings.ExplorationRank);
        return new ColdStartPreparation(raw.Count == 0 ? index : index.WithWeightedProduct(productId, seed, calibration), product);
    }

    private static double Calibration(ItemToItem index, IEnumerable<double> raw, int productId, IReadOnlyDictionary<int, string>? categories, double quantile)
    {
        var take = index.Settings.NeighboursPerProduct;
        var own = raw.OrderDescending().Take(take).Sum();
        if (own <= 0)
        {
            return 1;
        }
        var established = index.Products.Where(p => p != productId && index.Buyers(p).Count > 0).ToList();
        var category = categories?.GetValueOrDefault(productId);
        var peers = category is null ? [] : established.Where(p => categories!.GetValueOrDefault(p) == category).ToList();
        if (peers.Count < 3)
        {
            peers = established;
        }
        var strengths = peers.Select(p => index.Neighbours(p).Where(n => n.ProductId != productId).Take(take).Sum(n => n.Similarity))
            .Where(x => x > 0).Order().ToList();
        if (strengths.Count == 0)
        {
            return 1;
        }
        // Linear interpolation between order statistics (type 7, the R and NumPy default); q = 0.5 is the median.
        var position = quantile * (strengths.Count - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, strengths.Count - 1);
        var target = strengths[below] + (position - below) * (strengths[above] - strengths[below]);
        return target / own;
    }

    /// <summary>
    /// Gives each cold product its exploration slot: the affinity threshold is the one that the top
    /// <see cref="ColdStartSettings.ExplorationShare"/> of <paramref name="customers"/> (each history with its as-of date)
    /// reach, among those with a positive affinity (<see cref="Recommender.Affinity"/> under <paramref name="recommender"/>,
    /// which must already hold the products). Products are returned unchanged when the share is 0 or nobody has affinity.
    /// </summary>
    public static IReadOnlyList<ColdStartProduct> WithExplorationSlot(IReadOnlyList<ColdStartProduct> products, Recommender recommender,
        IReadOnlyCollection<(CustomerHistory History, DateTime AsOfUtc)> customers, double share)
    {
        ArgumentNullException.ThrowIfNull(products);
        ArgumentNullException.ThrowIfNull(recommender);
        ArgumentNullException.ThrowIfNull(customers);
        if (!(share is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(share), "the exploration share must be in [0, 1]");
        }
        if (share == 0 || customers.Count == 0)
        {
            return products;
        }
        var size = (int)Math.Ceiling(share * customers.Count);
        return [.. products.Select(p =>
        {
            var top = customers.Select(c => recommender.Affinity(c.History, p.ProductId, c.AsOfUtc)).Where(a => a > 0)
                .OrderDescending().Take(size).ToList();
            return top.Count == 0 ? p : p with { SlotAffinity = top[^1] };
        })];
    }

    /// <summary>
    /// The expanded similar audience: customers whose similarity to the seed (<see cref="Recommender.Affinity"/>: Σ over
    /// their history of recency weight × similarity to the new product) is positive and among the top
    /// <paramref name="share"/> of all <paramref name="histories"/>, less those in <paramref name="excluded"/> (the signal audience),
    /// highest first (ties by customer id). With the share of <see cref="WithExplorationSlot"/> these are the customers
    /// outside the signal audience who get its exploration slot.
    /// </summary>
    public static IReadOnlyList<(long CustomerId, double Affinity)> Expand(Recommender recommender, IReadOnlyDictionary<long, CustomerHistory> histories,
        int productId, DateTime asOfUtc, IReadOnlySet<long> excluded, double share)
    {
        ArgumentNullException.ThrowIfNull(recommender);
        ArgumentNullException.ThrowIfNull(histories);
        ArgumentNullException.ThrowIfNull(excluded);
        if (!(share is > 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(share), "the expansion share must be in (0, 1]");
        }
        var size = (int)Math.Ceiling(share * histories.Count);
        return [.. histories
            .Select(h => (CustomerId: h.Key, Affinity: recommender.Affinity(h.Value, productId, asOfUtc)))
            .Where(x => x.Affinity > 0)
            .OrderByDescending(x => x.Affinity).ThenBy(x => x.CustomerId)
            .Take(size)
            .Where(x => !excluded.Contains(x.CustomerId))];
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

/// <summary>How a new product is cold-started.</summary>
public sealed record ColdStartSettings
{
    public SignalWeights Weights { get; init; } = new();

    /// <summary>
    /// Scale the new product's similarities to its category's typical strength (see <see cref="ColdStart.Prepare"/>). Off
    /// by default: on the demo brand it put the launch serum into the top 10 of 28% of customers its campaign never
    /// reached and cost NDCG@10 in the leave-last-order-out evaluation (a product without sales can only cost there), so
    /// similar customers get it through the exploration slot instead, whose reach is bounded and labelled.
    /// </summary>
    public bool Calibrate { get; init; }

    /// <summary>
    /// The exploration slot's audience: this share of the ranked customers, the most similar to the seed
    /// (<see cref="ColdStart.WithExplorationSlot"/>); 0 turns the slot off.
    /// </summary>
    public double ExplorationShare { get; init; } = 0.05;

    /// <summary>The rank of the exploration slot: the last of a top 10, where it displaces least.</summary>
    public int ExplorationRank { get; init; } = 10;

    /// <summary>Which quantile of its category's similarity strengths the new product is calibrated to (0.5: the median).</summary>
    public double CalibrationQuantile { get; init; } = 0.5;

    /// <summary>
    /// A customer who engaged with the new product but did not buy it gets EngagedBoost × min(1, engagement / order
    /// weight) × 0.5^(days since the engagement / half-life) added to its score, as a due replenishable product gets its
    /// boost: a product is fully similar to itself, and an add-to-cart is most of the way to a purchase. 0 turns it off.
    /// </summary>
    public double EngagedBoost { get; init; } = 1.0;
}

/// <summary>A cold-start product as the <see cref="Recommender"/> sees it.</summary>
/// <param name="LaunchUtc">Its first campaign signal: before this the product is not recommended (it did not exist yet).</param>
/// <param name="Calibration">κ, the factor its seed similarities were scaled by.</param>
/// <param name="SeedSize">Customers in its signal audience.</param>
/// <param name="EngagedBoost">See <see cref="ColdStartSettings.EngagedBoost"/>.</param>
/// <param name="OrderWeight">The engagement weight that counts as full intent (an order's).</param>
/// <param name="SlotAffinity">
/// Customers whose <see cref="Recommender.Affinity"/> to it is at least this get it in the exploration slot; null: no slot
/// (see <see cref="ColdStart.WithExplorationSlot"/>).
/// </param>
/// <param name="SlotRank">The rank of the exploration slot (1-based).</param>
public sealed record ColdStartProduct(int ProductId, DateTime LaunchUtc, double Calibration, int SeedSize, double EngagedBoost = 0, double OrderWeight = 5,
    double? SlotAffinity = null, int SlotRank = 10)
{
    /// <summary>The boost for a customer's own engagement with it, before recency decay: EngagedBoost × min(1, engagement / order weight).</summary>
    public double Boost(double engagement) => OrderWeight <= 0 ? 0 : EngagedBoost * Math.Min(1, engagement / OrderWeight);
}

/// <summary>The index with the new product added, and the product's cold-start record.</summary>
public sealed record ColdStartPreparation(ItemToItem Index, ColdStartProduct Product);
