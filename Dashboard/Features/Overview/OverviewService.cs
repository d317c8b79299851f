using Dashboard.Data;
using Dashboard.Navigation;
using Dashboard.Shared;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Features.Overview;

/// <summary>Reads the Overview's figures from the store; every aggregation runs in SQL, once per range and state of the store (<see cref="ViewCache"/>).</summary>
public sealed partial class OverviewService(IDbContextFactory<DashboardDbContext> dbFactory, ILogger<OverviewService> logger, ViewCache? cache = null)
{
    public Task<OverviewView> LoadAsync(DayRange range, CancellationToken ct) =>
        cache.GetOrComputeAsync(ViewCacheExtensions.Key("overview", range.From, range.To), c => ComputeAsync(range, c), ct);

    private async Task<OverviewView> ComputeAsync(DayRange range, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (from, to) = (range.FromUtc, range.ToExclusiveUtc);
        var sources = await db.DataSources.AsNoTracking().ToDictionaryAsync(s => s.Id, ct);
        var inRange = db.Orders.AsNoTracking().Where(o => o.PlacedAtUtc >= from && o.PlacedAtUtc < to);

        var bySourceMonth = await inRange
            .GroupBy(o => new { o.PlacedAtUtc.Year, o.PlacedAtUtc.Month, o.SourceId })
            .Select(g => new { g.Key.Year, g.Key.Month, g.Key.SourceId, Revenue = g.Sum(o => o.Total), Orders = g.Count() })
            .ToListAsync(ct);
        var activeByMonth = await inRange
            .GroupBy(o => new { o.PlacedAtUtc.Year, o.PlacedAtUtc.Month })
            .Select(g => new { g.Key.Year, g.Key.Month, Active = g.Select(o => o.CustomerId).Distinct().Count() })
            .ToListAsync(ct);
        // A customer is new in the month of their first-ever order (over all history, not only the range).
        var newByMonth = await db.Orders.AsNoTracking()
            .GroupBy(o => o.CustomerId)
            .Select(g => g.Min(o => o.PlacedAtUtc))
            .Where(first => first >= from && first < to)
            .GroupBy(first => new { first.Year, first.Month })
            .Select(g => new { g.Key.Year, g.Key.Month, New = g.Count() })
            .ToListAsync(ct);
        var customers = await db.Customers.CountAsync(ct);
        var active = await inRange.Select(o => o.CustomerId).Distinct().CountAsync(ct);
        var freshness = await LoadFreshnessAsync(db, ct);

        var newLookup = newByMonth.ToDictionary(n => (n.Year, n.Month), n => n.New);
        var kpis = new OverviewKpis(customers, active, newByMonth.Sum(n => n.New), bySourceMonth.Sum(r => r.Orders), bySourceMonth.Sum(r => r.Revenue));
        var view = new OverviewView(
            range,
            kpis,
            bySourceMonth.OrderBy(r => r.Year).ThenBy(r => r.Month).ThenBy(r => r.SourceId)
                .Select(r => new MonthSourceRevenue(new DateOnly(r.Year, r.Month, 1), sources[r.SourceId].Name, r.Revenue)).ToList(),
            bySourceMonth.GroupBy(r => r.SourceId)
                .Select(g => new SourceRevenue(sources[g.Key].Name, g.Sum(r => r.Revenue), g.Sum(r => r.Orders)))
                .OrderByDescending(s => s.Revenue).ToList(),
            activeByMonth.OrderBy(a => a.Year).ThenBy(a => a.Month)
                .Select(a =>
                {
                    var fresh = newLookup.GetValueOrDefault((a.Year, a.Month));
                    return new MonthCustomers(new DateOnly(a.Year, a.Month, 1), fresh, a.Active - fresh);
                }).ToList(),
            freshness);
        LogLoaded(logger, range.ToString(), kpis.Orders);
        return view;
    }

    private static async Task<IReadOnlyList<SourceFreshness>> LoadFreshnessAsync(DashboardDbContext db, CancellationToken ct)
    {
        var lastOrders = await db.Orders.AsNoTracking().GroupBy(o => o.SourceId)
            .Select(g => new { g.Key, Last = g.Max(o => o.PlacedAtUtc) }).ToDictionaryAsync(x => x.Key, x => x.Last, ct);
        var lastTouches = await db.Touchpoints.AsNoTracking().GroupBy(t => t.SourceId)
            .Select(g => new { g.Key, Last = g.Max(t => t.OccurredAtUtc) }).ToDictionaryAsync(x => x.Key, x => x.Last, ct);
        var identities = await db.SourceIdentities.AsNoTracking().GroupBy(i => i.SourceId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var sources = await db.DataSources.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct);
        return sources.Select(s => new SourceFreshness(s.Code, s.Name,
                lastOrders.TryGetValue(s.Id, out var o) ? o : null,
                lastTouches.TryGetValue(s.Id, out var t) ? t : null,
                identities.GetValueOrDefault(s.Id)))
            .ToList();
    }

    [LoggerMessage(LogLevel.Debug, "Loaded overview for {Range}: {Orders} orders")]
    private static partial void LogLoaded(ILogger logger, string range, int orders);
}
