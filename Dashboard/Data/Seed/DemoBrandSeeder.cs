using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Seed;

/// <summary>How big a demo brand to generate, and from which seed (same seed, same brand).</summary>
/// <param name="Customers">Buyers (persons with at least one order); prospects come on top (<see cref="DemoModel.ProspectShare"/>).</param>
/// <param name="Seed">Any integer; the brand is a function of (Customers, Seed) only.</param>
public sealed record DemoBrandSettings(int Customers, int Seed);

/// <summary>Where seeding is: a stage name ("wipe", "catalog", "people", "channels", "indexes", "truth", "done") and its completed fraction.</summary>
public sealed record DemoSeedProgress(string Stage, double Fraction);

/// <summary>What was written. Customers counts every customer row (buyers and prospects).</summary>
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

    /// <summary>Rows written per table (table name to row count).</summary>
    public IReadOnlyDictionary<string, long> Rows { get; init; } = new Dictionary<string, long>();
}

/// <summary>
/// Generates the deterministic demo brand and writes it, with its ground truth, into the store.
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
        // snapshots (audience definitions stay).
        "AudienceMembers", "AudienceSnapshots", "CustomerSegmentSnapshots", "SegmentPeriods", "LookalikeCandidates", "CustomerRecommendations",
        "OrderLines", "Orders", "Touchpoints", "CampaignAssignments", "Campaigns", "ChannelSpends", "DemoIdentityTruths",
        "DemoPeople", "DemoTruths", "SourceIdentities", "Customers", "Products", "ImportRuns",
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
        progress?.Report(new DemoSeedProgress("done", 1));
        return new DemoSeedResult(
            generator.Persons,
            (int)rows["SourceIdentities"],
            rows["Orders"],
            rows["OrderLines"],
            rows["Touchpoints"],
            stopwatch.Elapsed)
        {
            Buyers = generator.Buyers,
            Prospects = generator.Prospects,
            Rows = rows,
        };
    }

    private static (DemoBrandGenerator, IReadOnlyDictionary<string, long>) Write(
        DbConnection connection, DemoBrandSettings settings, IProgress<DemoSeedProgress>? progress, CancellationToken ct)
    {
        // A bigger page cache for this connection only: index inserts stay in memory longer.
        Execute(connection, null, "PRAGMA cache_size = -65536");
        using var transaction = connection.BeginTransaction();
        progress?.Report(new DemoSeedProgress("wipe", 0));
        foreach (var table in BrandTables)
        {
            Execute(connection, transaction, $"DELETE FROM \"{table}\"");
        }

        // Secondary indexes are dropped for the load and rebuilt from sorted data afterwards, in the same
        // transaction: much faster than keeping every B-tree up to date row by row.
        var indexes = SecondaryIndexes(connection, transaction);
        foreach (var (name, _) in indexes)
        {
            Execute(connection, transaction, $"DROP INDEX \"{name}\"");
        }

        var generator = new DemoBrandGenerator(settings.Customers, settings.Seed);
        using var writer = new DemoBulkWriter(connection, transaction);
        progress?.Report(new DemoSeedProgress("catalog", 0));
        writer.Write(DemoCatalog.Products);
        writer.Write(DemoCampaigns.Specs.Select(DemoCampaigns.ToEntity).Append(DemoCampaigns.Launch));

        var step = Math.Max(1, generator.Persons / 100);
        foreach (var person in generator.People())
        {
            writer.Write(person);
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

        progress?.Report(new DemoSeedProgress("indexes", 0));
        foreach (var (_, sql) in indexes)
        {
            Execute(connection, transaction, sql);
        }

        progress?.Report(new DemoSeedProgress("truth", 0));
        writer.Write(DemoTruthBuilder.Build(settings, generator, curves, scale));
        transaction.Commit();
        return (generator, new Dictionary<string, long>(writer.Rows, StringComparer.Ordinal));
    }

    private static List<(string Name, string Sql)> SecondaryIndexes(DbConnection connection, DbTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // Automatic indexes (primary keys, UNIQUE constraints) have no SQL and stay.
        command.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (" +
            string.Join(", ", BrandTables.Select(t => $"'{t}'")) + ") ORDER BY name";
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
