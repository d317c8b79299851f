using Dashboard.Data;
using Dashboard.Data.Seed;
using Dashboard.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Data.Seed;

/// <summary>
/// The seeder's PostgreSQL path (binary COPY, staged campaign assignments, TRUNCATE, identity sequences) writes the
/// very brand its SQLite path writes: same rows, same sums, same resolution, read back through EF on each store.
/// </summary>
[Trait("Category", "Postgres")]
public class PostgresSeedTests
{
    private static readonly DemoBrandSettings Brand = new(1_500, 5);

    [Fact]
    public async Task Seed_SameBrandOnBothProviders_StoresTheSameData()
    {
        await using var sqlite = await TestDatabase.CreateAsync(StoreProvider.Sqlite);
        await using var postgres = await TestDatabase.CreateAsync(StoreProvider.Postgres);

        var sqliteResult = await new DemoBrandSeeder(sqlite.Factory).SeedAsync(Brand, null, CancellationToken.None);
        var postgresResult = await new DemoBrandSeeder(postgres.Factory).SeedAsync(Brand, null, CancellationToken.None);

        Assert.Equal(sqliteResult.Rows.OrderBy(r => r.Key), postgresResult.Rows.OrderBy(r => r.Key));
        Assert.Equal(await SummaryAsync(sqlite), await SummaryAsync(postgres));
    }

    [Fact]
    public async Task Seed_Twice_ReplacesTheBrandAndLaterInsertsGetFreshIds()
    {
        await using var db = await TestDatabase.CreateAsync(StoreProvider.Postgres);
        await new DemoBrandSeeder(db.Factory).SeedAsync(new DemoBrandSettings(300, 1), null, CancellationToken.None);

        var second = await new DemoBrandSeeder(db.Factory).SeedAsync(new DemoBrandSettings(200, 2), null, CancellationToken.None);

        await using var context = await db.Factory.CreateDbContextAsync();
        Assert.Equal(second.Customers, await context.Customers.CountAsync());
        Assert.Equal(second.Orders, await context.Orders.LongCountAsync());
        // The identity sequence moved past the seeded ids: a database-chosen id does not collide.
        context.Products.Add(new Dashboard.Data.Entities.Product { Sku = "NEW-1", Name = "New", Category = "serum", Price = 1 });
        await context.SaveChangesAsync();
        Assert.True(await context.Products.MaxAsync(p => p.Id) > 0);
    }

    private static async Task<string> SummaryAsync(TestDatabase db)
    {
        await using var c = await db.Factory.CreateDbContextAsync();
        var customers = await c.Customers.AsNoTracking().OrderBy(x => x.Id)
            .Select(x => new { x.Id, x.Name, x.Gender, x.City, x.OrderCount, x.IdentityCount, x.ConsentSms, x.ConsentAds, x.FirstSeenUtc, x.LastOrderUtc })
            .ToListAsync();
        var orders = await c.Orders.AsNoTracking().GroupBy(o => o.CustomerId)
            .Select(g => new { Customer = g.Key, Count = g.Count(), Total = g.Sum(o => o.Total), Last = g.Max(o => o.PlacedAtUtc) })
            .OrderBy(g => g.Customer).ToListAsync();
        var assignments = await c.CampaignAssignments.AsNoTracking().OrderBy(a => a.CampaignId).ThenBy(a => a.CustomerId)
            .Select(a => new { a.CampaignId, a.CustomerId, a.Arm, a.IsControl }).ToListAsync();
        var lines = await c.OrderLines.AsNoTracking().SumAsync(l => l.Amount);
        var touchpoints = await c.Touchpoints.AsNoTracking().GroupBy(t => t.Type).Select(g => new { g.Key, Count = g.Count() }).OrderBy(g => g.Key).ToListAsync();
        var truths = await c.DemoTruths.AsNoTracking().OrderBy(t => t.Key).Select(t => t.Key + t.Json).ToListAsync();
        var keys = await c.IdentityKeys.AsNoTracking().CountAsync();
        var blocks = await c.IdentifierBlocks.AsNoTracking().OrderBy(b => b.Kind).ThenBy(b => b.Value).Select(b => b.Value + b.Records).ToListAsync();
        // DateTime kinds differ (Unspecified from SQLite, Utc from PostgreSQL); the instants must not.
        return string.Join("\n", customers.Select(x => $"{x.Id}|{x.Name}|{x.Gender}|{x.City}|{x.OrderCount}|{x.IdentityCount}|{x.ConsentSms}|{x.ConsentAds}|{x.FirstSeenUtc.Ticks}|{x.LastOrderUtc?.Ticks}"))
            + "\n" + string.Join("\n", orders.Select(o => $"{o.Customer}|{o.Count}|{Math.Round(o.Total, 6)}|{o.Last.Ticks}"))
            + "\n" + string.Join("\n", assignments.Select(a => $"{a.CampaignId}|{a.CustomerId}|{a.Arm}|{a.IsControl}"))
            + $"\n{Math.Round(lines, 4)}\n{string.Join(",", touchpoints)}\n{string.Join("\n", truths)}\n{keys}\n{string.Join(",", blocks)}";
    }
}
