using System.Data.Common;

namespace Dashboard.Data.Import;

/// <summary>
/// SQLite only: drops the non-unique indexes of some tables inside the import's transaction and creates them again
/// (from the exact SQL SQLite kept for them) before it commits. Building an index from sorted rows costs about half
/// as much per entry as inserting each new row into it at its place, but it reads the whole table, so it only pays
/// when the file adds most of the table (CsvImporter.ShouldDeferIndexes). DDL is transactional in SQLite: a rollback (a rejected file, a crash) brings
/// the indexes back as they were, so the all-or-nothing guarantee holds; other connections keep reading their
/// snapshot with the indexes until the commit. Unique indexes stay: ON CONFLICT and the duplicate checks need them.
/// </summary>
internal sealed class DeferredIndexes
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly List<(string Name, string Sql)> _dropped = [];

    private DeferredIndexes(DbConnection connection, DbTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    /// <summary>Drops the non-unique indexes of <paramref name="tables"/>; call <see cref="Restore"/> before committing.</summary>
    public static DeferredIndexes Drop(DbConnection connection, DbTransaction transaction, params string[] tables)
    {
        var deferred = new DeferredIndexes(connection, transaction);
        foreach (var table in tables)
        {
            // origin 'c': made by CREATE INDEX (not a UNIQUE or PRIMARY KEY constraint), so its SQL is kept and re-runnable.
            using var command = deferred.Command("""
                SELECT l."name", m."sql" FROM pragma_index_list(@table) l JOIN sqlite_master m ON m."name" = l."name"
                WHERE l."unique" = 0 AND l."origin" = 'c' AND m."type" = 'index'
                ORDER BY l."name"
                """);
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@table";
            parameter.Value = table;
            command.Parameters.Add(parameter);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                deferred._dropped.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        foreach (var (name, _) in deferred._dropped)
        {
            deferred.Execute($"DROP INDEX \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"");
        }
        return deferred;
    }

    /// <summary>Creates the dropped indexes again, in the same transaction.</summary>
    public void Restore()
    {
        foreach (var (_, sql) in _dropped)
        {
            Execute(sql);
        }
        _dropped.Clear();
    }

    private void Execute(string sql)
    {
        using var command = Command(sql);
        command.ExecuteNonQuery();
    }

    private DbCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        return command;
    }
}
