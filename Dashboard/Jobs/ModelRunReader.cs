using Dashboard.Data;
using Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Jobs;

/// <summary>Reads recorded model runs: the latest of a kind, the latest successful one, the recent history.</summary>
public sealed class ModelRunReader(IDbContextFactory<DashboardDbContext> dbFactory)
{
    public async Task<ModelRun?> LatestAsync(string kind, bool succeededOnly, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ModelRuns.AsNoTracking()
            .Where(r => r.Kind == kind && (!succeededOnly || r.Status == JobQueue.Succeeded))
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<ModelRun>> RecentAsync(int count, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ModelRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(count).ToListAsync(ct);
    }
}
