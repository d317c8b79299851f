using Dashboard.Data;
using Dashboard.Domain.Recommendations;
using Dashboard.Jobs;
using Dashboard.Shared;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Features.Recommendations;

/// <summary>One recommended product.</summary>
public sealed record NextBestProduct(int Rank, string Sku, string Name, string Category, double Score, string Reason);

/// <summary>A customer's next best products from the latest successful recommendations run.</summary>
/// <param name="Products">Empty when the customer has no order or product click (no personal list).</param>
public sealed record NextBestProductsView(long CustomerId, long RunId, DateTime AsOfUtc, IReadOnlyList<NextBestProduct> Products);

/// <summary>A product in the /products list.</summary>
/// <param name="Buyers">Distinct customers who ordered it.</param>
/// <param name="CampaignSignals">Customers with a campaign touchpoint carrying it.</param>
/// <param name="IsCold">Treated as a cold-start product by the latest recommendations run.</param>
public sealed record ProductRow(string Sku, string Name, string Category, double Price, int Buyers, int CampaignSignals, bool IsCold);

/// <summary>One customer of a product's campaign-signal audience.</summary>
public sealed record SignalRow(long CustomerId, double Score, int Exposures, int Clicks, int Visits, double DwellSeconds, int AddToCarts, int Orders);

/// <summary>The product page: the product, the audience its campaign signals found, and where the latest run ranks it.</summary>
/// <param name="Audience">Customers whose campaign signals go beyond impressions, strongest first (at most <see cref="RecommendationsService.AudienceShown"/>).</param>
/// <param name="AudienceSize">All of them.</param>
/// <param name="Cold">The latest run's cold-start figures for it; null when it was not cold (or no run yet).</param>
/// <param name="InTopTen">Customers whose stored top 10 holds it (latest run); null without a run.</param>
/// <param name="Signals">Customers by kind of campaign signal (live, like the audience).</param>
public sealed record ProductDetail(ProductRow Product, IReadOnlyList<SignalRow> Audience, int AudienceSize, int Reached, ColdProductResult? Cold, int? InTopTen, long? RunId,
    SignalCounts Signals);

/// <summary>Reads the recommendations snapshot (360 panel, audience export, product pages).</summary>
public sealed class RecommendationsService(IDbContextFactory<DashboardDbContext> dbFactory, ViewCache? cache = null)
{
    public const int AudienceShown = 50;

    /// <summary>The customer's top 10 from the latest successful run; null when no run exists.</summary>
    public async Task<NextBestProductsView?> NextBestProductsAsync(long customerId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await LatestRunAsync(db, ct) is not { } run)
        {
            return null;
        }
        var rows = await db.CustomerRecommendations.AsNoTracking()
            .Where(r => r.ModelRunId == run.Id && r.CustomerId == customerId)
            .OrderBy(r => r.Rank)
            .Join(db.Products, r => r.ProductId, p => p.Id, (r, p) => new NextBestProduct(r.Rank, p.Sku, p.Name, p.Category, r.Score, r.Reason))
            .ToListAsync(ct);
        return new NextBestProductsView(customerId, run.Id, run.Result.AsOfUtc, rows);
    }

    /// <summary>Every product with its buyers and campaign-signal reach (whole-store counts, once per state of the store).</summary>
    public Task<IReadOnlyList<ProductRow>> ProductsAsync(CancellationToken ct) =>
        cache.GetOrComputeAsync(ViewCacheExtensions.Key("products"), ComputeProductsAsync, ct);

    private async Task<IReadOnlyList<ProductRow>> ComputeProductsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cold = (await LatestRunAsync(db, ct))?.Result.ColdStart.Select(c => c.Sku).ToHashSet(StringComparer.Ordinal) ?? [];
        var buyers = await ProductCustomerCounts.BuyersAsync(db, ct);
        var signals = await ProductCustomerCounts.CampaignReachAsync(db, ct);
        var products = await db.Products.AsNoTracking().OrderBy(p => p.Sku).ToListAsync(ct);
        return [.. products.Select(p => new ProductRow(p.Sku, p.Name, p.Category, p.Price, buyers.GetValueOrDefault(p.Id), signals.GetValueOrDefault(p.Id), cold.Contains(p.Sku)))
            .OrderByDescending(p => p.IsCold).ThenBy(p => p.Sku, StringComparer.Ordinal)];
    }

    /// <summary>The product page; null when no product has the SKU. The signal audience is computed live (one product's touchpoints).</summary>
    public Task<ProductDetail?> ProductAsync(string sku, CancellationToken ct) =>
        cache.GetOrComputeAsync(ViewCacheExtensions.Key("product", sku), c => ComputeProductAsync(sku, c), ct);

    private async Task<ProductDetail?> ComputeProductAsync(string sku, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Sku == sku, ct);
        if (product is null)
        {
            return null;
        }
        var run = await LatestRunAsync(db, ct);
        var signals = await RecommendationInputsReader.SignalsAsync(db, [product.Id], DateTime.MaxValue, ct);
        var scores = ColdStart.Score(signals, product.Id);
        var audience = scores.Where(s => s.Score >= new SignalWeights().PositiveThreshold).ToList();
        var buyers = await db.OrderLines.AsNoTracking().Where(l => l.ProductId == product.Id).Select(l => l.Order!.CustomerId).Distinct().CountAsync(ct);
        var reached = signals.Select(s => s.CustomerId).Distinct().Count();
        var row = new ProductRow(product.Sku, product.Name, product.Category, product.Price, buyers, reached, run?.Result.ColdStart.Any(c => c.Sku == sku) ?? false);
        int? inTop = run is { } latest
            ? await db.CustomerRecommendations.AsNoTracking().CountAsync(r => r.ModelRunId == latest.Id && r.ProductId == product.Id, ct)
            : null;
        return new ProductDetail(row,
            [.. audience.Take(AudienceShown).Select(s => new SignalRow(s.CustomerId, s.Score, s.Exposures, s.Clicks, s.Visits, s.DwellSeconds, s.AddToCarts, s.Orders))],
            audience.Count, reached, run?.Result.ColdStart.FirstOrDefault(c => c.Sku == sku), inTop, run?.Id, SignalCounts.From(scores));
    }

    /// <summary>The latest successful run and its result; null when none.</summary>
    public async Task<(long Id, RecommendationRunResult Result)?> LatestAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await LatestRunAsync(db, ct);
    }

    internal static async Task<(long Id, RecommendationRunResult Result)?> LatestRunAsync(DashboardDbContext db, CancellationToken ct)
    {
        var run = await db.ModelRuns.AsNoTracking()
            .Where(r => r.Kind == RecommendationsJob.JobKind && r.Status == JobQueue.Succeeded)
            .OrderByDescending(r => r.Id).Select(r => new { r.Id, r.ResultJson }).FirstOrDefaultAsync(ct);
        return run is not null && RecommendationsJob.ParseResult(run.ResultJson) is { } result ? (run.Id, result) : null;
    }
}
