namespace Dashboard.Domain.Recommendations;

/// <summary>Why a product is recommended.</summary>
public enum RecommendationReason
{
    /// <summary>Similar to what the customer bought or clicked (item-to-item).</summary>
    Similar = 0,

    /// <summary>A replenishable product the customer bought, due again (plus any similarity).</summary>
    Replenish = 1,

    /// <summary>Popular overall: fills the list when the history yields too few candidates.</summary>
    Popular = 2,

    /// <summary>
    /// A new product without sales (cold start): customers who engaged with its campaign buy like this customer, or this
    /// customer engaged with it (see <see cref="ColdStart.Prepare"/>).
    /// </summary>
    NewProduct = 3,

    /// <summary>
    /// A new product in the reserved exploration slot: shown (at <see cref="ColdStartProduct.SlotRank"/>) to customers
    /// most similar to those its campaign signals found, although its score alone would rank it lower.
    /// </summary>
    Exploration = 4,
}

/// <summary>A product for one customer, with its score (sum of recency-weighted similarities, plus the replenishment boost).</summary>
public sealed record Recommendation(int ProductId, double Score, RecommendationReason Reason);

/// <summary>How a customer's history turns into a ranking, and the repurchase rules.</summary>
public sealed record RecommenderSettings
{
    /// <summary>
    /// Half-life of a history item's weight, in days: an item bought d days before the as-of date weighs 0.5^(d / h).
    /// </summary>
    public double RecencyHalfLifeDays { get; init; } = 90;

    /// <summary>A product clicked but not bought weighs this much of a bought one (at the same age).</summary>
    public double ClickWeight { get; init; } = 0.3;

    /// <summary>
    /// Typical repurchase interval in days per replenishable category (e.g. "Skincare" → 60): a product of that category
    /// may be recommended again once this many days have passed since the customer last bought it.
    /// </summary>
    public IReadOnlyDictionary<string, double> ReplenishmentDays { get; init; } = new Dictionary<string, double>();

    /// <summary>Interval for products whose category has no entry; null means such products are not replenishable.</summary>
    public double? DefaultReplenishmentDays { get; init; }

    /// <summary>
    /// A product that is not replenishable is not recommended for this many days after the customer bought it. The
    /// default (infinity) never recommends it again: the customer already has it.
    /// </summary>
    public double NonReplenishableSuppressionDays { get; init; } = double.PositiveInfinity;

    /// <summary>
    /// A replenishable product that is due again gets ReplenishmentBoost × (orders it was in) × 0.5^(days since last
    /// purchase / half-life) added to its score: a product is fully similar to itself, and what a customer buys often
    /// and lately is what they most likely buy again.
    /// </summary>
    public double ReplenishmentBoost { get; init; } = 1.0;

}

/// <summary>
/// Ranks products for one customer from their own history over an item-to-item index:
/// score(j) = Σ over history products i of w(i) · sim(i, j), where w(i) = max(0.5^(days since last purchase / h),
/// ClickWeight · 0.5^(days since last click / h)).
/// Repurchase rule: a product the customer bought is a candidate again only when its category is replenishable and its
/// repurchase interval has passed (then it gets <see cref="RecommenderSettings.ReplenishmentBoost"/>), or, for other
/// products, after <see cref="RecommenderSettings.NonReplenishableSuppressionDays"/> (by default never). Clicked but
/// unbought products stay candidates. Popular products fill the list when similarity gives too few.
/// Cold-start products (<see cref="ColdStartProduct"/>, already in the index with calibrated similarities) are
/// candidates from their launch on; a customer who engaged with one and did not buy it gets its engagement boost
/// (<see cref="ColdStartSettings.EngagedBoost"/>) times recency decay on top. New products compete on the same score
/// as every other product; in addition, a product with an exploration slot (<see cref="ColdStartProduct.SlotAffinity"/>)
/// is moved up to its slot rank for customers similar enough to its seed, and says so (reason Exploration).
/// Entry point: <see cref="Rank"/>.
/// </summary>
public sealed class Recommender
{
    private readonly ItemToItem _index;
    private readonly IReadOnlyDictionary<int, string> _categories;
    private readonly IReadOnlyList<int> _popular;
    private readonly Dictionary<int, ColdStartProduct> _cold;

    /// <param name="index">Item-to-item similarities.</param>
    /// <param name="settings">Recency and repurchase rules; defaults when null.</param>
    /// <param name="categories">Product → category, for the replenishment rule; products missing here have no category.</param>
    /// <param name="popular">Products most popular first, for filling short lists (see <see cref="Popularity.Rank"/>).</param>
    /// <param name="coldStart">Cold-start products prepared into <paramref name="index"/> (<see cref="ColdStart.Prepare"/>).</param>
    public Recommender(ItemToItem index, RecommenderSettings? settings = null, IReadOnlyDictionary<int, string>? categories = null,
        IReadOnlyList<int>? popular = null, IReadOnlyCollection<ColdStartProduct>? coldStart = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        Settings = settings ?? new RecommenderSettings();
        if (!(Settings.RecencyHalfLifeDays > 0) || !(Settings.ClickWeight is >= 0 and <= 1) || !(Settings.NonReplenishableSuppressionDays >= 0)
            || !(Settings.ReplenishmentBoost >= 0) || Settings.DefaultReplenishmentDays is < 0
            || Settings.ReplenishmentDays.Values.Any(d => !(d >= 0) || double.IsInfinity(d)))
        {
            throw new ArgumentOutOfRangeException(nameof(settings), "recommender settings: half-life > 0, click weight in [0, 1], intervals, suppression and boost ≥ 0");
        }
        _index = index;
        _categories = categories ?? new Dictionary<int, string>();
        _popular = popular ?? [];
        _cold = (coldStart ?? []).ToDictionary(c => c.ProductId);
    }

    public RecommenderSettings Settings { get; }

    /// <summary>The item-to-item index it ranks over.</summary>
    public ItemToItem Index => _index;

    /// <summary>
    /// The top <paramref name="count"/> products for a customer as of <paramref name="asOfUtc"/>, best first (ties by
    /// product id). Fewer only when even the popular list runs out of eligible products.
    /// </summary>
    public IReadOnlyList<Recommendation> Rank(CustomerHistory history, DateTime asOfUtc, int count = 10)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var scores = new Dictionary<int, double>();
        foreach (var item in history.Interactions)
        {
            var weight = Weight(item, asOfUtc);
            if (weight <= 0)
            {
                continue;
            }
            foreach (var neighbour in _index.Neighbours(item.ProductId))
            {
                scores[neighbour.ProductId] = scores.GetValueOrDefault(neighbour.ProductId) + weight * neighbour.Similarity;
            }
        }
        AddColdStart(history, asOfUtc, scores);
        var ranked = new List<Recommendation>(scores.Count + 8);
        foreach (var item in history.Interactions)
        {
            if (item.LastPurchaseUtc is not null && IsReplenishable(item.ProductId) && IsEligible(history, item.ProductId, asOfUtc))
            {
                var boost = Settings.ReplenishmentBoost * item.PurchaseCount * Decay(item.LastPurchaseUtc.Value, asOfUtc);
                ranked.Add(new Recommendation(item.ProductId, scores.GetValueOrDefault(item.ProductId) + boost, RecommendationReason.Replenish));
                scores.Remove(item.ProductId);
            }
        }
        foreach (var (product, score) in scores)
        {
            if (score > 0 && IsEligible(history, product, asOfUtc))
            {
                ranked.Add(new Recommendation(product, score, _cold.ContainsKey(product) ? RecommendationReason.NewProduct : RecommendationReason.Similar));
            }
        }
        ranked.Sort(static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.ProductId.CompareTo(b.ProductId));
        ReserveExplorationSlots(history, asOfUtc, ranked);
        if (ranked.Count > count)
        {
            ranked.RemoveRange(count, ranked.Count - count);
        }
        if (ranked.Count < count)
        {
            var taken = ranked.Select(r => r.ProductId).ToHashSet();
            foreach (var product in _popular)
            {
                if (ranked.Count == count)
                {
                    break;
                }
                if (!taken.Contains(product) && IsEligible(history, product, asOfUtc))
                {
                    ranked.Add(new Recommendation(product, 0, RecommendationReason.Popular));
                }
            }
        }
        return ranked;
    }

    /// <summary>
    /// The exploration slot: a cold-start product with a <see cref="ColdStartProduct.SlotAffinity"/> that ranks below
    /// <see cref="ColdStartProduct.SlotRank"/> for a customer whose affinity to it reaches the threshold is moved up to
    /// that rank (reason <see cref="RecommendationReason.Exploration"/>); everything from there moves down one.
    /// </summary>
    private void ReserveExplorationSlots(CustomerHistory history, DateTime asOfUtc, List<Recommendation> ranked)
    {
        foreach (var cold in _cold.Values)
        {
            if (cold.SlotAffinity is not { } threshold || cold.SlotRank < 1 || asOfUtc < cold.LaunchUtc || !IsEligible(history, cold.ProductId, asOfUtc))
            {
                continue;
            }
            var at = ranked.FindIndex(r => r.ProductId == cold.ProductId);
            var slot = Math.Min(cold.SlotRank, ranked.Count + (at < 0 ? 1 : 0)) - 1;
            if ((at < 0 || at > slot) && Affinity(history, cold.ProductId, asOfUtc) >= threshold)
            {
                var score = at < 0 ? 0 : ranked[at].Score;
                if (at >= 0)
                {
                    ranked.RemoveAt(at);
                }
                ranked.Insert(slot, new Recommendation(cold.ProductId, score, RecommendationReason.Exploration));
            }
        }
    }

    /// <summary>
    /// The customer's affinity to <paramref name="productId"/> from their history alone: Σ over history products i of
    /// w(i) · sim(i, product), with no repurchase rule and no engagement boost. For a cold-start product this is the
    /// customer's similarity to its seed (the customers its campaign signals found).
    /// </summary>
    public double Affinity(CustomerHistory history, int productId, DateTime asOfUtc)
    {
        ArgumentNullException.ThrowIfNull(history);
        double sum = 0;
        foreach (var item in history.Interactions)
        {
            if (item.ProductId != productId)
            {
                sum += Weight(item, asOfUtc) * _index.Similarity(item.ProductId, productId);
            }
        }
        return sum;
    }

    /// <summary>
    /// Cold-start products: not candidates before their launch; from then on, a customer who engaged with one without
    /// buying it gets its boost × recency decay of the last engagement added to the similarity score.
    /// </summary>
    private void AddColdStart(CustomerHistory history, DateTime asOfUtc, Dictionary<int, double> scores)
    {
        foreach (var cold in _cold.Values)
        {
            if (asOfUtc < cold.LaunchUtc)
            {
                scores.Remove(cold.ProductId);
                continue;
            }
            if (history.Of(cold.ProductId) is { LastPurchaseUtc: null, LastClickUtc: { } clicked, Engagement: > 0 } item)
            {
                scores[cold.ProductId] = scores.GetValueOrDefault(cold.ProductId) + cold.Boost(item.Engagement) * Decay(clicked, asOfUtc);
            }
        }
    }

    /// <summary>
    /// Whether the repurchase rule lets <paramref name="productId"/> be recommended to this customer now: true when they
    /// never bought it; otherwise true only once the category's replenishment interval (replenishable products) or the
    /// suppression period (other products) has passed since their last purchase.
    /// </summary>
    public bool IsEligible(CustomerHistory history, int productId, DateTime asOfUtc)
    {
        var last = history.Of(productId)?.LastPurchaseUtc;
        if (last is null)
        {
            return true;
        }
        var days = (asOfUtc - last.Value).TotalDays;
        var interval = ReplenishmentInterval(productId);
        return days >= (interval ?? Settings.NonReplenishableSuppressionDays);
    }

    private bool IsReplenishable(int productId) => ReplenishmentInterval(productId) is not null;

    private double? ReplenishmentInterval(int productId) =>
        _categories.TryGetValue(productId, out var category) && Settings.ReplenishmentDays.TryGetValue(category, out var days)
            ? days
            : Settings.DefaultReplenishmentDays;

    private double Weight(ProductInteraction item, DateTime asOfUtc)
    {
        var purchase = item.LastPurchaseUtc is { } p ? Decay(p, asOfUtc) : 0;
        var click = item.LastClickUtc is { } c ? Settings.ClickWeight * Decay(c, asOfUtc) : 0;
        return Math.Max(purchase, click);
    }

    private double Decay(DateTime at, DateTime asOfUtc) => Math.Pow(0.5, Math.Max(0, (asOfUtc - at).TotalDays) / Settings.RecencyHalfLifeDays);
}
