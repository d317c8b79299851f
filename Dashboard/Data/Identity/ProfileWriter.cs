using System.Data.Common;
using Dashboard.Domain.Identity;

namespace Dashboard.Data.Identity;

/// <summary>
/// Writes what identity resolution decided into the store, set-based, inside the caller's transaction:
/// new customer rows for new profiles, source identities and everything keyed by them (orders, touchpoints)
/// moved to their profile, campaign assignments of merged profiles moved to the survivor, merged-away
/// customers recorded as redirects and removed, the changed profiles derived again (<see cref="ProfileRules"/>)
/// and every changed profile's link explanations rewritten. Source identities are never deleted.
/// </summary>
internal static class ProfileWriter
{
    private const string Moves = "identity_moves";
    private const string Merges = "identity_merges";
    private const string Links = "identity_links";

    public static void Apply(DbConnection connection, DbTransaction transaction, IdentityUpdate update, DateTime nowUtc)
    {
        // Placeholder rows for new profiles; ProfileRules fills them from their identities below.
        IdentitySql.Fill(connection, transaction, "Customers",
            ["Id", "FirstSeenUtc", "ConsentSms", "ConsentEmail", "ConsentPush", "ConsentAds", "OrderCount", "Revenue", "IdentityCount"],
            update.CreatedProfileIds, id => [id, nowUtc, false, false, false, false, 0, 0.0, 0]);
        StoreSql.SyncIdentities(connection, transaction, "Customers");

        IdentitySql.TempTable(connection, transaction, Moves, $"\"IdentityId\" {StoreSql.Int64Key(connection)}, \"CustomerId\" BIGINT NOT NULL");
        IdentitySql.Fill(connection, transaction, Moves, ["IdentityId", "CustomerId"], update.Assignments, a => [a.RecordId, a.ProfileId]);
        foreach (var table in new[] { "SourceIdentities", "Orders", "Touchpoints" })
        {
            var key = table == "SourceIdentities" ? "Id" : "SourceIdentityId";
            IdentitySql.Execute(connection, transaction, $"""
                UPDATE "{table}" SET "CustomerId" = m."CustomerId" FROM {Moves} m WHERE "{table}"."{key}" = m."IdentityId"
                """);
        }

        var merges = update.Merges.SelectMany(m => m.Absorbed.Select(a => (Absorbed: a, m.Survivor))).ToList();
        IdentitySql.TempTable(connection, transaction, Merges, $"\"Absorbed\" {StoreSql.Int64Key(connection)}, \"Survivor\" BIGINT NOT NULL");
        IdentitySql.Fill(connection, transaction, Merges, ["Absorbed", "Survivor"], merges, m => [m.Absorbed, m.Survivor]);
        if (merges.Count > 0)
        {
            // A campaign that targeted two profiles of one person keeps the survivor's arm (the older profile's), or,
            // when only absorbed profiles had it, the arm of the lowest absorbed id; the other assignments are dropped.
            IdentitySql.Execute(connection, transaction, $"""
                UPDATE "CampaignAssignments" SET "CustomerId" = m."Survivor"
                FROM {Merges} m WHERE "CampaignAssignments"."CustomerId" = m."Absorbed"
                  AND NOT EXISTS (SELECT 1 FROM "CampaignAssignments" s
                      WHERE s."CampaignId" = "CampaignAssignments"."CampaignId" AND s."CustomerId" = m."Survivor")
                  AND NOT EXISTS (SELECT 1 FROM "CampaignAssignments" o JOIN {Merges} om ON om."Absorbed" = o."CustomerId"
                      WHERE om."Survivor" = m."Survivor" AND o."CampaignId" = "CampaignAssignments"."CampaignId"
                        AND o."CustomerId" < "CampaignAssignments"."CustomerId");
                DELETE FROM "CampaignAssignments" WHERE "CustomerId" IN (SELECT "Absorbed" FROM {Merges});
                UPDATE "CustomerMerges" SET "SurvivorCustomerId" = m."Survivor"
                FROM {Merges} m WHERE "CustomerMerges"."SurvivorCustomerId" = m."Absorbed";
                INSERT INTO "CustomerMerges" ("AbsorbedCustomerId", "SurvivorCustomerId", "MergedUtc")
                SELECT "Absorbed", "Survivor", @now FROM {Merges} WHERE true
                ON CONFLICT ("AbsorbedCustomerId") DO UPDATE SET "SurvivorCustomerId" = excluded."SurvivorCustomerId", "MergedUtc" = excluded."MergedUtc";
                """, ("@now", nowUtc));
        }

        IdentitySql.IdTable(connection, transaction, ProfileRules.AffectedTable, update.Profiles.Select(p => p.ProfileId));
        ProfileRules.Refresh(connection, transaction);
        if (merges.Count > 0)
        {
            IdentitySql.Execute(connection, transaction, $"""
                DELETE FROM "Customers" WHERE "Id" IN (SELECT "Absorbed" FROM {Merges})
                AND NOT EXISTS (SELECT 1 FROM "SourceIdentities" i WHERE i."CustomerId" = "Customers"."Id")
                """);
        }
        WriteLinks(connection, transaction, update.Profiles);
    }

    /// <summary>Rewrites the link explanation (linked to which identity, by which identifier) of every record of these clusters.</summary>
    public static void WriteLinks(DbConnection connection, DbTransaction transaction, IEnumerable<IdentityCluster> clusters)
    {
        IdentitySql.TempTable(connection, transaction, Links,
            $"\"IdentityId\" {StoreSql.Int64Key(connection)}, \"LinkedToId\" BIGINT NULL, \"Kind\" TEXT NULL, \"Value\" TEXT NULL");
        IdentitySql.Fill(connection, transaction, Links, ["IdentityId", "LinkedToId", "Kind", "Value"],
            clusters.SelectMany(RecordLinks.Orient), l => [l.RecordId, l.LinkedTo, l.Via?.KindCode, l.Via?.Value]);
        IdentitySql.Execute(connection, transaction, $"""
            UPDATE "SourceIdentities" SET "LinkedToId" = l."LinkedToId", "LinkedByKind" = l."Kind", "LinkedByValue" = l."Value"
            FROM {Links} l WHERE "SourceIdentities"."Id" = l."IdentityId"
            """);
    }

    /// <summary>Replaces the normalized identifiers of these records (IdentityKeys) with their current values.</summary>
    public static void WriteKeys(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<IdentityRecord> records, bool replaceAll)
    {
        if (replaceAll)
        {
            IdentitySql.Execute(connection, transaction, "DELETE FROM \"IdentityKeys\"");
        }
        else
        {
            IdentitySql.IdTable(connection, transaction, "identity_rekeyed", records.Select(r => r.Id));
            IdentitySql.Execute(connection, transaction,
                "DELETE FROM \"IdentityKeys\" WHERE \"SourceIdentityId\" IN (SELECT \"Id\" FROM identity_rekeyed)");
        }
        IdentitySql.Fill(connection, transaction, "IdentityKeys", ["Kind", "Value", "SourceIdentityId"], Keys(records),
            k => [(int)k.Kind, k.Value, k.RecordId]);
    }

    /// <summary>The normalized identifiers of records (values that are not plausible identifiers are left out).</summary>
    public static IEnumerable<(IdentifierKind Kind, string Value, long RecordId)> Keys(IEnumerable<IdentityRecord> records)
    {
        foreach (var record in records)
        {
            foreach (var kind in Enum.GetValues<IdentifierKind>())
            {
                if (IdentifierNormalizer.Normalize(kind, record.Raw(kind)) is { } value)
                {
                    yield return (kind, value, record.Id);
                }
            }
        }
    }

    /// <summary>
    /// Recomputes the blocked identifiers (more than <paramref name="maxFanout"/> records) among the keys in the
    /// temporary table <paramref name="touchedKeys"/> (Kind, Value), or all of them when it is null.
    /// </summary>
    public static void WriteBlocked(DbConnection connection, DbTransaction transaction, int maxFanout, string? touchedKeys, DateTime nowUtc)
    {
        if (touchedKeys is null)
        {
            IdentitySql.Execute(connection, transaction, "DELETE FROM \"IdentifierBlocks\"");
            IdentitySql.Execute(connection, transaction, """
                INSERT INTO "IdentifierBlocks" ("Kind", "Value", "Records", "Reason", "UpdatedUtc")
                SELECT "Kind", "Value", COUNT(*), 'fanout', @now FROM "IdentityKeys" GROUP BY "Kind", "Value" HAVING COUNT(*) > @cap
                """, ("@now", nowUtc), ("@cap", maxFanout));
            return;
        }
        IdentitySql.Execute(connection, transaction, $"""
            DELETE FROM "IdentifierBlocks" WHERE EXISTS
                (SELECT 1 FROM "{touchedKeys}" t WHERE t."Kind" = "IdentifierBlocks"."Kind" AND t."Value" = "IdentifierBlocks"."Value");
            INSERT INTO "IdentifierBlocks" ("Kind", "Value", "Records", "Reason", "UpdatedUtc")
            SELECT k."Kind", k."Value", COUNT(*), 'fanout', @now
            FROM "IdentityKeys" k JOIN "{touchedKeys}" t ON t."Kind" = k."Kind" AND t."Value" = k."Value"
            GROUP BY k."Kind", k."Value" HAVING COUNT(*) > @cap;
            """, ("@now", nowUtc), ("@cap", maxFanout));
    }
}
