using System.Data.Common;
using System.Diagnostics;
using Dashboard.Data.Identity;
using Dashboard.Domain.Identity;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Seed;

/// <summary>How big a demo brand to generate, and from which seed (same seed, same brand).</summary>
/// <param name="Customers">Buyers (persons with at least one order); prospects come on top (<see cref="DemoModel.ProspectShare"/>).</param>
/// <param name="Seed">Any integer; the brand is a function of (Customers, Seed) only.</param>
/// <param name="LinesPerOrder">
/// Mean order lines per order when larger than the brand's own (<see cref="DemoModel.NaturalLinesPerOrder"/>): add-on lines
/// make up the difference, the orders themselves (times, values, channels) stay those of the brand. Null: the brand's own.
/// </param>
public sealed record DemoBrandSettings(int Customers, int Seed, double? LinesPerOrder = null)
{
    public double ExtraLinesPerOrder => LinesPerOrder is { } lines ? Math.Max(0, lines - DemoModel.NaturalLinesPerOrder) : 0;
}

/// <summary>Where seeding is: a stage name ("identities", "wipe", "catalog", "people", "channels", "indexes", "profiles", "truth", "done") and its completed fraction.</summary>
public sealed record DemoSeedProgress(string Stage, double Fraction);

/// <summary>
/// What was written. Customers counts the customer rows: the profiles identity resolution derived from the
/// source identities (close to, not exactly, the number of true persons: buyers plus prospects).
/// </summary>
public sealed record DemoSeedResult(
    int Customers,
    int SourceIdentities,
    long Orders,
    long OrderLines,
    long Touchpoints,
    TimeSpan Elapsed)
{
    public int Buyers { get; init; }

    public int Prospects { get; init; }

    /// <summary>True persons generated (buyers and prospects).</summary>
    public int Persons { get; init; }

    /// <summary>Rows written per table (table name to row count).</summary>
    public IReadOnlyDictionary<string, long> Rows { get; init; } = new Dictionary<string, long>();
}

/// <summary>
/// Generates the deterministic demo brand and writes it, with its ground truth, into the store. Customers are not
/// written from the truth: a first, cheap pass generates every source identity, identity resolution (the same
/// resolver and settings as the app's) derives the profiles, and the full pass writes each identity, order,
/// touchpoint and campaign assignment under its identity's profile; the profile rows are then derived from their
/// identities (ProfileRules). DemoIdentityTruths keeps the true person behind each identity for scoring.
/// Any brand data already there (customers, identities, orders, touchpoints, spend, campaigns, products,
/// imports and the previous truth) is deleted first; the reference sources and ad channels stay.
/// Everything happens in one transaction: the store holds the old brand or the new one, never half.
/// </summary>
public sealed class DemoBrandSeeder(IDbContextFactory<DashboardDbContext> dbFactory)
{
    // Children before parents, so foreign keys hold at every step.
    private static readonly string[] BrandTables =
    [
        // Derived from the brand's customers: segment snapshots, frozen audience memberships, lookalike and recommendation
        // snapshots (audience definitions stay), page views computed from it.
        "StoredViews", "AudienceMembers", "AudienceSnapshots", "CustomerSegmentSnapshots", "SegmentPeriods", "LookalikeCandidates", "CustomerRecommendations",
        "OrderLines", "Orders", "Touchpoints", "CampaignAssignments", "Campaigns", "ChannelSpends", "DemoIdentityTruths",
        "DemoPeople", "DemoTruths", "IdentitySplitMembers", "IdentitySplits", "IdentityKeys", "IdentifierBlocks", "CustomerMerges",
        "SourceIdentities", "Customers", "Products", "ImportRuns",
    ];

    public async Task<DemoSeedResult> SeedAsync(DemoBrandSettings settings, IProgress<DemoSeedProgress>? progress, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Customers, 1);
        var stopwatch = Stopwatch.StartNew();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        // The generator is CPU-bound and synchronous; keep it off the caller's thread.
        var (generator, rows) = await Task.Run(() => Write(connection, settings, progress, ct), ct);
        if (StoreSql.IsPostgres(connection))
        {
            // Fresh planner statistics for the tables just loaded (autovacuum would get there later).
            Execute(connection, null, "ANALYZE");
        }
        progress?.Report(new DemoSeedProgress("done", 1));
        return new DemoSeedResult(
            (int)rows["Customers"],
            (int)rows["SourceIdentities"],
            rows["Orders"],
            rows["OrderLines"],
            rows["Touchpoints"],
            stopwatch.Elapsed)
        {
            Buyers = generator.Buyers,
            Prospects = generator.Prospects,
            Persons = generator.Persons,
            Rows = rows,
        };
    }

    private static (DemoBrandGenerator, IReadOnlyDictionary<string, long>) Write(
        DbConnection connection, DemoBrandSettings settings, IProgress<DemoSeedProgress>? progress, CancellationToken ct)
    {
        var profiles = ResolveIdentities(settings, progress, ct);
        var postgres = StoreSql.IsPostgres(connection);
        if (!postgres)
        {
            // A bigger page cache for this connection only: index inserts stay in memory longer.
            Execute(connection, null, "PRAGMA cache_size = -65536");
        }
        using var transaction = connection.BeginTransaction();
        progress?.Report(new DemoSeedProgress("wipe", 0));
        if (postgres)
        {
            // One TRUNCATE of every brand table instead of row-by-row deletes. CASCADE empties what references them
            // from outside (CustomerLifetimes, whose foreign key cascades: the DELETE on SQLite removes those rows too).
            Execute(connection, transaction, $"TRUNCATE {string.Join(", ", BrandTables.Select(t => $"\"{t}\""))} CASCADE");
        }
        else
        {
            foreach (var table in BrandTables)
            {
                Execute(connection, transaction, $"DELETE FROM \"{table}\"");
            }
        }

        // Secondary indexes are dropped for the load and rebuilt from sorted data afterwards, in the same
        // transaction: much faster than keeping every B-tree up to date row by row.
        var indexes = SecondaryIndexes(connection, transaction);
        foreach (var (name, _) in indexes)
        {
            Execute(connection, transaction, $"DROP INDEX \"{name}\"");
        }

        var generator = new DemoBrandGenerator(settings.Customers, settings.Seed)
        {
            ProfileOf = id => profiles.ProfileOf[id],
            ExtraLinesPerOrder = settings.ExtraLinesPerOrder,
        };
        using var writer = new DemoBulkWriter(connection, transaction);
        progress?.Report(new DemoSeedProgress("catalog", 0));
        writer.Write(DemoCatalog.Products);
        writer.Write(DemoCampaigns.Specs.Select(DemoCampaigns.ToEntity).Append(DemoCampaigns.Launch));
        writer.WriteProfiles(profiles.Count, DemoCalendar.StartUtc);

        var step = Math.Max(1, generator.Persons / 100);
        foreach (var person in generator.People())
        {
            writer.Write(person, id => profiles.Links[id]);
            if (person.Customer.Id % step == 0)
            {
                ct.ThrowIfCancellationRequested();
                progress?.Report(new DemoSeedProgress("people", (double)person.Customer.Id / generator.Persons));
            }
        }

        progress?.Report(new DemoSeedProgress("channels", 0));
        var scale = (double)settings.Customers / DemoModel.ReferenceBuyers;
        var curves = DemoChannels.Curves.Select(c => DemoChannels.Scaled(c, scale)).ToArray();
        foreach (var curve in curves)
        {
            writer.Write(DemoChannels.Weeks(curve, DemoRandom.For(settings.Seed, curve.AdChannelId, salt: 1)));
        }
        foreach (var (spec, tallies) in DemoCampaigns.Specs.Zip(generator.CampaignTallies))
        {
            var contacts = tallies.Skip(1).Sum(t => t.Assigned);
            writer.SetCampaignCost(spec.Id, Math.Round(spec.FixedCost + spec.CostPerContact * contacts, 2));
        }

        writer.Flush();
        progress?.Report(new DemoSeedProgress("indexes", 0));
        foreach (var (_, sql) in indexes)
        {
            Execute(connection, transaction, sql);
        }

        progress?.Report(new DemoSeedProgress("profiles", 0));
        ProfileRules.Refresh(connection, transaction, all: true);
        ProfileWriter.WriteBlocked(connection, transaction, IdentityResolutionSettings.DefaultMaxFanout, touchedKeys: null, DemoCalendar.EndUtc);

        progress?.Report(new DemoSeedProgress("truth", 0));
        writer.Write(DemoTruthBuilder.Build(settings, generator, curves, scale));
        writer.Flush();
        StoreSql.SyncIdentities(connection, transaction, "Customers", "SourceIdentities", "Orders", "OrderLines", "Touchpoints", "Products", "Campaigns", "DemoPeople");
        transaction.Commit();
        return (generator, new Dictionary<string, long>(writer.Rows, StringComparer.Ordinal));
    }

    /// <summary>Each identity's profile (cluster number) and link, indexed by identity id (ids run 1..n).</summary>
    private sealed record DemoProfiles(int Count, long[] ProfileOf, RecordLink[] Links);

    // Pass 1: every identity of every person (no orders or touchpoints: cheap), resolved in one batch.
    private static DemoProfiles ResolveIdentities(DemoBrandSettings settings, IProgress<DemoSeedProgress>? progress, CancellationToken ct)
    {
        progress?.Report(new DemoSeedProgress("identities", 0));
        var records = new List<IdentityRecord>();
        foreach (var person in new DemoBrandGenerator(settings.Customers, settings.Seed) { IdentitiesOnly = true }.People())
        {
            records.AddRange(person.Identities.Select(i => new IdentityRecord(i.Id, i.Phone, i.Email, i.MemberNo)));
        }
        ct.ThrowIfCancellationRequested();
        var resolution = IdentityResolver.Resolve(records, IdentityResolutionSettings.Default);
        var profileOf = new long[records.Count + 1];
        var links = new RecordLink[records.Count + 1];
        foreach (var cluster in resolution.Clusters)
        {
            foreach (var link in RecordLinks.Orient(cluster))
            {
                profileOf[link.RecordId] = cluster.ProfileId;
                links[link.RecordId] = link;
            }
        }
        return new DemoProfiles(resolution.Clusters.Count, profileOf, links);
    }

    private static List<(string Name, string Sql)> SecondaryIndexes(DbConnection connection, DbTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var tables = string.Join(", ", BrandTables.Select(t => $"'{t}'"));
        // Automatic indexes (primary keys, UNIQUE constraints) have no SQL (SQLite) or belong to a constraint
        // (PostgreSQL), and stay.
        command.CommandText = StoreSql.IsPostgres(connection)
            ? $"""
                SELECT i.indexname, i.indexdef FROM pg_indexes i
                WHERE i.schemaname = current_schema() AND i.tablename IN ({tables})
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
                ORDER BY i.indexname
                """
            : $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({tables}) ORDER BY name";
        using var reader = command.ExecuteReader();
        var indexes = new List<(string, string)>();
        while (reader.Read())
        {
            indexes.Add((reader.GetString(0), reader.GetString(1)));
        }
        return indexes;
    }

    private static void Execute(DbConnection connection, DbTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
