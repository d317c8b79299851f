using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dashboard.Data;
using Dashboard.Data.Seed;
using Dashboard.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Data.Seed;

/// <summary>
/// One demo brand of 4,000 buyers (seed 11), seeded once for all structural and statistical tests. Always on SQLite:
/// these tests read the brand with SQLite SQL (booleans as numbers); PostgresSeedTests checks that PostgreSQL
/// receives the same brand.
/// </summary>
public sealed class DemoBrandFixture : IAsyncLifetime
{
    public const int Buyers = 4_000;
    public const int Seed = 11;

    public TestDatabase Db { get; private set; } = null!;

    public DemoSeedResult Result { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Db = await TestDatabase.CreateAsync(StoreProvider.Sqlite);
        Result = await new DemoBrandSeeder(Db.Factory).SeedAsync(new DemoBrandSettings(Buyers, Seed), null, CancellationToken.None);
    }

    public async Task DisposeAsync() => await Db.DisposeAsync();

    public Task<List<object?[]>> QueryAsync(string sql) => SeedQueries.QueryAsync(Db, sql);

    public async Task<double> ScalarAsync(string sql) => Convert.ToDouble((await QueryAsync(sql))[0][0], CultureInfo.InvariantCulture);
}

/// <summary>Raw SQL reads over a test store, and a fingerprint of everything the seeder writes.</summary>
public static class SeedQueries
{
    private static readonly string[] FingerprintQueries =
    [
        "SELECT * FROM Customers ORDER BY Id",
        "SELECT * FROM SourceIdentities ORDER BY Id",
        "SELECT * FROM Orders ORDER BY Id",
        "SELECT * FROM OrderLines ORDER BY Id",
        "SELECT * FROM Touchpoints ORDER BY Id",
        "SELECT * FROM CampaignAssignments ORDER BY CampaignId, CustomerId",
        "SELECT * FROM Campaigns ORDER BY Id",
        "SELECT AdChannelId, WeekStartUtc, Spend, Revenue, Conversions FROM ChannelSpends ORDER BY AdChannelId, WeekStartUtc",
        "SELECT * FROM Products ORDER BY Id",
        "SELECT * FROM DemoPeople ORDER BY Id",
        "SELECT * FROM DemoIdentityTruths ORDER BY SourceIdentityId",
        "SELECT * FROM DemoTruths ORDER BY Key",
    ];

    public static async Task<List<object?[]>> QueryAsync(TestDatabase db, string sql)
    {
        await using var context = await db.Factory.CreateDbContextAsync();
        await context.Database.OpenConnectionAsync();
        await using var command = context.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>SHA-256 over every row of every brand table, in key order.</summary>
    public static async Task<string> FingerprintAsync(TestDatabase db)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var context = await db.Factory.CreateDbContextAsync();
        await context.Database.OpenConnectionAsync();
        foreach (var sql in FingerprintQueries)
        {
            await using var command = context.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            await using DbDataReader reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var text = new StringBuilder();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append('|');
                }
                hash.AppendData(Encoding.UTF8.GetBytes(text.Append('\n').ToString()));
            }
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
