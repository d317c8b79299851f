using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Domain.Recommendations;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Features.Recommendations;

/// <summary>
/// Reads the recommender's inputs from the store, streamed: baskets (distinct products per order, from order lines),
/// product engagements (impressions, clicks, visits and add-to-carts that carry a product) and campaign signals (touchpoints carrying both
/// a campaign and a product, plus orders of that product by the customers those campaigns touched).
/// </summary>
internal static class RecommendationInputsReader
{
    public static async Task<List<CustomerOrder>> OrdersAsync(DashboardDbContext db, DateTime asOfUtc, CancellationToken ct)
    {
        var orders = new List<CustomerOrder>();
        long currentId = -1;
        long customer = 0;
        DateTime placed = default;
        var products = new List<int>();
        var lines = db.OrderLines.AsNoTracking().Where(l => l.Order!.PlacedAtUtc < asOfUtc)
            .OrderBy(l => l.OrderId)
            .Select(l => new { l.OrderId, l.Order!.CustomerId, l.Order.PlacedAtUtc, l.ProductId })
            .AsAsyncEnumerable();
        await foreach (var l in lines.WithCancellation(ct))
        {
            if (l.OrderId != currentId)
            {
                Flush();
                (currentId, customer, placed) = (l.OrderId, l.CustomerId, l.PlacedAtUtc);
            }
            if (!products.Contains(l.ProductId))
            {
                products.Add(l.ProductId);
            }
        }
        Flush();
        return orders;

        void Flush()
        {
            if (currentId >= 0 && products.Count > 0)
            {
                orders.Add(new CustomerOrder(customer, currentId, placed, [.. products]));
            }
            products.Clear();
        }
    }

    /// <summary>
    /// Engagements with products (co-engagement data and histories): impressions, clicks, visits (with dwell) and
    /// add-to-carts that carry a product, campaign or not.
    /// </summary>
    public static async Task<List<ProductClick>> ClicksAsync(DashboardDbContext db, DateTime asOfUtc, CancellationToken ct)
    {
        var rows = await db.Touchpoints.AsNoTracking()
            .Where(t => t.ProductId != null && t.OccurredAtUtc < asOfUtc
                && (t.Type == TouchpointType.Impression || t.Type == TouchpointType.Click || t.Type == TouchpointType.Visit || t.Type == TouchpointType.AddToCart))
            .Select(t => new { t.CustomerId, ProductId = t.ProductId!.Value, t.OccurredAtUtc, t.Type, t.DwellSeconds })
            .ToListAsync(ct);
        return [.. rows.Select(t => new ProductClick(t.CustomerId, t.ProductId, t.OccurredAtUtc, SignalOf(t.Type), t.DwellSeconds))];
    }

    private static SignalType SignalOf(TouchpointType type) => type switch
    {
        TouchpointType.Impression => SignalType.Exposure,
        TouchpointType.Click => SignalType.Click,
        TouchpointType.Visit => SignalType.Visit,
        TouchpointType.AddToCart => SignalType.AddToCart,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a product signal"),
    };

    /// <summary>Campaign signals for the given products (all products when null).</summary>
    public static async Task<List<CampaignSignal>> SignalsAsync(DashboardDbContext db, IReadOnlyCollection<int>? productIds, DateTime asOfUtc, CancellationToken ct)
    {
        var touches = db.Touchpoints.AsNoTracking()
            .Where(t => t.CampaignId != null && t.ProductId != null && t.OccurredAtUtc < asOfUtc && t.Type != TouchpointType.MessageSent && t.Type != TouchpointType.MessageOpened);
        if (productIds is not null)
        {
            touches = touches.Where(t => productIds.Contains(t.ProductId!.Value));
        }
        var signals = await touches
            .Select(t => new { t.CustomerId, ProductId = t.ProductId!.Value, t.Type, t.OccurredAtUtc, t.DwellSeconds, t.CampaignId })
            .ToListAsync(ct);
        var result = signals.Select(t => new CampaignSignal(t.CustomerId, t.ProductId, SignalOf(t.Type), t.OccurredAtUtc, t.DwellSeconds, t.CampaignId)).ToList();
        // Orders of the product by customers its campaigns touched count as the strongest signal.
        var touched = result.Select(s => (s.CustomerId, s.ProductId)).ToHashSet();
        var products = result.Select(s => s.ProductId).Distinct().ToList();
        var orders = await db.OrderLines.AsNoTracking()
            .Where(l => products.Contains(l.ProductId) && l.Order!.PlacedAtUtc < asOfUtc)
            .Select(l => new { l.Order!.CustomerId, l.ProductId, l.Order.PlacedAtUtc })
            .ToListAsync(ct);
        result.AddRange(orders.Where(o => touched.Contains((o.CustomerId, o.ProductId)))
            .Select(o => new CampaignSignal(o.CustomerId, o.ProductId, SignalType.Order, o.PlacedAtUtc)));
        return result;
    }
}
