using Dashboard.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.TestSupport;

/// <summary>
/// A migrated SQLite store in a temporary file, deleted on dispose. Feature-service and import tests
/// create contexts from <see cref="Factory"/> exactly as the app does.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string path)
    {
        FilePath = path;
        ConnectionString = $"Data Source={path};Pooling=False";
        Factory = new PooledFactory(new DbContextOptionsBuilder<DashboardDbContext>().UseSqlite(ConnectionString).Options);
    }

    public string FilePath { get; }

    public string ConnectionString { get; }

    public IDbContextFactory<DashboardDbContext> Factory { get; }

    /// <summary>Settings that point the app or the CLI at this database.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:Dashboard"] = ConnectionString,
        ["Demo:SeedOnFirstStart"] = "false",
    };

    public static async Task<TestDatabase> CreateAsync()
    {
        var db = new TestDatabase(Path.Combine(Path.GetTempPath(), $"dashboard-test-{Guid.NewGuid():N}.db"));
        await using var context = await db.Factory.CreateDbContextAsync();
        await context.Database.MigrateAsync();
        return db;
    }

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        await Task.Yield();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(FilePath + suffix);
        }
    }

    private sealed class PooledFactory(DbContextOptions<DashboardDbContext> options) : IDbContextFactory<DashboardDbContext>
    {
        public DashboardDbContext CreateDbContext() => new(options);
    }
}
