using System.Data.Common;
using System.Globalization;

namespace Dashboard.Data.Identity;

/// <summary>
/// Small ADO helpers for identity resolution's set-based writes: plain commands, temporary id tables filled with
/// one prepared INSERT, and readers. Everything runs on the caller's connection and transaction.
/// </summary>
internal static class IdentitySql
{
    public static int Execute(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    public static long Scalar(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteScalar() is { } value and not DBNull ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0;
    }

    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 600;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    /// <summary>(Re)creates an empty temporary table with the given column definitions.</summary>
    public static void TempTable(DbConnection connection, DbTransaction? transaction, string name, string columns)
    {
        Execute(connection, transaction, $"DROP TABLE IF EXISTS \"{name}\"");
        Execute(connection, transaction, $"CREATE TEMP TABLE \"{name}\" ({columns})");
    }

    /// <summary>Fills a table row by row with one prepared INSERT (ON CONFLICT DO NOTHING: duplicates are dropped).</summary>
    public static void Fill<T>(DbConnection connection, DbTransaction? transaction, string table, string[] columns, IEnumerable<T> rows, Func<T, object?[]> values)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) " +
            $"VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))}) ON CONFLICT DO NOTHING";
        var parameters = new DbParameter[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            parameters[i] = command.CreateParameter();
            parameters[i].ParameterName = $"@p{i}";
            command.Parameters.Add(parameters[i]);
        }
        var prepared = false;
        foreach (var row in rows)
        {
            var v = values(row);
            for (var i = 0; i < v.Length; i++)
            {
                parameters[i].Value = v[i] ?? DBNull.Value;
            }
            if (!prepared)
            {
                command.Prepare();
                prepared = true;
            }
            command.ExecuteNonQuery();
        }
    }

    /// <summary>A temporary table of ids (one 64-bit primary-key column "Id").</summary>
    public static void IdTable(DbConnection connection, DbTransaction? transaction, string name, IEnumerable<long> ids)
    {
        TempTable(connection, transaction, name, $"\"Id\" {StoreSql.Int64Key(connection)}");
        Fill(connection, transaction, name, ["Id"], ids, id => [id]);
    }

    public static List<long> Ids(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        using var reader = command.ExecuteReader();
        var ids = new List<long>();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }
        return ids;
    }
}
