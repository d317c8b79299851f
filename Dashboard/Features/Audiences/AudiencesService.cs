using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Features.Segments;
using Dashboard.Shared;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Features.Audiences;

/// <summary>
/// Saved audiences: definitions (segment filters re-evaluated on the latest snapshot whenever they are read) and
/// frozen membership snapshots. Every count and sum runs in SQL over the membership query.
/// </summary>
public sealed partial class AudiencesService(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider clock, ILogger<AudiencesService> logger, ViewCache? cache = null)
{
    public async Task<IReadOnlyList<AudienceRow>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var audiences = await db.Audiences.AsNoTracking().OrderBy(a => a.Name).ToListAsync(ct);
        var snapshots = await db.AudienceSnapshots.AsNoTracking()
            .GroupBy(s => s.AudienceId)
            .Select(g => new { AudienceId = g.Key, Count = g.Count(), LatestId = g.Max(s => s.Id) })
            .ToListAsync(ct);
        var latestIds = snapshots.Select(s => s.LatestId).ToList();
        var latest = await db.AudienceSnapshots.AsNoTracking().Where(s => latestIds.Contains(s.Id)).ToDictionaryAsync(s => s.AudienceId, ct);
        var counts = snapshots.ToDictionary(s => s.AudienceId, s => s.Count);
        return audiences.Select(a => new AudienceRow(a.Id, a.Name, AudienceFilters.ToFilter(a), a.CreatedUtc, counts.GetValueOrDefault(a.Id),
            latest.TryGetValue(a.Id, out var s) ? ToRow(s) : null, a.LookalikeRunId)).ToList();
    }

    public async Task<IReadOnlyList<SourceOption>> SourcesAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.DataSources.AsNoTracking().OrderBy(s => s.Id).Select(s => new SourceOption(s.Code, s.Name)).ToListAsync(ct);
    }

    /// <summary>The filter evaluated on its period (or the latest stored one).</summary>
    public Task<AudiencePreview> PreviewAsync(CustomerSegmentFilter filter, CancellationToken ct) =>
        cache.GetOrComputeAsync(ViewCacheExtensions.Key("audience-preview", filter), async c =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(c);
            return await PreviewAsync(db, filter, c);
        }, ct);

    /// <summary>Saves a definition under a unique name; returns the id or a message naming what is wrong.</summary>
    public async Task<SaveAudienceResult> SaveAsync(string? name, CustomerSegmentFilter filter, CancellationToken ct)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length is 0 or > 120)
        {
            return new SaveAudienceResult(null, SaveAudienceResult.NameMissing, trimmed);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Audiences.AnyAsync(a => a.Name == trimmed, ct))
        {
            return new SaveAudienceResult(null, SaveAudienceResult.NameTaken, trimmed);
        }
        var audience = new Audience { Name = trimmed, CreatedUtc = clock.GetUtcNow().UtcDateTime };
        AudienceFilters.CopyTo(filter, audience);
        db.Audiences.Add(audience);
        await db.SaveChangesAsync(ct);
        LogSaved(logger, audience.Id, trimmed);
        return new SaveAudienceResult(audience.Id, null, trimmed);
    }

    public async Task<AudienceDetail?> LoadAsync(long id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var audience = await db.Audiences.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (audience is null)
        {
            return null;
        }
        var filter = AudienceFilters.ToFilter(audience);
        var snapshots = await db.AudienceSnapshots.AsNoTracking().Where(s => s.AudienceId == id)
            .OrderByDescending(s => s.Id).ToListAsync(ct);
        var now = audience.LookalikeRunId is null
            ? await PreviewAsync(db, filter, ct)
            : snapshots.Count == 0 ? AudiencePreview.None
            : await PreviewMembersAsync(db, snapshots[0].PeriodEnd, db.AudienceMembers.Where(m => m.AudienceSnapshotId == snapshots[0].Id).Select(m => m.CustomerId), ct);
        return new AudienceDetail(audience.Id, audience.Name, filter, audience.CreatedUtc, now,
            snapshots.Select(ToRow).ToList(), audience.LookalikeRunId);
    }

    /// <summary>
    /// Freezes the current membership: evaluates the definition on the latest period and stores every member's id.
    /// Ids stream from one context into the other's transaction. Null when the audience or any segment period is missing.
    /// </summary>
    public async Task<AudienceSnapshotRow?> FreezeAsync(long id, CancellationToken ct)
    {
        await using var reader = await dbFactory.CreateDbContextAsync(ct);
        var audience = await reader.Audiences.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        // A lookalike audience has no definition to re-evaluate: its membership is the snapshot it was saved with.
        if (audience is null || audience.LookalikeRunId is not null || await SegmentMembership.SelectAsync(reader, AudienceFilters.ToFilter(audience), ct) is not { } selection)
        {
            return null;
        }
        await using var writer = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await writer.Database.BeginTransactionAsync(ct);
        var snapshot = new AudienceSnapshot
        {
            AudienceId = id, TakenUtc = clock.GetUtcNow().UtcDateTime, PeriodEnd = selection.PeriodEnd,
            Customers = await selection.Rows.CountAsync(ct), Revenue = await selection.Rows.SumAsync(r => r.Revenue, ct),
        };
        writer.AudienceSnapshots.Add(snapshot);
        await writer.SaveChangesAsync(ct);
        var members = selection.CustomerIds.OrderBy(c => c).AsAsyncEnumerable();
        await BulkInsert.InsertAsync(writer, Members(members, snapshot.Id, ct), ct);
        await transaction.CommitAsync(ct);
        LogFrozen(logger, id, snapshot.Customers, selection.PeriodEnd);
        return ToRow(snapshot);
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var snapshotIds = db.AudienceSnapshots.Where(s => s.AudienceId == id).Select(s => s.Id);
        await db.AudienceMembers.Where(m => snapshotIds.Contains(m.AudienceSnapshotId)).ExecuteDeleteAsync(ct);
        await db.AudienceSnapshots.Where(s => s.AudienceId == id).ExecuteDeleteAsync(ct);
        return await db.Audiences.Where(a => a.Id == id).ExecuteDeleteAsync(ct) > 0;
    }

    /// <summary>
    /// An audience's member ids as a query: a frozen snapshot's, or the definition evaluated on the latest period.
    /// Null when the audience or snapshot does not exist, or no segment period is stored.
    /// </summary>
    public static async Task<IQueryable<long>?> MembersAsync(DashboardDbContext db, long audienceId, long? snapshotId, CancellationToken ct)
    {
        if (snapshotId is { } sid)
        {
            var exists = await db.AudienceSnapshots.AnyAsync(s => s.Id == sid && s.AudienceId == audienceId, ct);
            return exists ? db.AudienceMembers.AsNoTracking().Where(m => m.AudienceSnapshotId == sid).Select(m => m.CustomerId) : null;
        }
        var audience = await db.Audiences.AsNoTracking().FirstOrDefaultAsync(a => a.Id == audienceId, ct);
        if (audience?.LookalikeRunId is not null)
        {
            // A lookalike audience's members are its latest frozen snapshot (it has no filter to re-evaluate).
            var latest = await db.AudienceSnapshots.Where(s => s.AudienceId == audienceId).MaxAsync(s => (long?)s.Id, ct);
            return latest is { } l ? db.AudienceMembers.AsNoTracking().Where(m => m.AudienceSnapshotId == l).Select(m => m.CustomerId) : null;
        }
        return audience is null ? null : (await SegmentMembership.SelectAsync(db, AudienceFilters.ToFilter(audience), ct))?.CustomerIds;
    }

    /// <summary>Counts for a fixed member list (a lookalike audience): revenue from all their orders, no CLV.</summary>
    private static async Task<AudiencePreview> PreviewMembersAsync(DashboardDbContext db, DateOnly period, IQueryable<long> ids, CancellationToken ct) =>
        new(period,
            await ids.CountAsync(ct),
            await db.Orders.Where(o => ids.Contains(o.CustomerId)).SumAsync(o => o.Total, ct),
            null,
            await db.Customers.CountAsync(c => ids.Contains(c.Id) && !c.ConsentAds, ct),
            await db.Customers.CountAsync(c => ids.Contains(c.Id) && c.ConsentAds && c.Identities.Any(i => i.Phone != null || i.Email != null), ct));

    private static async Task<AudiencePreview> PreviewAsync(DashboardDbContext db, CustomerSegmentFilter filter, CancellationToken ct)
    {
        if (await SegmentMembership.SelectAsync(db, filter, ct) is not { } selection)
        {
            return AudiencePreview.None;
        }
        var ids = selection.CustomerIds;
        return new AudiencePreview(
            selection.PeriodEnd,
            await selection.Rows.CountAsync(ct),
            await selection.Rows.SumAsync(r => r.Revenue, ct),
            await selection.Rows.AverageAsync(r => r.PredictedClv, ct),
            await db.Customers.CountAsync(c => ids.Contains(c.Id) && !c.ConsentAds, ct),
            await db.Customers.CountAsync(c => ids.Contains(c.Id) && c.ConsentAds && c.Identities.Any(i => i.Phone != null || i.Email != null), ct));
    }

    private static async IAsyncEnumerable<AudienceMember> Members(IAsyncEnumerable<long> ids, long snapshotId,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var id in ids.WithCancellation(ct))
        {
            yield return new AudienceMember { AudienceSnapshotId = snapshotId, CustomerId = id };
        }
    }

    private static AudienceSnapshotRow ToRow(AudienceSnapshot s) => new(s.Id, s.TakenUtc, s.PeriodEnd, s.Customers, s.Revenue);

    [LoggerMessage(LogLevel.Information, "Saved audience #{AudienceId} '{Name}'")]
    private static partial void LogSaved(ILogger logger, long audienceId, string name);

    [LoggerMessage(LogLevel.Information, "Froze audience #{AudienceId}: {Customers} customers on period {Period}")]
    private static partial void LogFrozen(ILogger logger, long audienceId, int customers, DateOnly period);
}
