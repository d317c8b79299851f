using System.Diagnostics;
using System.Text.Json;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Domain.Recommendations;
using Dashboard.Features.Segments;
using Dashboard.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Features.Recommendations;

/// <summary>
/// The "recommendations" model run: builds item-to-item similarities from the store (co-purchase from order lines,
/// co-click from product touchpoints), adds cold-start products (campaign signals, few or no buyers) to the index,
/// ranks each customer's top 10 from their own history and stores them (<see cref="CustomerRecommendation"/>; rows of
/// earlier runs are deleted, so the table holds one snapshot), and puts the offline evaluation (leave-last-order-out,
/// hit rate@10 and NDCG@10 against popularity), top products per RFM segment and the cold-start reach in the result.
/// Customers without any order or product click get no stored list (the panel says so; popularity is in the result).
/// </summary>
public sealed partial class RecommendationsJob(IDbContextFactory<DashboardDbContext> dbFactory, ILogger<RecommendationsJob> logger) : IModelJob
{
    public const string JobKind = "recommendations";
    public const int ListLength = 10;

    public string Kind => JobKind;

    public async Task<string?> RunAsync(ModelJobContext context, CancellationToken ct)
    {
        var settings = RecommendationRunSettings.Parse(context.ParametersJson);
        var watch = Stopwatch.StartNew();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        context.Progress.Report(new JobProgress(0.02, "Reading orders and clicks"));
        var lastOrder = await db.Orders.MaxAsync(o => (DateTime?)o.PlacedAtUtc, ct)
            ?? throw new ModelJobException("There are no orders in the store yet: import orders (or seed the demo brand) first.");
        var lastTouch = await db.Touchpoints.MaxAsync(t => (DateTime?)t.OccurredAtUtc, ct) ?? lastOrder;
        var asOf = DateTime.SpecifyKind((lastOrder > lastTouch ? lastOrder : lastTouch).Date.AddDays(1), DateTimeKind.Utc);
        var orders = await RecommendationInputsReader.OrdersAsync(db, asOf, ct);
        var clicks = await RecommendationInputsReader.ClicksAsync(db, asOf, ct);
        var products = await db.Products.AsNoTracking().ToDictionaryAsync(p => p.Id, ct);
        var categories = products.ToDictionary(p => p.Key, p => p.Value.Category);
        var recommenderSettings = settings.ToRecommenderSettings();

        context.Progress.Report(new JobProgress(0.15, "Building item-to-item similarities"));
        var indexSettings = settings.ToIndexSettings();
        var index = ItemToItem.Build(orders, clicks, indexSettings);
        var popular = Popularity.Rank(orders);
        var buyers = index.Products.ToDictionary(p => p, p => index.Buyers(p).Count);
        var signals = await RecommendationInputsReader.SignalsAsync(db, null, asOf, ct);
        var coldIds = ColdProducts(signals, buyers, settings);
        var baseIndex = index;
        var cold = new List<ColdStartProduct>();
        foreach (var product in coldIds)
        {
            var prepared = ColdStart.Prepare(index, signals, product, categories, settings.ColdStart);
            index = prepared.Index;
            cold.Add(prepared.Product);
        }
        var histories = Histories(orders, clicks, asOf, settings.ColdStart.Weights);
        var recommender = new Recommender(index, recommenderSettings, categories, popular, cold);
        if (cold.Count > 0)
        {
            var slotted = ColdStart.WithExplorationSlot(cold, recommender, [.. histories.Values.Select(h => (h, asOf))], settings.ColdStart.ExplorationShare);
            recommender = new Recommender(index, recommenderSettings, categories, popular, slotted);
            cold = [.. slotted];
        }

        context.Progress.Report(new JobProgress(0.3, "Ranking every customer"));
        var written = await WriteAsync(db, context.RunId, recommender, histories, asOf, ct);

        context.Progress.Report(new JobProgress(0.6, "Offline evaluation"));
        var evaluation = OfflineEvaluation.HoldOutLastOrder(orders, clicks, indexSettings, recommenderSettings, categories, ListLength,
            coldIds.Count == 0 ? null : new ColdStartInput(signals, coldIds, settings.ColdStart));

        context.Progress.Report(new JobProgress(0.85, "Top products per segment and cold start"));
        var segments = await TopPerSegmentAsync(db, orders, products, ct);
        // The same products without the blend (raw seed similarities, no engagement boost): what the blend adds.
        var unblended = Unblended(baseIndex, signals, coldIds, categories, settings, recommenderSettings, popular);
        var coldResults = cold.Select(p => ColdResult(p, products, signals, recommender, unblended, histories, asOf, settings)).ToList();
        var result = new RecommendationRunResult(
            asOf, orders.Count, clicks.Count(c => c.Type != SignalType.Exposure), products.Count, written.Customers, written.Rows,
            evaluation, [.. popular.Take(ListLength).Select(p => Sku(products, p))], segments, coldResults,
            Math.Round(watch.Elapsed.TotalSeconds, 3), clicks.Count(c => c.Type == SignalType.Exposure));
        LogFinished(logger, context.RunId, written.Customers, evaluation.Model.HitRate, evaluation.PopularityBaseline.HitRate, cold.Count);
        return JsonSerializer.Serialize(result, Cli.CliApp.JsonOptions);
    }

    public static RecommendationRunResult? ParseResult(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<RecommendationRunResult>(json, Cli.CliApp.JsonOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Products with campaign signals, at most <see cref="RecommendationRunSettings.ColdMaxBuyers"/> buyers and a large enough signal audience.</summary>
    private static List<int> ColdProducts(List<CampaignSignal> signals, Dictionary<int, int> buyers, RecommendationRunSettings settings) =>
        [.. signals.Select(s => s.ProductId).Distinct().Order()
            .Where(p => buyers.GetValueOrDefault(p) <= settings.ColdMaxBuyers
                && ColdStart.Audience(signals, p, settings.ColdStart.Weights).Count >= settings.ColdMinAudience)];

    private static Recommender Unblended(ItemToItem index, List<CampaignSignal> signals, List<int> coldIds, IReadOnlyDictionary<int, string> categories,
        RecommendationRunSettings settings, RecommenderSettings recommenderSettings, IReadOnlyList<int> popular)
    {
        var plain = settings.ColdStart with { Calibrate = false, EngagedBoost = 0 };
        var cold = new List<ColdStartProduct>();
        foreach (var product in coldIds)
        {
            var prepared = ColdStart.Prepare(index, signals, product, categories, plain);
            index = prepared.Index;
            cold.Add(prepared.Product);
        }
        return new Recommender(index, recommenderSettings, categories, popular, cold);
    }

    private static Dictionary<long, CustomerHistory> Histories(List<CustomerOrder> orders, List<ProductClick> clicks, DateTime asOf, SignalWeights weights)
    {
        var ordersBy = orders.ToLookup(o => o.CustomerId);
        // Impressions alone make no history (CustomerHistory leaves them out): such customers get no personal list.
        var clicksBy = clicks.Where(c => c.Type != SignalType.Exposure).ToLookup(c => c.CustomerId);
        return ordersBy.Select(g => g.Key).Union(clicksBy.Select(g => g.Key)).Order()
            .ToDictionary(c => c, c => CustomerHistory.From(ordersBy[c], clicksBy[c], asOf, weights));
    }

    private static async Task<(int Customers, int Rows)> WriteAsync(DashboardDbContext db, long runId, Recommender recommender,
        Dictionary<long, CustomerHistory> histories, DateTime asOf, CancellationToken ct)
    {
        var customers = histories.Keys.ToArray();
        var lists = new IReadOnlyList<Recommendation>[customers.Length];
        Parallel.For(0, customers.Length, i => lists[i] = recommender.Rank(histories[customers[i]], asOf, ListLength));
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var rows = await BulkInsert.InsertAsync(db, customers.SelectMany((c, i) => lists[i].Select((r, k) => new CustomerRecommendation
        {
            ModelRunId = runId, CustomerId = c, Rank = k + 1, ProductId = r.ProductId, Score = Math.Round(r.Score, 6), Reason = r.Reason.ToString(),
        })), ct);
        // One snapshot at a time: earlier runs' lists go (their run records and result JSON stay).
        await db.CustomerRecommendations.Where(r => r.ModelRunId != runId).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        return (customers.Length, rows);
    }

    private static async Task<IReadOnlyList<SegmentTopProducts>> TopPerSegmentAsync(DashboardDbContext db, List<CustomerOrder> orders,
        Dictionary<int, Product> products, CancellationToken ct)
    {
        if (await SegmentMembership.SelectAsync(db, new CustomerSegmentFilter(), ct) is not { } selection)
        {
            return [];
        }
        var segmentOf = await selection.Rows.Where(r => r.Segment != null)
            .Select(r => new { r.CustomerId, r.Segment }).ToDictionaryAsync(r => r.CustomerId, r => r.Segment!.Value.ToString(), ct);
        var top = Popularity.TopPerSegment(orders, c => segmentOf.GetValueOrDefault(c), 5);
        return [.. top.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new SegmentTopProducts(kv.Key,
            [.. kv.Value.Select(p => new SegmentProductRow(Sku(products, p.ProductId), p.Buyers, Math.Round(p.Share, 4), Math.Round(p.Index, 3)))]))];
    }

    /// <summary>
    /// Where a cold product ranks (full ranking, not only the top 10) for the customers its campaigns reached (any
    /// signal), against an equally large seeded sample of customers they did not reach; for its signal audience (the
    /// customers who engaged directly) and its expanded similar audience; and the same without the blend.
    /// </summary>
    private static ColdProductResult ColdResult(ColdStartProduct cold, Dictionary<int, Product> products, List<CampaignSignal> signals,
        Recommender recommender, Recommender unblended, Dictionary<long, CustomerHistory> histories, DateTime asOf, RecommendationRunSettings settings)
    {
        var productId = cold.ProductId;
        var scores = ColdStart.Score(signals, productId, settings.ColdStart.Weights);
        var reachedIds = scores.Select(s => s.CustomerId).ToHashSet();
        var reached = reachedIds.Where(histories.ContainsKey).Order().Select(c => histories[c]).ToList();
        var random = new Random(settings.Seed);
        var others = histories.Keys.Where(c => !reachedIds.Contains(c)).OrderBy(_ => random.Next()).Take(reached.Count).Select(c => histories[c]).ToList();
        var audience = scores.Where(s => s.Score >= settings.ColdStart.Weights.PositiveThreshold).ToList();
        var audienceIds = audience.Select(a => a.CustomerId).ToHashSet();
        var audienceHistories = audience.Where(a => histories.ContainsKey(a.CustomerId)).Select(a => histories[a.CustomerId]).ToList();
        var expanded = ColdStart.Expand(recommender, histories, productId, asOf, audienceIds, settings.ColdStart.ExplorationShare)
            .Select(e => histories[e.CustomerId]).ToList();
        var counts = SignalCounts.From(scores);
        return new ColdProductResult(Sku(products, productId), reachedIds.Count, audience.Count,
            ColdStart.Reach(recommender, reached, productId, asOf), ColdStart.Reach(recommender, others, productId, asOf),
            ColdStart.Reach(recommender, audienceHistories, productId, asOf))
        {
            Signals = counts,
            Expanded = expanded.Count,
            ExpandedRank = ColdStart.Reach(recommender, expanded, productId, asOf),
            Calibration = Math.Round(cold.Calibration, 4),
            ExplorationShare = settings.ColdStart.ExplorationShare,
            ExplorationRank = cold.SlotAffinity is null ? null : cold.SlotRank,
            LaunchUtc = cold.LaunchUtc,
            Unblended = new ColdReach(ColdStart.Reach(unblended, audienceHistories, productId, asOf),
                ColdStart.Reach(unblended, reached, productId, asOf), ColdStart.Reach(unblended, expanded, productId, asOf)),
        };
    }

    private static string Sku(Dictionary<int, Product> products, int id) => products.TryGetValue(id, out var p) ? p.Sku : "#" + id;

    [LoggerMessage(LogLevel.Information, "Recommendations run {RunId}: {Customers} customers ranked; hit rate@10 {HitRate:F3} vs popularity {Baseline:F3}; {Cold} cold-start products")]
    private static partial void LogFinished(ILogger logger, long runId, int customers, double hitRate, double baseline, int cold);
}

/// <summary>The run's parameters (all optional): replenishment intervals per category and the cold-start thresholds.</summary>
public sealed record RecommendationRunSettings
{
    /// <summary>
    /// Days after which a product of the category may be recommended again (consumables of the demo brand's catalog);
    /// other categories (makeup, fragrance, gift sets) are not recommended again after purchase.
    /// </summary>
    public IReadOnlyDictionary<string, double> ReplenishmentDays { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["cleanser"] = 60, ["toner"] = 60, ["serum"] = 60, ["moisturizer"] = 60, ["sunscreen"] = 90, ["mask"] = 30, ["eye care"] = 90,
    };

    /// <summary>A product with campaign signals and at most this many buyers is treated as cold (cold start).</summary>
    public int ColdMaxBuyers { get; init; } = 5;

    /// <summary>...and needs at least this many customers in its campaign-signal audience.</summary>
    public int ColdMinAudience { get; init; } = 5;

    public int Seed { get; init; } = 42;

    /// <summary>How cold products are scored: signal weights, calibration and the boost for customers who engaged.</summary>
    public ColdStartSettings ColdStart { get; init; } = new();

    /// <summary>Weight of co-engagement similarity in the item-to-item blend (ItemToItemSettings.ClickWeight).</summary>
    public double EngagementWeight { get; init; } = new ItemToItemSettings().ClickWeight;

    public ItemToItemSettings ToIndexSettings() => new() { ClickWeight = EngagementWeight, Weights = ColdStart.Weights };

    public RecommenderSettings ToRecommenderSettings() => new() { ReplenishmentDays = ReplenishmentDays };

    public static RecommendationRunSettings Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new RecommendationRunSettings();
        }
        try
        {
            return JsonSerializer.Deserialize<RecommendationRunSettings>(json, Cli.CliApp.JsonOptions) ?? new RecommendationRunSettings();
        }
        catch (JsonException)
        {
            return new RecommendationRunSettings();
        }
    }
}

/// <summary>The result JSON of a "recommendations" run.</summary>
/// <param name="Customers">Customers with a stored top-10 (those with any order or product click).</param>
/// <param name="Clicks">Clicks, visits and add-to-carts carrying a product (co-engagement data).</param>
/// <param name="Popular">The most-bought products (SKUs), the fallback for customers without history.</param>
/// <param name="Exposures">Impressions carrying a product (the weakest co-engagement signal).</param>
public sealed record RecommendationRunResult(
    DateTime AsOfUtc,
    int Orders,
    int Clicks,
    int Products,
    int Customers,
    int Rows,
    OfflineEvaluationReport Evaluation,
    IReadOnlyList<string> Popular,
    IReadOnlyList<SegmentTopProducts> Segments,
    IReadOnlyList<ColdProductResult> ColdStart,
    double Seconds,
    int Exposures = 0);

public sealed record SegmentTopProducts(string Segment, IReadOnlyList<SegmentProductRow> Products);

/// <param name="Index">Share of the segment's buyers who bought it over the share of all buyers (above 1 = typical of the segment).</param>
public sealed record SegmentProductRow(string Sku, int Buyers, double Share, double Index);

/// <summary>A cold-start product: the customers its campaigns reached, its signal audience, and where it ranks.</summary>
/// <param name="Reached">Customers with any campaign signal for it (impressions included).</param>
/// <param name="Audience">Customers whose signals go beyond impressions (ColdStart.Audience): those who engaged directly.</param>
/// <param name="ReachedRank">Its rank for the reached customers with a history.</param>
/// <param name="OthersRank">Its rank for as many customers the campaigns did not reach (a seeded sample).</param>
/// <param name="AudienceRank">Its rank for the signal audience (clicked, visited, added to cart or ordered).</param>
public sealed record ColdProductResult(string Sku, int Reached, int Audience, ProductReach ReachedRank, ProductReach OthersRank, ProductReach? AudienceRank = null)
{
    /// <summary>Customers by the signals they gave (a customer counts once per kind).</summary>
    public SignalCounts? Signals { get; init; }

    /// <summary>The expanded similar audience: customers outside the signal audience most similar to it, who get its exploration slot (ColdStartSettings.ExplorationShare).</summary>
    public int Expanded { get; init; }

    public ProductReach? ExpandedRank { get; init; }

    /// <summary>κ, the factor its seed similarities were scaled by (ColdStart.Prepare).</summary>
    public double Calibration { get; init; }

    public DateTime? LaunchUtc { get; init; }

    /// <summary>Share of customers (most similar to the seed) given its exploration slot.</summary>
    public double ExplorationShare { get; init; }

    /// <summary>The exploration slot's rank; null when it has no slot.</summary>
    public int? ExplorationRank { get; init; }

    /// <summary>Where it ranks without the blend (raw seed similarities only: no calibration, no boost for own engagement, no exploration slot).</summary>
    public ColdReach? Unblended { get; init; }
}

/// <summary>Customers who gave each kind of signal for a product (a customer counts once per kind).</summary>
public sealed record SignalCounts(int Reached, int Exposed, int Clicked, int Visited, int AddedToCart, int Ordered)
{
    public static SignalCounts From(IReadOnlyCollection<SignalScore> scores) => new(scores.Count, scores.Count(s => s.Exposures > 0),
        scores.Count(s => s.Clicks > 0), scores.Count(s => s.Visits > 0), scores.Count(s => s.AddToCarts > 0), scores.Count(s => s.Orders > 0));
}

/// <summary>A cold product's rank for its signal audience, the customers its campaigns reached, and the expanded audience.</summary>
public sealed record ColdReach(ProductReach Audience, ProductReach Reached, ProductReach Expanded);
