using Dashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.TestSupport;

/// <summary>
/// A migrated store, thrown away on dispose: a temporary SQLite file, or (when the run's provider is PostgreSQL,
/// see <see cref="PostgresTestServer"/>) a fresh database on the test server. Feature-service and import tests
/// create contexts from <see cref="Factory"/> exactly as the app does.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(StoreProvider provider, string connectionString, string? filePath)
    {
        Provider = provider;
        ConnectionString = connectionString;
        FilePath = filePath;
        Factory = StoreProviders.Factory(provider, connectionString);
    }

    public StoreProvider Provider { get; }

    /// <summary>The SQLite file (null on PostgreSQL).</summary>
    public string? FilePath { get; }

    public string ConnectionString { get; }

    public IDbContextFactory<DashboardDbContext> Factory { get; }

    /// <summary>Settings that point the app or the CLI at this database.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Database:Provider"] = Provider.ToString().ToLowerInvariant(),
        ["ConnectionStrings:Dashboard"] = ConnectionString,
        ["Demo:SeedOnFirstStart"] = "false",
    };

    /// <summary>A migrated store on this run's provider (<see cref="PostgresTestServer.Provider"/>).</summary>
    public static Task<TestDatabase> CreateAsync() => CreateAsync(PostgresTestServer.Provider);

    public static async Task<TestDatabase> CreateAsync(StoreProvider provider)
    {
        if (provider == StoreProvider.Postgres)
        {
            return new TestDatabase(provider, await PostgresTestServer.CreateMigratedDatabaseAsync(), null);
        }
        var path = Path.Combine(Path.GetTempPath(), $"dashboard-test-{Guid.NewGuid():N}.db");
        var db = new TestDatabase(provider, $"Data Source={path};Pooling=False", path);
        await using var context = await db.Factory.CreateDbContextAsync();
        await context.Database.MigrateAsync();
        return db;
    }

    public async ValueTask DisposeAsync()
    {
        StoreProviders.ClearPools(Provider);
        await Task.Yield();
        if (Provider == StoreProvider.Postgres)
        {
            PostgresTestServer.Drop(ConnectionString);
            return;
        }
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(FilePath + suffix);
        }
    }
}
