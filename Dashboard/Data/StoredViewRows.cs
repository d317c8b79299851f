using System.Data.Common;
using Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data;

/// <summary>Reads and writes <see cref="StoredView"/> rows with one statement each, the same SQL on both providers.</summary>
public static class StoredViewRows
{
    /// <summary>Most rows kept; the oldest computations go first.</summary>
    public const int Capacity = 256;

    /// <summary>The payload stored for <paramref name="key"/> under <paramref name="stamp"/>, or null.</summary>
    public static async Task<byte[]?> ReadAsync(DashboardDbContext db, string key, string view, string stamp, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "View", "Payload" FROM "StoredViews" WHERE "Key" = @key AND "Stamp" = @stamp""";
        Add(command, "key", key);
        Add(command, "stamp", stamp);
        await using var reader = await command.ExecuteReaderAsync(ct);
        // The view text is compared too: a hash collision reads nothing rather than another view.
        return await reader.ReadAsync(ct) && reader.GetString(0) == view ? (byte[])reader.GetValue(1) : null;
    }

    /// <summary>
    /// Stores <paramref name="row"/> in place of any earlier one of its key, and removes every row of another stamp of
    /// the same scope (the store has moved on from them) and the oldest beyond <see cref="Capacity"/>.
    /// </summary>
    public static async Task WriteAsync(DashboardDbContext db, StoredView row, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = """
                DELETE FROM "StoredViews" WHERE "Stamp" <> @stamp AND "Stamp" LIKE @scope;
                INSERT INTO "StoredViews" ("Key", "View", "Stamp", "Payload", "ComputedUtc", "ComputeSeconds")
                VALUES (@key, @view, @stamp, @payload, @computed, @seconds)
                ON CONFLICT ("Key") DO UPDATE SET "View" = excluded."View", "Stamp" = excluded."Stamp", "Payload" = excluded."Payload",
                    "ComputedUtc" = excluded."ComputedUtc", "ComputeSeconds" = excluded."ComputeSeconds";
                DELETE FROM "StoredViews" WHERE "ComputedUtc" <
                    (SELECT "ComputedUtc" FROM "StoredViews" ORDER BY "ComputedUtc" DESC LIMIT 1 OFFSET @keep);
                """;
            Add(command, "key", row.Key);
            Add(command, "view", row.View);
            Add(command, "stamp", row.Stamp);
            Add(command, "payload", row.Payload);
            Add(command, "computed", DateTime.SpecifyKind(row.ComputedUtc, DateTimeKind.Utc));
            Add(command, "seconds", row.ComputeSeconds);
            Add(command, "keep", Capacity - 1);
            // Stamps start with their scope ("store:", "runs:"): a write replaces its own scope's other states only.
            Add(command, "scope", row.Stamp[..(row.Stamp.IndexOf(':', StringComparison.Ordinal) + 1)] + "%");
            await command.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
