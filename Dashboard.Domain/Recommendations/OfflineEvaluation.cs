namespace Dashboard.Domain.Recommendations;

/// <summary>Ranking quality over the evaluated customers (means of per-customer values).</summary>
/// <param name="HitRate">Share of customers with at least one held-out product in their top K.</param>
/// <param name="Ndcg">Mean NDCG@K with binary relevance.</param>
public sealed record RankingQuality(double HitRate, double Ndcg);

/// <summary>The result of a leave-last-order-out evaluation.</summary>
/// <param name="CustomersWithTwoOrders">Customers with at least 2 orders (candidates for evaluation).</param>
/// <param name="CustomersEvaluated">Those whose last order held at least one product the rules allowed recommending.</param>
/// <param name="CustomersWithoutEligibleTarget">
/// Those whose last order held only products the repurchase rule forbids recommending (left out, counted here).
/// </param>
/// <param name="TrainingOrders">Orders the index and the popularity baseline were built from.</param>
public sealed record OfflineEvaluationReport(
    int K,
    int CustomersWithTwoOrders,
    int CustomersEvaluated,
    int CustomersWithoutEligibleTarget,
    int TrainingOrders,
    RankingQuality Model,
    RankingQuality PopularityBaseline);

/// <summary>Cold-start products to include in an evaluation: their campaign signals and how they are cold-started.</summary>
public sealed record ColdStartInput(IReadOnlyCollection<CampaignSignal> Signals, IReadOnlyCollection<int> ProductIds, ColdStartSettings? Settings = null);

/// <summary>
/// Offline evaluation of the recommender. Entry points: <see cref="HoldOutLastOrder"/>, and the metrics
/// <see cref="HitAt"/> and <see cref="NdcgAt"/>.
/// </summary>
public static class OfflineEvaluation
{
    /// <summary>
    /// Leave-last-order-out: for every customer with ≥ 2 orders, the last order (latest time, then highest order id)
    /// is held out. The item-to-item index and the popularity list are built from all other orders (every customer's,
    /// so other customers' later orders do count: the usual leave-one-out protocol, not a time split). Each evaluated
    /// customer is ranked from their own remaining history as of the held-out order's time; the targets are the
    /// held-out products the repurchase rule allows recommending then. The popularity baseline is the most-bought
    /// products under the same rule. Clicks (optional) feed the index and the histories up to the as-of time.
    /// Cold-start products (optional) are prepared into the index from all their signals, as clicks are (their similarity
    /// does not change per customer), and compete from their launch on, with each customer's own engagement counted up to
    /// the as-of time: a held-out order placed before the launch never sees them. Their exploration slot's threshold is
    /// set over the evaluated customers, each as of their held-out order.
    /// </summary>
    public static OfflineEvaluationReport HoldOutLastOrder(
        IReadOnlyCollection<CustomerOrder> orders,
        IReadOnlyCollection<ProductClick>? clicks = null,
        ItemToItemSettings? indexSettings = null,
        RecommenderSettings? recommenderSettings = null,
        IReadOnlyDictionary<int, string>? categories = null,
        int k = 10,
        ColdStartInput? coldStart = null)
    {
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        clicks ??= [];
        var byCustomer = orders.GroupBy(o => o.CustomerId).ToDictionary(g => g.Key, g => g.ToList());
        var heldOut = new List<CustomerOrder>();
        foreach (var customerOrders in byCustomer.Values.Where(l => l.Select(o => o.OrderId).Distinct().Count() >= 2))
        {
            heldOut.Add(customerOrders.MaxBy(o => (o.PlacedAtUtc, o.OrderId))!);
        }
        heldOut.Sort((a, b) => a.CustomerId.CompareTo(b.CustomerId));
        var heldOutSet = heldOut.ToHashSet();
        var training = orders.Where(o => !heldOutSet.Contains(o)).ToList();

        var index = ItemToItem.Build(training, clicks, indexSettings);
        var cold = new List<ColdStartProduct>();
        foreach (var product in coldStart?.ProductIds ?? [])
        {
            var prepared = ColdStart.Prepare(index, coldStart!.Signals, product, categories, coldStart.Settings);
            index = prepared.Index;
            cold.Add(prepared.Product);
        }
        var popular = Popularity.Rank(training);
        var recommender = new Recommender(index, recommenderSettings, categories, popular, cold);
        var baseline = new Recommender(ItemToItem.Build([]), recommenderSettings, categories, popular);
        var clicksByCustomer = clicks.ToLookup(c => c.CustomerId);

        var histories = new CustomerHistory[heldOut.Count];
        Parallel.For(0, heldOut.Count, i =>
        {
            var target = heldOut[i];
            // The as-of time excludes the held-out order itself, even from a customer whose orders share its timestamp.
            histories[i] = CustomerHistory.From(
                byCustomer[target.CustomerId].Where(o => !ReferenceEquals(o, target)),
                clicksByCustomer[target.CustomerId].Where(c => c.AtUtc < target.PlacedAtUtc),
                target.PlacedAtUtc, indexSettings?.Weights);
        });
        if (cold.Count > 0 && coldStart!.Settings?.ExplorationShare is not 0)
        {
            // The slot's threshold comes from the evaluated customers themselves, each as of their held-out order.
            cold = [.. ColdStart.WithExplorationSlot(cold, recommender, [.. heldOut.Select((o, i) => (histories[i], o.PlacedAtUtc))],
                (coldStart.Settings ?? new ColdStartSettings()).ExplorationShare)];
            recommender = new Recommender(index, recommenderSettings, categories, popular, cold);
        }

        var model = new (double Hit, double Ndcg)?[heldOut.Count];
        var popularity = new (double Hit, double Ndcg)[heldOut.Count];
        Parallel.For(0, heldOut.Count, i =>
        {
            var asOf = heldOut[i].PlacedAtUtc;
            var history = histories[i];
            var targets = heldOut[i].ProductIds.Distinct().Where(p => recommender.IsEligible(history, p, asOf)).ToHashSet();
            if (targets.Count == 0)
            {
                return;
            }
            var ranked = recommender.Rank(history, asOf, k).Select(r => r.ProductId).ToList();
            var baselineRanked = baseline.Rank(history, asOf, k).Select(r => r.ProductId).ToList();
            model[i] = (HitAt(ranked, targets, k), NdcgAt(ranked, targets, k));
            popularity[i] = (HitAt(baselineRanked, targets, k), NdcgAt(baselineRanked, targets, k));
        });
        var evaluated = Enumerable.Range(0, heldOut.Count).Where(i => model[i] is not null).ToList();
        RankingQuality Mean(Func<int, (double Hit, double Ndcg)> of) => evaluated.Count == 0
            ? new RankingQuality(0, 0)
            : new RankingQuality(evaluated.Average(i => of(i).Hit), evaluated.Average(i => of(i).Ndcg));
        return new OfflineEvaluationReport(k, heldOut.Count, evaluated.Count, heldOut.Count - evaluated.Count, training.Count,
            Mean(i => model[i]!.Value), Mean(i => popularity[i]));
    }

    /// <summary>1 when any of the first <paramref name="k"/> ranked products is a target, else 0.</summary>
    public static double HitAt(IReadOnlyList<int> ranked, IReadOnlySet<int> targets, int k) =>
        ranked.Take(k).Any(targets.Contains) ? 1 : 0;

    /// <summary>
    /// NDCG@k with binary relevance (Järvelin &amp; Kekäläinen 2002): DCG = Σ_{r ≤ k, item r relevant} 1 / log2(r + 1),
    /// divided by the DCG of an ideal ranking that puts min(|targets|, k) relevant items first. 0 when there is no target.
    /// </summary>
    public static double NdcgAt(IReadOnlyList<int> ranked, IReadOnlySet<int> targets, int k)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Count == 0)
        {
            return 0;
        }
        double dcg = 0;
        for (var r = 1; r <= Math.Min(k, ranked.Count); r++)
        {
            if (targets.Contains(ranked[r - 1]))
            {
                dcg += 1 / Math.Log2(r + 1);
            }
        }
        double ideal = 0;
        for (var r = 1; r <= Math.Min(k, targets.Count); r++)
        {
            ideal += 1 / Math.Log2(r + 1);
        }
        return dcg / ideal;
    }
}
