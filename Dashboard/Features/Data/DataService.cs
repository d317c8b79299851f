using Dashboard.Data;
using Dashboard.Shared;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Features.Data;

/// <summary>What is in the store: row counts, sources and the import history.</summary>
public sealed class DataService(IDbContextFactory<DashboardDbContext> dbFactory, ViewCache? cache = null)
{
    /// <summary>Row counts cost a scan of each table: computed once per state of the store (imports and runs are part of it).</summary>
    public Task<DataView> LoadAsync(CancellationToken ct) => cache.GetOrComputeAsync(ViewCacheExtensions.Key("data"), ComputeAsync, ct);

    private async Task<DataView> ComputeAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        TableCount[] tables =
        [
            new("Customers", await db.Customers.LongCountAsync(ct)),
            new("Source identities", await db.SourceIdentities.LongCountAsync(ct)),
            new("Orders", await db.Orders.LongCountAsync(ct)),
            new("Order lines", await db.OrderLines.LongCountAsync(ct)),
            new("Products", await db.Products.LongCountAsync(ct)),
            new("Touchpoints", await db.Touchpoints.LongCountAsync(ct)),
            new("Channel spend weeks", await db.ChannelSpends.LongCountAsync(ct)),
            new("Campaigns", await db.Campaigns.LongCountAsync(ct)),
        ];
        var identities = await db.SourceIdentities.AsNoTracking().GroupBy(i => i.SourceId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var orders = await db.Orders.AsNoTracking().GroupBy(o => o.SourceId)
            .Select(g => new { g.Key, Count = g.Count(), Last = g.Max(o => o.PlacedAtUtc) }).ToDictionaryAsync(x => x.Key, ct);
        var sources = (await db.DataSources.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct))
            .Select(s => new SourceRow(s.Code, s.Name, s.Kind.ToString(), identities.GetValueOrDefault(s.Id),
                orders.TryGetValue(s.Id, out var o) ? o.Count : 0, orders.TryGetValue(s.Id, out var l) ? l.Last : null))
            .ToList();
        var imports = await db.ImportRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(20)
            .Select(r => new ImportRunRow(r.Id, r.Kind, r.FileName, r.StartedUtc,
                r.FinishedUtc == null ? null : (r.FinishedUtc.Value - r.StartedUtc).TotalSeconds,
                r.RowsRead, r.RowsInserted, r.RowsUnchanged, r.Status, r.Message))
            .ToListAsync(ct);
        var runs = await db.ModelRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(20)
            .Select(r => new ModelRunRow(r.Id, r.Kind, r.RequestedUtc,
                r.FinishedUtc == null || r.StartedUtc == null ? null : (r.FinishedUtc.Value - r.StartedUtc.Value).TotalSeconds,
                r.Status, r.Error))
            .ToListAsync(ct);
        return new DataView(tables, sources, imports, runs);
    }
}
