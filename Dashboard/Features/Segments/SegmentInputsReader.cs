using Dashboard.Data;
using Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Features.Segments;

/// <summary>Per-customer aggregates for one period end, computed in SQL (GROUP BY customer); orders never load.</summary>
internal static class SegmentInputsReader
{
    /// <summary>First and last order instants, or null when the store has no orders.</summary>
    public static async Task<(DateTime First, DateTime Last)?> OrderExtentAsync(DashboardDbContext db, CancellationToken ct)
    {
        var first = await db.Orders.MinAsync(o => (DateTime?)o.PlacedAtUtc, ct);
        var last = await db.Orders.MaxAsync(o => (DateTime?)o.PlacedAtUtc, ct);
        return first is { } f && last is { } l ? (f, l) : null;
    }

    /// <summary>Month ends from the first order's month to the last month completed by the data.</summary>
    public static IReadOnlyList<DateOnly> MonthEnds(DateTime firstOrderUtc, DateTime lastOrderUtc)
    {
        var result = new List<DateOnly>();
        var last = DateOnly.FromDateTime(lastOrderUtc);
        for (var month = new DateOnly(firstOrderUtc.Year, firstOrderUtc.Month, 1); ; month = month.AddMonths(1))
        {
            var end = month.AddMonths(1).AddDays(-1);
            if (end > last)
            {
                return result;
            }
            result.Add(end);
        }
    }

    public static async Task<List<BuyerAggregate>> BuyersAsync(DashboardDbContext db, DateOnly periodEnd, CancellationToken ct)
    {
        var end = EndExclusive(periodEnd);
        // Served by the (CustomerId, PlacedAtUtc, Total) covering index.
        return await db.Orders.AsNoTracking()
            .Where(o => o.PlacedAtUtc < end)
            .GroupBy(o => o.CustomerId)
            .Select(g => new BuyerAggregate(
                g.Key, g.Max(o => o.PlacedAtUtc), g.Count(), g.Select(o => o.PlacedAtUtc.Date).Distinct().Count(), g.Sum(o => o.Total)))
            .ToListAsync(ct);
    }

    public static async Task<List<TouchAggregate>> TouchpointsAsync(DashboardDbContext db, DateOnly periodEnd, int lookbackDays, CancellationToken ct)
    {
        var end = EndExclusive(periodEnd);
        var start = end.AddDays(-lookbackDays);
        return await db.Touchpoints.AsNoTracking()
            .Where(t => t.OccurredAtUtc >= start && t.OccurredAtUtc < end)
            .GroupBy(t => t.CustomerId)
            .Select(g => new TouchAggregate(
                g.Key,
                g.Count(t => t.Type == TouchpointType.Impression),
                g.Count(t => t.Type == TouchpointType.Click),
                g.Count(t => t.Type == TouchpointType.Visit),
                g.Count(t => t.Type == TouchpointType.AddToCart)))
            .ToListAsync(ct);
    }

    /// <summary>Each customer's acquisition source code (customers without one are left out).</summary>
    public static async Task<Dictionary<long, string>> AcquisitionSourcesAsync(DashboardDbContext db, CancellationToken ct) =>
        await db.Customers.AsNoTracking().Where(c => c.AcquisitionSourceId != null)
            .Select(c => new { c.Id, c.AcquisitionSource!.Code })
            .ToDictionaryAsync(c => c.Id, c => c.Code, ct);

    /// <summary>
    /// Each buyer's main category: the product category with the most revenue up to the period end (ties: the
    /// category name first in ordinal order). SQL sums per (customer, category); the rows stream through.
    /// </summary>
    public static async Task<Dictionary<long, string>> MainCategoriesAsync(DashboardDbContext db, DateOnly periodEnd, CancellationToken ct)
    {
        var end = EndExclusive(periodEnd);
        var result = new Dictionary<long, (string Category, double Amount)>();
        var sums = db.OrderLines.AsNoTracking()
            .Where(l => l.Order!.PlacedAtUtc < end)
            .GroupBy(l => new { l.Order!.CustomerId, l.Product!.Category })
            .Select(g => new { g.Key.CustomerId, g.Key.Category, Amount = g.Sum(l => l.Amount) })
            .AsAsyncEnumerable();
        await foreach (var s in sums.WithCancellation(ct))
        {
            if (!result.TryGetValue(s.CustomerId, out var best) || s.Amount > best.Amount
                || (s.Amount == best.Amount && string.CompareOrdinal(s.Category, best.Category) < 0))
            {
                result[s.CustomerId] = (s.Category, s.Amount);
            }
        }
        return result.ToDictionary(p => p.Key, p => p.Value.Category);
    }

    public static DateTime EndExclusive(DateOnly periodEnd) => periodEnd.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
}
