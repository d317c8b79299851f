using Dashboard.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Dashboard.Tests.TestSupport;

/// <summary>
/// The PostgreSQL server the store tests run against when <c>DASHBOARD_TEST_PROVIDER=postgres</c>: its admin
/// connection string comes from <c>DASHBOARD_TEST_POSTGRES</c> (scripts/test.sh starts a server on loopback and sets
/// both). Each test database is its own fresh database, created from a template migrated once per test run and
/// dropped after use.
/// </summary>
public static class PostgresTestServer
{
    public const string ProviderVariable = "DASHBOARD_TEST_PROVIDER";
    public const string ConnectionVariable = "DASHBOARD_TEST_POSTGRES";

    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? _template;

    /// <summary>The provider the store tests use in this run (SQLite unless DASHBOARD_TEST_PROVIDER says postgres).</summary>
    public static StoreProvider Provider { get; } = StoreProviders.Parse(Environment.GetEnvironmentVariable(ProviderVariable));

    /// <summary>The admin connection string (a role that may create databases); fails with how to get a server.</summary>
    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"The PostgreSQL store tests need a server: set {ConnectionVariable} to a connection string of a role that may " +
                "CREATE DATABASE (e.g. Host=127.0.0.1;Port=55432;Username=dashboard_test;Password=...;Database=postgres). " +
                "`eval \"$(bash scripts/postgres-test-server.sh)\"` installs Debian's postgresql when missing, starts one on " +
                "loopback and sets it; `bash scripts/test.sh` does all of this and runs the store tests on both providers.");

    /// <summary>A new, empty database (no tables); returns its connection string.</summary>
    public static string CreateEmptyDatabase() => CreateDatabase(template: null);

    /// <summary>A new database with every migration applied (copied from a template migrated once per run).</summary>
    public static async Task<string> CreateMigratedDatabaseAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (_template is null)
            {
                var connectionString = CreateEmptyDatabase();
                await using (var db = StoreProviders.Factory(StoreProvider.Postgres, connectionString).CreateDbContext())
                {
                    await db.Database.MigrateAsync();
                }
                // CREATE DATABASE … TEMPLATE needs the template to have no open connections.
                NpgsqlConnection.ClearAllPools();
                _template = new NpgsqlConnectionStringBuilder(connectionString).Database;
                AppDomain.CurrentDomain.ProcessExit += (_, _) => Drop(connectionString);
            }
            return CreateDatabase(_template);
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    /// <summary>Drops a database made here (closing its pooled and any other connections).</summary>
    public static void Drop(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        using (var connection = new NpgsqlConnection(StoreProviders.PostgresConnectionString(connectionString)))
        {
            NpgsqlConnection.ClearPool(connection);
        }
        Admin($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static string CreateDatabase(string? template)
    {
        var name = $"dashboard_test_{Guid.NewGuid():N}";
        Admin($"CREATE DATABASE \"{name}\"{(template is null ? "" : $" TEMPLATE \"{template}\"")}");
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    private static void Admin(string sql)
    {
        // No pooling: these connections must not keep a template or a dropped database busy.
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(AdminConnectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
