using Dashboard.Data.Identity;
using Dashboard.Data.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;

namespace Dashboard.Data;

/// <summary>Applies migrations at start-up and seeds the demo brand into an empty store.</summary>
public sealed partial class DatabaseInitializer(
    IDbContextFactory<DashboardDbContext> dbFactory,
    IOptions<DemoOptions> demoOptions,
    IdentityService identity,
    ILogger<DatabaseInitializer> logger)
{
    public async Task MigrateAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!db.Database.IsSqlite())
        {
            // Npgsql's migrator reads the history table without checking that it exists and logs the failure as an
            // error on every first start (npgsql/efcore.pg#3407); creating it first (idempotent) spares operators that.
            await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), ct);
        }
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            // WAL lets pages read while an import or a model run writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        // A store whose identities were never resolved here (from before identity resolution): resolve it once.
        if (await db.SourceIdentities.AnyAsync(ct) && !await db.IdentityKeys.AnyAsync(ct))
        {
            await identity.ResolveAllAsync(ct);
        }
    }

    /// <summary>Migrates, then seeds the demo brand when the store has no customers and seeding is enabled.</summary>
    public async Task PrepareAsync(CancellationToken ct = default)
    {
        await MigrateAsync(ct);
        var demo = demoOptions.Value;
        if (!demo.SeedOnFirstStart)
        {
            return;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Customers.AnyAsync(ct))
        {
            return;
        }
        LogSeeding(logger, demo.Customers, demo.Seed);
        var result = await new DemoBrandSeeder(dbFactory).SeedAsync(new DemoBrandSettings(demo.Customers, demo.Seed), null, ct);
        LogSeeded(logger, result.Customers, result.OrderLines, result.Elapsed.TotalSeconds);
    }

    [LoggerMessage(LogLevel.Information, "Empty store: seeding the demo brand with {Customers} customers (seed {Seed})")]
    private static partial void LogSeeding(ILogger logger, int customers, int seed);

    [LoggerMessage(LogLevel.Information, "Seeded {Customers} customers and {OrderLines} order lines in {Seconds:F1} s")]
    private static partial void LogSeeded(ILogger logger, int customers, long orderLines, double seconds);
}
