using Dashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Features.Data;

public sealed class DataService(IDbContextFactory<DashboardDbContext> dbFactory)
{
    public async Task<int> SourceCountAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.DataSources.CountAsync(ct);
    }
}
