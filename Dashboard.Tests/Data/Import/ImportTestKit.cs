using Dashboard.Data;
using System.Security.Cryptography;
using System.Text;
using Dashboard.Data.Import;
using Dashboard.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Data.Import;

/// <summary>A migrated temporary store plus helpers to import CSV text and to fingerprint the store's data.</summary>
public sealed class ImportTestKit : IAsyncDisposable
{
    public const string CustomersHeader = "source,source_id,name,phone,email,member_no,gender,birth_year,city,city_tier,first_seen,consent_sms,consent_email,consent_push,consent_ads";
    public const string OrdersHeader = "source,order_no,line_no,source_id,ordered_at,sku,product_name,category,quantity,unit_price";
    public const string TouchpointsHeader = "source,event_id,source_id,type,occurred_at,dwell_seconds,campaign,sku";
    public const string SpendHeader = "channel,week_start,spend,revenue,conversions";

    /// <summary>Three tmall buyers and one jd buyer.</summary>
    public const string ThreeCustomers = CustomersHeader + "\n" +
        "tmall,u1,Li Na,13800000001,li@example.com,M001,F,1990,Shanghai,1,2024-01-05,1,0,1,1\n" +
        "tmall,u2,Wang Wei,13800000002,,M002,M,1985,Hangzhou,2,2024-02-10T09:30:00Z,0,0,0,0\n" +
        "tmall,u3,,,,,,,,,2024-03-01T08:00:00+08:00,,,,\n" +
        "jd,j1,Zhao Min,13800000004,zhao@example.com,,F,2000,Beijing,1,2024-01-20,1,1,1,1\n";

    /// <summary>Two orders: A1 with two lines (2 x 99.5 + 1 x 30), B7 with one line.</summary>
    public const string TwoOrders = OrdersHeader + "\n" +
        "tmall,A1,1,u1,2024-06-18T20:00:00Z,SKU-1,Serum,serum,2,99.5\n" +
        "tmall,A1,2,u1,2024-06-18T20:00:00Z,SKU-2,Toner,toner,1,30\n" +
        "jd,B7,1,j1,2024-11-11,SKU-1,Serum,serum,1,89\n";

    private static readonly string[] DataTables =
        ["Customers", "SourceIdentities", "Products", "Orders", "OrderLines", "Touchpoints", "ChannelSpends", "Campaigns"];

    private ImportTestKit(TestDatabase database, CsvImporter importer)
    {
        Database = database;
        Importer = importer;
    }

    public TestDatabase Database { get; }

    public CsvImporter Importer { get; }

    /// <summary>
    /// A new store (on this run's provider unless <paramref name="provider"/> names one); <paramref name="importer"/>
    /// makes a differently configured importer for it.
    /// </summary>
    public static async Task<ImportTestKit> CreateAsync(Func<TestDatabase, CsvImporter>? importer = null, StoreProvider? provider = null)
    {
        var database = await TestDatabase.CreateAsync(provider ?? PostgresTestServer.Provider);
        return new(database, importer?.Invoke(database) ?? new CsvImporter(database.Factory, TimeProvider.System));
    }

    public Task<ImportReport> ImportAsync(ImportKind kind, string csv, string fileName = "test.csv", IProgress<ImportProgress>? progress = null) =>
        ImportBytesAsync(kind, Encoding.UTF8.GetBytes(csv), fileName, progress);

    public async Task<ImportReport> ImportBytesAsync(ImportKind kind, byte[] bytes, string fileName = "test.csv", IProgress<ImportProgress>? progress = null)
    {
        using var stream = new MemoryStream(bytes);
        return await Importer.ImportAsync(kind, stream, fileName, progress, CancellationToken.None);
    }

    /// <summary>Imports and fails the test (showing the problems) unless the file was applied.</summary>
    public async Task<ImportReport> ImportOkAsync(ImportKind kind, string csv)
    {
        var report = await ImportAsync(kind, csv);
        Assert.True(report.Succeeded, string.Join("\n", report.Problems.Select(p => $"{p.Line} {p.Column}: {p.Problem}")));
        return report;
    }

    /// <summary>Row counts and a SHA-256 of every row of every data table (import runs excluded: rejected runs are recorded).</summary>
    public async Task<string> FingerprintAsync()
    {
        await using var db = await Database.Factory.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        var text = new StringBuilder();
        foreach (var table in DataTables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1";
            await using var reader = await command.ExecuteReaderAsync();
            var rows = 0;
            var content = new StringBuilder();
            while (await reader.ReadAsync())
            {
                rows++;
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    content.Append(reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
                }
                content.Append('\n');
            }
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(content.ToString())));
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{table}:{rows}:{hash[..16]} ");
        }
        return text.ToString();
    }

    /// <summary>
    /// The imported data read back through EF Core, one line per row, so stores of different providers compare:
    /// with <paramref name="ids"/> as stored, without them each reference to another row replaced by that row's
    /// natural key (source/id, order number, sku), so stores whose id sequences skipped numbers compare too.
    /// </summary>
    public async Task<string> ContentAsync(bool ids)
    {
        await using var db = await Database.Factory.CreateDbContextAsync();
        var identities = await db.SourceIdentities.AsNoTracking().ToListAsync();
        var customers = await db.Customers.AsNoTracking().ToListAsync();
        var products = await db.Products.AsNoTracking().ToListAsync();
        var orders = await db.Orders.AsNoTracking().ToListAsync();
        var lines = await db.OrderLines.AsNoTracking().ToListAsync();
        var touchpoints = await db.Touchpoints.AsNoTracking().ToListAsync();
        var identityKey = identities.ToDictionary(i => i.Id, i => (object)$"{i.SourceId}/{i.ExternalId}");
        var keys = new Dictionary<string, IReadOnlyDictionary<long, object>>
        {
            ["SourceIdentityId"] = identityKey,
            ["LinkedToId"] = identityKey,
            ["CustomerId"] = identities.GroupBy(i => i.CustomerId).ToDictionary(g => g.Key, g => (object)string.Join("+", g.Select(i => identityKey[i.Id]).Order())),
            ["ProductId"] = products.ToDictionary(p => (long)p.Id, p => (object)p.Sku),
            ["OrderId"] = orders.ToDictionary(o => o.Id, o => (object)$"{o.SourceId}/{o.OrderNo}"),
        };
        var text = new StringBuilder();
        foreach (var (table, rows) in new (string, IEnumerable<object>)[]
                 {
                     ("SourceIdentities", identities), ("Customers", customers.Select(c => new { Identities = keys["CustomerId"].GetValueOrDefault(c.Id) as string, Customer = c })),
                     ("Products", products), ("Orders", orders), ("OrderLines", lines), ("Touchpoints", touchpoints),
                 })
        {
            text.Append(table).Append('\n');
            foreach (var line in rows.Select(r => Describe(r, ids, keys)).Order(StringComparer.Ordinal))
            {
                text.Append(line).Append('\n');
            }
        }
        return text.ToString();
    }

    private static string Describe(object row, bool ids, Dictionary<string, IReadOnlyDictionary<long, object>> keys)
    {
        var values = new List<string>();
        foreach (var property in row.GetType().GetProperties())
        {
            var value = property.GetValue(row);
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (type.Namespace?.StartsWith("Dashboard", StringComparison.Ordinal) == true && !type.IsEnum)
            {
                values.Add(value is null ? "∅" : Describe(value, ids, keys));
                continue;
            }
            if (!(type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(DateTime) || type == typeof(double)) || (property.Name == "Id" && !ids))
            {
                continue;
            }
            if (!ids && value is not null && keys.TryGetValue(property.Name, out var map))
            {
                value = map.GetValueOrDefault(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture), "?");
            }
            values.Add(value switch
            {
                null => "∅",
                // The kind differs by provider (SQLite: unspecified, PostgreSQL: UTC); both are UTC by convention.
                DateTime d => d.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", System.Globalization.CultureInfo.InvariantCulture),
                double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
            });
        }
        return string.Join("|", values);
    }

    /// <summary>Every index of the store with its SQL, one per line.</summary>
    public async Task<string> IndexesAsync()
    {
        await using var db = await Database.Factory.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT \"name\", coalesce(\"sql\", '') FROM sqlite_master WHERE \"type\" = 'index' ORDER BY \"name\"";
        await using var reader = await command.ExecuteReaderAsync();
        var text = new StringBuilder();
        while (await reader.ReadAsync())
        {
            text.Append(reader.GetString(0)).Append(": ").Append(reader.GetString(1)).Append('\n');
        }
        return text.ToString();
    }

    public async Task<long> CountAsync(string table)
    {
        await using var db = await Database.Factory.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Asserts that the file was rejected with exactly one problem at (line, column) whose text contains
    /// <paramref name="fragment"/>, and that the store's data is what it was before.
    /// </summary>
    public async Task AssertRejectedAsync(ImportKind kind, string csv, long line, string? column, string fragment)
    {
        var before = await FingerprintAsync();

        var report = await ImportAsync(kind, csv, "bad.csv");

        Assert.False(report.Succeeded);
        var problem = Assert.Single(report.Problems);
        Assert.Equal((line, column), (problem.Line, problem.Column));
        Assert.Contains(fragment, problem.Problem, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("bad.csv", report.FileName);
        Assert.Equal(0, report.RowsInserted);
        Assert.Equal(before, await FingerprintAsync());
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
