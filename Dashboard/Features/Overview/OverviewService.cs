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

        // One pass over the range through the (PlacedAtUtc, SourceId, Total, CustomerId) covering index: revenue and
        // orders per month and source, and the distinct buyers per month and over the range, counted here (a SQL
        // COUNT(DISTINCT) per grouping would read the same rows three times and sort them twice).
        var bySourceMonth = new Dictionary<(int Year, int Month, int SourceId), (double Revenue, int Orders)>();
        var activeByMonth = new Dictionary<(int Year, int Month), HashSet<long>>();
        var activeInRange = new HashSet<long>();
        var rows = inRange.Select(o => new { o.PlacedAtUtc, o.SourceId, o.Total, o.CustomerId }).AsAsyncEnumerable();
        await foreach (var o in rows.WithCancellation(ct))
        {
            var month = (o.PlacedAtUtc.Year, o.PlacedAtUtc.Month);
            var cell = (month.Year, month.Month, o.SourceId);
            var (revenue, count) = bySourceMonth.GetValueOrDefault(cell);
            bySourceMonth[cell] = (revenue + o.Total, count + 1);
            if (!activeByMonth.TryGetValue(month, out var buyers))
            {
                activeByMonth[month] = buyers = [];
            }
            buyers.Add(o.CustomerId);
            activeInRange.Add(o.CustomerId);
        }
        // A customer is new in the month of their first-ever order (over all history, not only the range).
        var newByMonth = await db.Orders.AsNoTracking()
            .GroupBy(o => o.CustomerId)
            .Select(g => g.Min(o => o.PlacedAtUtc))
            .Where(first => first >= from && first < to)
            .GroupBy(first => new { first.Year, first.Month })
            .Select(g => new { g.Key.Year, g.Key.Month, New = g.Count() })
            .ToListAsync(ct);
        var customers = await db.Customers.CountAsync(ct);
        var freshness = await LoadFreshnessAsync(db, ct);

        var newLookup = newByMonth.ToDictionary(n => (n.Year, n.Month), n => n.New);
        var kpis = new OverviewKpis(customers, activeInRange.Count, newByMonth.Sum(n => n.New),
            bySourceMonth.Values.Sum(r => r.Orders), bySourceMonth.Values.Sum(r => r.Revenue));
        var view = new OverviewView(
            range,
            kpis,
            bySourceMonth.OrderBy(r => r.Key.Year).ThenBy(r => r.Key.Month).ThenBy(r => r.Key.SourceId)
                .Select(r => new MonthSourceRevenue(new DateOnly(r.Key.Year, r.Key.Month, 1), sources[r.Key.SourceId].Name, r.Value.Revenue)).ToList(),
            bySourceMonth.GroupBy(r => r.Key.SourceId)
                .Select(g => new SourceRevenue(sources[g.Key].Name, g.Sum(r => r.Value.Revenue), g.Sum(r => r.Value.Orders)))
                .OrderByDescending(s => s.Revenue).ToList(),
            activeByMonth.OrderBy(a => a.Key.Year).ThenBy(a => a.Key.Month)
                .Select(a =>
                {
                    var fresh = newLookup.GetValueOrDefault((a.Key.Year, a.Key.Month));
                    return new MonthCustomers(new DateOnly(a.Key.Year, a.Key.Month, 1), fresh, a.Value.Count - fresh);
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
