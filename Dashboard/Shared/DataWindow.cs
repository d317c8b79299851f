using Dashboard.Data;
using Dashboard.Navigation;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Shared;

/// <summary>
/// The span of the store's order history, and the default date range of every page: the twelve months up
/// to the latest order (so the demo brand, whose history ends on a fixed day, opens on real data), else up to today.
/// </summary>
public sealed class DataWindow(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>First and last order day; today for both when the store has no orders.</summary>
    public async Task<DayRange> ExtentAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // The (PlacedAtUtc, ...) index answers MIN and MAX without a scan.
        var first = await db.Orders.MinAsync(o => (DateTime?)o.PlacedAtUtc, ct);
        var last = await db.Orders.MaxAsync(o => (DateTime?)o.PlacedAtUtc, ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return new DayRange(first is { } f ? DateOnly.FromDateTime(f) : today, last is { } l ? DateOnly.FromDateTime(l) : today);
    }

    public async Task<DayRange> DefaultRangeAsync(CancellationToken ct = default) =>
        DayRange.LastYear((await ExtentAsync(ct)).To);

    /// <summary>The range in the URL when it parses, else the default.</summary>
    public async Task<DayRange> ResolveAsync(string? from, string? to, CancellationToken ct = default) =>
        DayRange.TryParse(from, to) ?? await DefaultRangeAsync(ct);
}
