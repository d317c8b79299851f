using Dashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Features.Overview;

public sealed class OverviewService(IDbContextFactory<DashboardDbContext> dbFactory)
{
    public async Task<int> CustomerCountAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Customers.CountAsync(ct);
    }
}
