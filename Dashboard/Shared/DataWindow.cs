using Dashboard.Data;
using Dashboard.Navigation;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Shared;

/// <summary>
/// The default date range of every page: the twelve months up to the latest order in the store
/// (so the demo brand, whose history ends on a fixed day, opens on real data), else up to today.
/// </summary>
public sealed class DataWindow(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider clock)
{
    public async Task<DayRange> DefaultRangeAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var last = await db.Orders.MaxAsync(o => (DateTime?)o.PlacedAtUtc, ct);
        var end = DateOnly.FromDateTime(last ?? clock.GetUtcNow().UtcDateTime);
        return DayRange.LastYear(end);
    }

    /// <summary>The range in the URL when it parses, else the default.</summary>
    public async Task<DayRange> ResolveAsync(string? from, string? to, CancellationToken ct = default) =>
        DayRange.TryParse(from, to) ?? await DefaultRangeAsync(ct);
}
