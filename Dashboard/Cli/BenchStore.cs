using Dashboard.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Dashboard.Cli;

/// <summary>
/// The throw-away store a bench verb measures: a temporary SQLite file (the default), or, with
/// <c>--postgres "Host=…;Username=…;Password=…"</c> (a role that may create databases), a fresh database on that
/// PostgreSQL server. Migrated as the app migrates; deleted or dropped on dispose.
/// </summary>
internal sealed class BenchStore : IAsyncDisposable
{
    public const string Option = "postgres";
    public const string Usage = "[--postgres ADMIN-CONNECTION-STRING]";

    private readonly string? _adminConnectionString;
    private readonly string? _path;

    private BenchStore(StoreProvider provider, string connectionString, string? path, string? adminConnectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _path = path;
        _adminConnectionString = adminConnectionString;
        Factory = StoreProviders.Factory(provider, connectionString);
    }

    public StoreProvider Provider { get; }

    public string ConnectionString { get; }

    public IDbContextFactory<DashboardDbContext> Factory { get; }

    /// <summary>Creates and migrates the store; <paramref name="sqlitePath"/> is used when <paramref name="postgresAdmin"/> is null.</summary>
    public static async Task<BenchStore> CreateAsync(string? postgresAdmin, string sqlitePath, CancellationToken ct)
    {
        BenchStore store;
        if (postgresAdmin is null)
        {
            store = new BenchStore(StoreProvider.Sqlite, $"Data Source={sqlitePath};Pooling=False", sqlitePath, null);
        }
        else
        {
            if (string.IsNullOrWhiteSpace(postgresAdmin) || !postgresAdmin.Contains("Host=", StringComparison.OrdinalIgnoreCase))
            {
                throw new CliUsageException("--postgres needs a connection string of a role that may create databases, e.g. " +
                    "--postgres \"Host=127.0.0.1;Port=5432;Username=dashboard;Password=...\"");
            }
            var name = $"dashboard_bench_{Guid.NewGuid():N}";
            await AdminAsync(postgresAdmin, $"CREATE DATABASE \"{name}\"", ct);
            store = new BenchStore(StoreProvider.Postgres,
                new NpgsqlConnectionStringBuilder(postgresAdmin) { Database = name }.ConnectionString, null, postgresAdmin);
        }
        await using var db = await store.Factory.CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
        if (store.Provider == StoreProvider.Sqlite)
        {
            // As the app runs its store (DatabaseInitializer).
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        return store;
    }

    /// <summary>The database's size on disk in MB (file, or pg_database_size).</summary>
    public async Task<double> SizeMbAsync(CancellationToken ct)
    {
        if (_path is not null)
        {
            return Math.Round(new FileInfo(_path).Length / 1024.0 / 1024.0, 1);
        }
        await using var db = await Factory.CreateDbContextAsync(ct);
        var bytes = await db.Database.SqlQueryRaw<long>("SELECT pg_database_size(current_database()) AS \"Value\"").SingleAsync(ct);
        return Math.Round(bytes / 1024.0 / 1024.0, 1);
    }

    public async ValueTask DisposeAsync()
    {
        StoreProviders.ClearPools(Provider);
        if (_adminConnectionString is not null)
        {
            var name = new NpgsqlConnectionStringBuilder(ConnectionString).Database;
            await AdminAsync(_adminConnectionString, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", CancellationToken.None);
        }
        else if (_path is not null)
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(_path + suffix);
            }
        }
    }

    private static async Task AdminAsync(string adminConnectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(adminConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
