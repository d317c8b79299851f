using System.Data.Common;
using Npgsql;

namespace Dashboard.Data;

/// <summary>
/// The few places where the store's hand-written SQL must differ between SQLite and PostgreSQL. Everything else is
/// written once in the common subset: quoted identifiers, @parameters, ON CONFLICT, RETURNING, UPDATE … FROM.
/// </summary>
internal static class StoreSql
{
    public static bool IsPostgres(DbConnection connection) => connection is NpgsqlConnection;

    /// <summary>
    /// A 64-bit integer primary-key column type: SQLite's INTEGER PRIMARY KEY is the row id itself (no second B-tree),
    /// PostgreSQL's INTEGER is 32-bit, so it gets BIGINT.
    /// </summary>
    public static string Int64Key(DbConnection connection) => IsPostgres(connection) ? "BIGINT PRIMARY KEY" : "INTEGER PRIMARY KEY";

    /// <summary>
    /// After rows were written with explicit ids (the seeder, new profiles): moves each table's "Id" identity sequence
    /// past the largest id, so later inserts that let the database choose (imports, EF) do not collide. SQLite needs
    /// nothing (its row ids continue from the largest).
    /// </summary>
    public static void SyncIdentities(DbConnection connection, DbTransaction? transaction, params string[] tables)
    {
        if (!IsPostgres(connection))
        {
            return;
        }
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // pg_get_serial_sequence is null for a table whose Id is not generated: setval(null, …) then does nothing.
        command.CommandText = string.Join(";\n", tables.Select(t =>
            $"SELECT setval(pg_get_serial_sequence('\"{t}\"', 'Id'), (SELECT COALESCE(MAX(\"Id\"), 0) + 1 FROM \"{t}\"), false)"));
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// For a model run's big reads and snapshot writes on SQLite: a page cache of <paramref name="megabytes"/> and
    /// in-memory temporary B-trees (GROUP BY, DISTINCT) on the context's connection (SQLite's default is 2 MB, so index maintenance on a snapshot table of millions of rows
    /// rereads pages from the OS), restored when disposed because the connection goes back to the pool. PostgreSQL
    /// sizes its shared buffers itself: nothing happens there.
    /// </summary>
    public static async Task<IAsyncDisposable> LargePageCacheAsync(Microsoft.EntityFrameworkCore.DbContext db, int megabytes, CancellationToken ct,
        bool temporaryInMemory = true)
    {
        var connection = Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetDbConnection(db.Database);
        if (IsPostgres(connection))
        {
            return new Restore(null);
        }
        await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.OpenConnectionAsync(db.Database, ct);
        await Pragma(connection, $"PRAGMA cache_size = -{megabytes * 1024}; PRAGMA temp_store = {(temporaryInMemory ? "MEMORY" : "FILE")};", ct);
        return new Restore(connection);
    }

    private static async Task Pragma(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private sealed class Restore(DbConnection? connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (connection is not null)
            {
                await Pragma(connection, "PRAGMA cache_size = -2000; PRAGMA temp_store = DEFAULT;", CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// A model run's read on a connection of its own (from <paramref name="dbFactory"/>), so independent reads run side by
    /// side (SQLite in WAL mode reads concurrently); a scan wants only a modest page cache, its GROUP BY in memory. A read
    /// whose GROUP BY sorts tens of millions of rows (<paramref name="sortOnDisk"/>) spills its sort to temporary files
    /// instead: in memory it would hold every row of the sort at once.
    /// </summary>
    public static async Task<T> ReadAloneAsync<T>(
        this Microsoft.EntityFrameworkCore.IDbContextFactory<DashboardDbContext> dbFactory, Func<DashboardDbContext, Task<T>> read, CancellationToken ct,
        bool sortOnDisk = false)
    {
        await Task.Yield();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var cache = await LargePageCacheAsync(db, 16, ct, temporaryInMemory: !sortOnDisk);
        return await read(db);
    }
}
