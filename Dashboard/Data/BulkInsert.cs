using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Dashboard.Data;

/// <summary>
/// Inserts many rows of an entity without generated keys with one prepared INSERT, in the context's current
/// transaction. Columns, quoting and value conversions (enums as text) come from the EF model, so the statement
/// matches the migrations on any relational provider; it is ~10× faster than change tracking for snapshot rows. On
/// SQLite the rows are bound by position through <see cref="SqliteRawStatement"/>, about twice as fast again.
/// </summary>
internal static class BulkInsert
{
    public static Task<int> InsertAsync<T>(DashboardDbContext db, IEnumerable<T> rows, CancellationToken ct) where T : class =>
        InsertAsync(db, Async(rows), ct);

    /// <summary>Inserts rows as they arrive (e.g. streamed from another context's query).</summary>
    public static async Task<int> InsertAsync<T>(DashboardDbContext db, IAsyncEnumerable<T> rows, CancellationToken ct) where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not an entity");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var properties = entity.GetProperties().ToList();
        var insert = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ("
            + string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!))) + ") VALUES (";
        var converters = properties.Select(p => p.GetTypeMapping().Converter).ToArray();
        var getters = properties.Select(p => p.GetGetter()).ToArray();
        object? Value(T row, int i)
        {
            var value = getters[i].GetClrValueUsingContainingEntity(row);
            return value is not null && converters[i] is { } converter ? converter.ConvertToProvider(value) : value;
        }
        await db.Database.OpenConnectionAsync(ct);
        if (db.Database.GetDbConnection() is SqliteConnection sqlite)
        {
            // SQLite: bound by position through SQLitePCLRaw (no per-row boxing of parameters, no data reader): ~3× faster.
            using var statement = new SqliteRawStatement(sqlite,
                insert + string.Join(", ", properties.Select((_, i) => "?" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))) + ")");
            var inserted = 0;
            await foreach (var row in rows.WithCancellation(ct))
            {
                for (var i = 0; i < properties.Count; i++)
                {
                    statement.BindValue(i + 1, Value(row, i));
                }
                statement.Execute();
                inserted++;
            }
            return inserted;
        }
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var parameters = new DbParameter[properties.Count];
        for (var i = 0; i < properties.Count; i++)
        {
            parameters[i] = command.CreateParameter();
            parameters[i].ParameterName = "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            command.Parameters.Add(parameters[i]);
        }
        command.CommandText = insert + string.Join(", ", parameters.Select(p => p.ParameterName)) + ")";
        var count = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            for (var i = 0; i < properties.Count; i++)
            {
                parameters[i].Value = Value(row, i) ?? DBNull.Value;
            }
            if (count == 0)
            {
                await command.PrepareAsync(ct);
            }
            await command.ExecuteNonQueryAsync(ct);
            count++;
        }
        return count;
    }

    private static async IAsyncEnumerable<T> Async<T>(IEnumerable<T> rows)
    {
        foreach (var row in rows)
        {
            yield return row;
        }
        await Task.CompletedTask;
    }
}
