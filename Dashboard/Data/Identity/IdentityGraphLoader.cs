using System.Data.Common;
using Dashboard.Domain.Identity;

namespace Dashboard.Data.Identity;

/// <summary>The part of the store an incremental step needs, ready for <see cref="IdentityIndex.Load"/>.</summary>
/// <param name="Records">Every loaded source identity with its current profile (customer id), ascending by id.</param>
/// <param name="Blocked">Loaded identifiers on more records than the cap in the whole store (given to the index as denied, since it sees only part of their records).</param>
/// <param name="KeysTable">The temporary table (Kind, Value) of every identifier met, for the blocked-identifier upkeep.</param>
internal sealed record IdentityGraph(IReadOnlyList<(IdentityRecord Record, long ProfileId)> Records, IReadOnlyList<Identifier> Blocked, string KeysTable);

/// <summary>
/// Loads the closed part of the identity graph around some source identities, in SQL rounds: the whole
/// profiles of the frontier, then every identity sharing one of their identifiers that links (2..cap records
/// in the store), and so on until nothing new is reached. Identifiers over the cap are not followed, except
/// when they crossed the cap through the new identities of this step: the profiles they used to join are
/// loaded so they can split. So a step costs in proportion to what the new identities touch, not to the store.
/// </summary>
internal static class IdentityGraphLoader
{
    public const string KeysTable = "graph_keys";
    private const string Loaded = "graph_loaded";
    private const string Frontier = "graph_frontier";
    private const string Fresh = "graph_fresh";
    private const string NewRecords = "graph_new_records";

    /// <param name="seeds">Where to start (e.g. the new identities, or a profile's identities).</param>
    /// <param name="newRecords">Identities that are new in this step (their identifiers' counts "before" leave them out).</param>
    public static IdentityGraph Load(DbConnection connection, DbTransaction transaction, IEnumerable<long> seeds, IEnumerable<long> newRecords, int maxFanout)
    {
        IdentitySql.IdTable(connection, transaction, Frontier, seeds);
        IdentitySql.IdTable(connection, transaction, NewRecords, newRecords);
        IdentitySql.TempTable(connection, transaction, Loaded, $"\"Id\" {StoreSql.Int64Key(connection)}");
        IdentitySql.TempTable(connection, transaction, Fresh, $"\"Id\" {StoreSql.Int64Key(connection)}");
        IdentitySql.TempTable(connection, transaction, KeysTable,
            "\"Kind\" INTEGER NOT NULL, \"Value\" TEXT NOT NULL, \"Total\" INTEGER NOT NULL, \"Before\" INTEGER NOT NULL, \"Round\" INTEGER NOT NULL, PRIMARY KEY (\"Kind\", \"Value\")");
        for (var round = 0; ; round++)
        {
            IdentitySql.Execute(connection, transaction, $"""
                DELETE FROM {Fresh};
                INSERT INTO {Fresh}
                SELECT i."Id" FROM "SourceIdentities" i
                WHERE i."CustomerId" IN (SELECT s."CustomerId" FROM "SourceIdentities" s WHERE s."Id" IN (SELECT "Id" FROM {Frontier}))
                  AND i."Id" NOT IN (SELECT "Id" FROM {Loaded})
                ON CONFLICT DO NOTHING;
                """);
            if (IdentitySql.Scalar(connection, transaction, $"SELECT COUNT(*) FROM {Fresh}") == 0)
            {
                break;
            }
            IdentitySql.Execute(connection, transaction, $"""
                INSERT INTO {Loaded} SELECT "Id" FROM {Fresh};
                INSERT INTO {KeysTable} ("Kind", "Value", "Total", "Before", "Round")
                SELECT k."Kind", k."Value",
                    (SELECT COUNT(*) FROM "IdentityKeys" x WHERE x."Kind" = k."Kind" AND x."Value" = k."Value"),
                    (SELECT COUNT(*) FROM "IdentityKeys" x WHERE x."Kind" = k."Kind" AND x."Value" = k."Value"
                        AND x."SourceIdentityId" NOT IN (SELECT "Id" FROM {NewRecords})),
                    @round
                FROM "IdentityKeys" k WHERE k."SourceIdentityId" IN (SELECT "Id" FROM {Fresh})
                ON CONFLICT DO NOTHING;
                DELETE FROM {Frontier};
                INSERT INTO {Frontier}
                SELECT x."SourceIdentityId" FROM {KeysTable} g
                JOIN "IdentityKeys" x ON x."Kind" = g."Kind" AND x."Value" = g."Value"
                WHERE g."Round" = @round
                  AND (g."Total" BETWEEN 2 AND @cap OR (g."Total" > @cap AND g."Before" BETWEEN 2 AND @cap))
                  AND x."SourceIdentityId" NOT IN (SELECT "Id" FROM {Loaded})
                ON CONFLICT DO NOTHING;
                """, ("@round", round), ("@cap", maxFanout));
            if (IdentitySql.Scalar(connection, transaction, $"SELECT COUNT(*) FROM {Frontier}") == 0)
            {
                break;
            }
        }
        return new IdentityGraph(ReadRecords(connection, transaction, $"WHERE i.\"Id\" IN (SELECT \"Id\" FROM {Loaded})"),
            ReadBlocked(connection, transaction, maxFanout), KeysTable);
    }

    /// <summary>Source identities (all, or those matching <paramref name="where"/> on alias i) with their profile, ascending by id.</summary>
    public static List<(IdentityRecord Record, long ProfileId)> ReadRecords(DbConnection connection, DbTransaction transaction, string where = "")
    {
        using var command = IdentitySql.Command(connection, transaction,
            $"SELECT i.\"Id\", i.\"Phone\", i.\"Email\", i.\"MemberNo\", i.\"CustomerId\" FROM \"SourceIdentities\" i {where} ORDER BY i.\"Id\"");
        using var reader = command.ExecuteReader();
        var records = new List<(IdentityRecord, long)>();
        while (reader.Read())
        {
            records.Add((new IdentityRecord(
                reader.GetInt64(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3)), reader.GetInt64(4)));
        }
        return records;
    }

    private static List<Identifier> ReadBlocked(DbConnection connection, DbTransaction transaction, int maxFanout)
    {
        using var command = IdentitySql.Command(connection, transaction,
            $"SELECT \"Kind\", \"Value\" FROM {KeysTable} WHERE \"Total\" > @cap", ("@cap", maxFanout));
        using var reader = command.ExecuteReader();
        var blocked = new List<Identifier>();
        while (reader.Read())
        {
            blocked.Add(new Identifier((IdentifierKind)reader.GetInt32(0), reader.GetString(1)));
        }
        return blocked;
    }
}
