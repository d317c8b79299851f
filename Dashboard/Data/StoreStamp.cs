using System.Data;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data;

/// <summary>
/// A cheap fingerprint of what the store holds: it changes whenever brand data or a model snapshot can have changed.
/// Every write path leaves a trace it reads with index seeks only: new rows raise the highest id of customers,
/// orders, touchpoints, spend weeks, campaigns and products; an import writes its run row and finishes it; identity
/// resolution records merges and splits; a model run queued or finished moves the model-run counters; a re-seed
/// rewrites the ids and wipes the import history. The values are compared, not trusted to grow: any difference means
/// "maybe changed", and a false "maybe" only costs a recomputation. One statement, one round trip, both providers.
/// <see cref="StampScope.ModelRuns"/> is the narrower stamp of views that read only model-run snapshots (segments,
/// lifetime): it moves with model runs, merges and splits, and a re-seed (which empties the segment periods), not with
/// imports.
/// </summary>
public static class StoreStamp
{
    private const string Sql = """
        SELECT (SELECT MAX("Id") FROM "Customers"), (SELECT MAX("Id") FROM "Orders"), (SELECT MAX("Id") FROM "Touchpoints"),
               (SELECT MAX("Id") FROM "ChannelSpends"), (SELECT MAX("Id") FROM "Campaigns"), (SELECT MAX("Id") FROM "Products"),
               (SELECT MAX("Id") FROM "ImportRuns"), (SELECT COUNT(*) FROM "ImportRuns" WHERE "FinishedUtc" IS NOT NULL),
               (SELECT COUNT(*) FROM "CustomerMerges"), (SELECT MAX("Id") FROM "IdentitySplits"),
               (SELECT MAX("Id") FROM "ModelRuns"), (SELECT COUNT(*) FROM "ModelRuns" WHERE "FinishedUtc" IS NOT NULL)
        """;

    private const string ModelRunsSql = """
        SELECT (SELECT MAX("Id") FROM "ModelRuns"), (SELECT COUNT(*) FROM "ModelRuns" WHERE "FinishedUtc" IS NOT NULL),
               (SELECT COUNT(*) FROM "CustomerMerges"), (SELECT MAX("Id") FROM "IdentitySplits"), (SELECT COUNT(*) FROM "SegmentPeriods")
        """;

    public static async Task<string> ReadAsync(DashboardDbContext db, CancellationToken ct, StampScope scope = StampScope.Store)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(ct);
        }
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = scope == StampScope.Store ? Sql : ModelRunsSql;
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            var stamp = new StringBuilder(scope == StampScope.Store ? "store:" : "runs:");
            for (var i = 0; i < reader.FieldCount; i++)
            {
                stamp.Append(reader.IsDBNull(i) ? "-" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('.');
            }
            return stamp.ToString();
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }
}

/// <summary>What a view depends on, hence which changes of the store make it stale.</summary>
public enum StampScope
{
    /// <summary>Anything in the store (brand data, imports, model runs).</summary>
    Store,

    /// <summary>Model-run snapshots only: imports leave it current.</summary>
    ModelRuns,
}
