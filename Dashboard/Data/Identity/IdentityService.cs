using System.ComponentModel.DataAnnotations;
using System.Data.Common;
using System.Diagnostics;
using Dashboard.Domain.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Data.Identity;

/// <summary>Settings of identity resolution in the store (section "Identity").</summary>
public sealed class IdentityOptions
{
    public const string Section = "Identity";

    /// <summary>An identifier on more source identities than this links nothing and is listed for review (IdentityResolutionSettings.MaxFanout).</summary>
    [Range(1, 1_000_000)]
    public int MaxFanout { get; set; } = IdentityResolutionSettings.DefaultMaxFanout;
}

/// <summary>What one resolution step changed in the store.</summary>
/// <param name="Records">Source identities looked at (the whole store for a full run, the touched part otherwise).</param>
/// <param name="ChangedProfiles">Profiles created or changed.</param>
/// <param name="MovedIdentities">Source identities that changed profile (their orders and touchpoints moved with them).</param>
/// <param name="Merges">Profiles merged into an older one.</param>
/// <param name="Splits">Parts split off existing profiles (From = the old profile, To = the new one).</param>
public sealed record IdentityRunResult(
    int Records,
    int ChangedProfiles,
    int MovedIdentities,
    IReadOnlyList<ProfileMerge> Merges,
    IReadOnlyList<ProfileSplit> Splits,
    TimeSpan Elapsed);

/// <summary>A split the operator asked for that cannot be done (not one profile, nothing left, unknown identity).</summary>
public sealed class IdentitySplitException(string message) : Exception(message);

/// <summary>
/// Runs identity resolution (Dashboard.Domain.Identity) over the store: a full run over every source identity,
/// an incremental run after an import (only the new identities and the part of the graph they reach), and an
/// operator's split, stored as a cannot-link constraint that every later run honours. Each run is one
/// transaction; the writes are set-based (<see cref="ProfileWriter"/>); customer rows are derived
/// (<see cref="ProfileRules"/>), source identities are never deleted.
/// <para>
/// Explanations are stored, not computed on demand: each identity keeps the identity it was linked to and the
/// identifier they share (written for every profile a run changes). Computing them on demand would need the
/// profile's part of the graph with store-wide identifier counts on every page view.
/// </para>
/// </summary>
public sealed partial class IdentityService(
    IDbContextFactory<DashboardDbContext> dbFactory,
    IOptions<IdentityOptions> options,
    TimeProvider clock,
    ILogger<IdentityService> logger)
{
    private int MaxFanout => options.Value.MaxFanout;

    /// <summary>Resolves every source identity from scratch (keeping profile ids where profiles continue).</summary>
    public Task<IdentityRunResult> ResolveAllAsync(CancellationToken ct) => RunAsync((connection, transaction) =>
    {
        CopyProvisionalAttributes(connection, transaction, importRunId: null);
        var records = IdentityGraphLoader.ReadRecords(connection, transaction);
        ProfileWriter.WriteKeys(connection, transaction, [.. records.Select(r => r.Record)], replaceAll: true);
        var constraints = LoadConstraints(connection, transaction);
        var settings = new IdentityResolutionSettings(MaxFanout);
        var index = IdentityIndex.Load(records, settings, constraints, NextProfileId(connection, transaction));
        var update = index.Reresolve();
        ProfileWriter.Apply(connection, transaction, update, Now);
        // Explanations of every profile (unchanged ones too: a store resolved before may lack them).
        var batch = IdentityResolver.Resolve([.. records.Select(r => r.Record)], settings, constraints);
        ProfileWriter.WriteLinks(connection, transaction, batch.Clusters);
        ProfileWriter.WriteBlocked(connection, transaction, MaxFanout, touchedKeys: null, Now);
        return (records.Count, update);
    }, "all", ct);

    /// <summary>Resolves the source identities a customers import added (they carry its ImportRunId).</summary>
    public Task<IdentityRunResult> ResolveImportAsync(long importRunId, CancellationToken ct) => RunAsync((connection, transaction) =>
    {
        CopyProvisionalAttributes(connection, transaction, importRunId);
        var ids = IdentitySql.Ids(connection, transaction,
            "SELECT \"Id\" FROM \"SourceIdentities\" WHERE \"ImportRunId\" = @run ORDER BY \"Id\"", ("@run", importRunId));
        return Incremental(connection, transaction, ids);
    }, $"import {importRunId}", ct);

    /// <summary>Resolves the given (new or changed) source identities against the stored profiles.</summary>
    public Task<IdentityRunResult> ResolveIdentitiesAsync(IReadOnlyCollection<long> identityIds, CancellationToken ct) =>
        RunAsync((connection, transaction) => Incremental(connection, transaction, identityIds), "identities", ct);

    /// <summary>
    /// An operator's split: <paramref name="identityIds"/> (of customer <paramref name="customerId"/>) are not the
    /// same person as the rest of it. Stores the constraint (who, when, why) and resolves the profile again: the part
    /// with the oldest identity keeps the id, the other parts become new profiles (their orders move with them).
    /// </summary>
    public Task<IdentityRunResult> SplitAsync(long customerId, IReadOnlyCollection<long> identityIds, string createdBy, string? reason, CancellationToken ct) =>
        RunAsync((connection, transaction) =>
        {
            var members = IdentitySql.Ids(connection, transaction,
                "SELECT \"Id\" FROM \"SourceIdentities\" WHERE \"CustomerId\" = @c ORDER BY \"Id\"", ("@c", customerId));
            var moving = identityIds.Distinct().Order().ToList();
            if (moving.Count == 0 || moving.Any(id => !members.Contains(id)))
            {
                throw new IdentitySplitException($"the identities to split off must belong to customer {customerId}");
            }
            if (moving.Count == members.Count)
            {
                throw new IdentitySplitException($"every identity of customer {customerId} was chosen: leave at least one in the profile");
            }
            var graph = IdentityGraphLoader.Load(connection, transaction, members, [], MaxFanout);
            var index = IdentityIndex.Load(graph.Records, new IdentityResolutionSettings(MaxFanout, graph.Blocked),
                LoadConstraints(connection, transaction), NextProfileId(connection, transaction));
            var update = index.Split(moving);
            SaveConstraint(connection, transaction, customerId, index.Constraints[^1], createdBy, reason);
            ProfileWriter.Apply(connection, transaction, update, Now);
            return (graph.Records.Count, update);
        }, $"split of customer {customerId}", ct);

    /// <summary>Refreshes the order summaries (count, revenue, first/last order) of the customers an orders import touched.</summary>
    public async Task RefreshOrderSummariesAsync(long importRunId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var customers = IdentitySql.Ids(connection, transaction,
            "SELECT DISTINCT \"CustomerId\" FROM \"Orders\" WHERE \"ImportRunId\" = @run", ("@run", importRunId));
        IdentitySql.IdTable(connection, transaction, ProfileRules.AffectedTable, customers);
        ProfileRules.RefreshOrderSummaries(connection, transaction);
        await transaction.CommitAsync(ct);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private (int, IdentityUpdate) Incremental(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<long> ids)
    {
        IdentitySql.IdTable(connection, transaction, "identity_incoming", ids);
        var records = IdentityGraphLoader.ReadRecords(connection, transaction, "WHERE i.\"Id\" IN (SELECT \"Id\" FROM identity_incoming)");
        ProfileWriter.WriteKeys(connection, transaction, [.. records.Select(r => r.Record)], replaceAll: false);
        var graph = IdentityGraphLoader.Load(connection, transaction, ids, ids, MaxFanout);
        var index = IdentityIndex.Load(graph.Records, new IdentityResolutionSettings(MaxFanout, graph.Blocked),
            LoadConstraints(connection, transaction), NextProfileId(connection, transaction));
        var update = index.Refresh([.. records.Select(r => r.Record.Id)]);
        ProfileWriter.Apply(connection, transaction, update, Now);
        // New identities that joined nobody keep their provisional customer: derive it too (counts, summaries).
        IdentitySql.Execute(connection, transaction, $"""
            DELETE FROM {ProfileRules.AffectedTable};
            INSERT INTO {ProfileRules.AffectedTable}
            SELECT "CustomerId" FROM "SourceIdentities" WHERE "Id" IN (SELECT "Id" FROM identity_incoming)
            ON CONFLICT DO NOTHING;
            """);
        ProfileRules.Refresh(connection, transaction);
        ProfileWriter.WriteBlocked(connection, transaction, MaxFanout, graph.KeysTable, Now);
        return (graph.Records.Count, update);
    }

    private async Task<IdentityRunResult> RunAsync(Func<DbConnection, DbTransaction, (int Records, IdentityUpdate Update)> step, string what, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // CPU-bound resolution and synchronous ADO: off the caller's thread (a Blazor circuit).
        var (records, update) = await Task.Run(() => step(connection, transaction), ct);
        await transaction.CommitAsync(ct);
        var result = new IdentityRunResult(records, update.Profiles.Count, update.Assignments.Count, update.Merges, update.Splits, watch.Elapsed);
        LogResolved(logger, what, records, result.ChangedProfiles, result.Merges.Count, result.Splits.Count, watch.Elapsed.TotalSeconds);
        return result;
    }

    // A customers import creates one customer per new identity holding what the file said about the person;
    // the identity keeps those values before resolution merges the customer away.
    private static void CopyProvisionalAttributes(DbConnection connection, DbTransaction transaction, long? importRunId) =>
        IdentitySql.Execute(connection, transaction, $"""
            UPDATE "SourceIdentities" SET "Name" = c."Name", "Gender" = c."Gender", "BirthYear" = c."BirthYear", "City" = c."City",
                "CityTier" = c."CityTier", "ConsentSms" = c."ConsentSms", "ConsentEmail" = c."ConsentEmail",
                "ConsentPush" = c."ConsentPush", "ConsentAds" = c."ConsentAds"
            FROM "Customers" c
            WHERE c."Id" = "SourceIdentities"."CustomerId" AND "SourceIdentities"."ImportRunId" {(importRunId is null ? "IS NOT NULL" : "= @run")}
              AND "SourceIdentities"."ConsentSms" IS NULL AND "SourceIdentities"."ConsentEmail" IS NULL
              AND "SourceIdentities"."ConsentPush" IS NULL AND "SourceIdentities"."ConsentAds" IS NULL
              AND (SELECT COUNT(*) FROM "SourceIdentities" x WHERE x."CustomerId" = c."Id") = 1
            """, ("@run", importRunId));

    private static long NextProfileId(DbConnection connection, DbTransaction transaction) =>
        1 + Math.Max(
            IdentitySql.Scalar(connection, transaction, "SELECT COALESCE(MAX(\"Id\"), 0) FROM \"Customers\""),
            IdentitySql.Scalar(connection, transaction, "SELECT COALESCE(MAX(\"AbsorbedCustomerId\"), 0) FROM \"CustomerMerges\""));

    /// <summary>The operators' splits in force, oldest first.</summary>
    internal static List<CannotLink> LoadConstraints(DbConnection connection, DbTransaction transaction)
    {
        using var command = IdentitySql.Command(connection, transaction,
            "SELECT \"IdentitySplitId\", \"SourceIdentityId\", \"SplitOff\" FROM \"IdentitySplitMembers\" ORDER BY \"IdentitySplitId\", \"SourceIdentityId\"");
        using var reader = command.ExecuteReader();
        var sides = new SortedDictionary<long, (List<long> Left, List<long> Right)>();
        while (reader.Read())
        {
            if (!sides.TryGetValue(reader.GetInt64(0), out var split))
            {
                sides[reader.GetInt64(0)] = split = ([], []);
            }
            (reader.GetBoolean(2) ? split.Left : split.Right).Add(reader.GetInt64(1));
        }
        return [.. sides.Values.Where(s => s.Left.Count > 0 && s.Right.Count > 0).Select(s => new CannotLink(s.Left, s.Right))];
    }

    private void SaveConstraint(DbConnection connection, DbTransaction transaction, long customerId, CannotLink constraint, string createdBy, string? reason)
    {
        var splitId = IdentitySql.Scalar(connection, transaction, """
            INSERT INTO "IdentitySplits" ("CustomerId", "CreatedUtc", "CreatedBy", "Reason") VALUES (@c, @now, @by, @reason) RETURNING "Id"
            """, ("@c", customerId), ("@now", Now), ("@by", createdBy), ("@reason", string.IsNullOrWhiteSpace(reason) ? null : reason.Trim()));
        IdentitySql.Fill(connection, transaction, "IdentitySplitMembers", ["IdentitySplitId", "SourceIdentityId", "SplitOff"],
            constraint.Left.Select(id => (id, true)).Concat(constraint.Right.Select(id => (id, false))), m => [splitId, m.id, m.Item2]);
    }

    [LoggerMessage(LogLevel.Information, "Identity resolution ({What}): {Records} identities, {Changed} profiles changed, {Merges} merges, {Splits} splits in {Seconds:F2} s")]
    private static partial void LogResolved(ILogger logger, string what, int records, int changed, int merges, int splits, double seconds);
}
