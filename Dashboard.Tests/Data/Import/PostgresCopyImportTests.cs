using System.Globalization;
using System.Text;
using Dashboard.Data;
using Dashboard.Data.Import;
using static Dashboard.Tests.Data.Import.ImportTestKit;

namespace Dashboard.Tests.Data.Import;

/// <summary>
/// PostgreSQL's batched COPY import path must give what one statement per row gives: the same report (counts and
/// every problem, in order), the same rows, and nothing written for a rejected file. A sequence of imports (new
/// rows, re-imports, rows added to stored orders, renames, rejected files of every kind of problem, a file past the
/// problem limit, a file that is not UTF-8) runs through both paths, with batches of the real size and of two records
/// (so orders, duplicates and stored rows sit across batch edges). Needs the PostgreSQL test server in every run.
/// </summary>
[Trait("Category", "Postgres")]
public sealed class PostgresCopyImportTests
{
    private const string MoreCustomers = CustomersHeader + "\n" +
        "tmall,u1,Li Na,13800000001,li@example.com,M001,F,1990,Shanghai,1,2024-01-05,1,0,1,1\n" +
        "douyin,d9,王芳,,wang@example.com,,女,1995,成都,2,2024-05-01T12:00:00+08:00,1,1,0,0\n" +
        "tmall,u2,Wang Wei,13800000002,,M002,M,1985,Hangzhou,2,2024-02-10T09:30:00Z,0,0,0,0\n";

    private const string BadCustomers = CustomersHeader + "\n" +
        "tmall,u7,,,,,,,,,2024-01-05,,,,\n" +
        "tmall,u1,Li Na,13900000000,li@example.com,M001,F,1990,Shanghai,1,2024-01-05,1,0,1,1\n" +
        "tmall,u7,,,,,,,,,2024-01-05,,,,\n" +
        "tmall,u8,,,,,X,,,,2024-01-05,,,,\n";

    // Adjacent lines, an order whose lines are apart, dates with a fraction, an offset and no time, non-ASCII text.
    private const string MixedOrders = OrdersHeader + "\n" +
        "tmall,A1,1,u1,2024-06-18T20:00:00Z,SKU-1,Serum,serum,2,99.5\n" +
        "tmall,A1,2,u1,2024-06-18T20:00:00Z,SKU-2,Toner,toner,1,30\n" +
        "jd,B7,1,j1,2024-11-11,SKU-1,Serum,serum,1,89\n" +
        "tmall,A1,3,u1,2024-06-18T20:00:00Z,SKU-3,面霜,cream,3,0.1\n" +
        "tmall,F1,1,u2,2024-06-18T20:00:00.25+08:00,SKU-2,Toner,toner,1,33.333333333333336\n" +
        "tmall,F1,2,u2,2024-06-18T20:00:00.25+08:00,SKU-1,Serum,serum,1,0.2\n";

    // Lines added to a stored order (and one already there), a new order, a renamed product, a new sku.
    private const string MoreOrders = OrdersHeader + "\n" +
        "tmall,A1,4,u1,2024-06-18T20:00:00Z,SKU-1,Serum,serum,1,99.5\n" +
        "tmall,A1,1,u1,2024-06-18T20:00:00Z,SKU-1,Serum,serum,2,99.5\n" +
        "tmall,G2,1,u3,2025-01-01 09:30:00,SKU-4,Mask,mask,5,12\n" +
        "tmall,G2,2,u3,2025-01-01 09:30:00,SKU-2,Toner+,toner,1,31\n" +
        "tmall,A1,5,u1,2024-06-18T20:00:00Z,SKU-4,Mask,mask,1,0.1\n" +
        "douyin,H1,1,d9,2025-02-01,SKU-5,Cleanser,cleanser,2,45\n";

    // One of each problem an orders file can have, between good lines.
    private const string BadOrders = OrdersHeader + "\n" +
        "tmall,K1,1,u1,2025-03-01,SKU-1,Serum,serum,1,99.5\n" +
        "tmall,K2,1,nobody,2025-03-01,SKU-1,Serum,serum,1,99.5\n" +
        "tmall,K1,2,u2,2025-03-01,SKU-1,Serum,serum,1,99.5\n" +
        "tmall,K3,1,u1,yesterday,SKU-1,Serum,serum,1,99.5\n" +
        "tmall,A1,1,u1,2024-06-18T20:00:00Z,SKU-1,Serum,serum,3,99.5\n" +
        "tmall,A1,9,u2,2024-06-18T20:00:00Z,SKU-1,Serum,serum,1,99.5\n" +
        "tmall,K1,1,u1,2025-03-01,SKU-1,Serum,serum,1,99.5\n" +
        "tmall,B7,1,u1,2024-11-11,SKU-NEW,New,new,1,1\n" +
        "tmall,K4,1,u1,2025-03-01,SKU-1,Serum,serum,-1,99.5\n" +
        "tmall,K5,1,u1,2025-03-01,SKU-1,\"Ser\"um\",serum,1,99.5\n" +
        "tmall,K6,1,u1,2025-03-01,SKU-1,Serum,serum,1\n";

    private const string Events = TouchpointsHeader + "\n" +
        "tmall,e1,u1,impression,2024-06-01T10:00:00Z,,,\n" +
        "tmall,e2,u1,visit,2024-06-01T10:05:00Z,95,,SKU-1\n" +
        "jd,e1,j1,add_to_cart,2024-06-02,,,SKU-2\n" +
        "douyin,e3,d9,click,2024-06-03,,,SKU-5\n";

    private const string BadEvents = TouchpointsHeader + "\n" +
        "tmall,e4,u1,click,2024-06-01,,,\n" +
        "tmall,e5,u1,click,2024-06-01,,,SKU-404\n" +
        "tmall,e6,ghost,click,2024-06-01,,,\n" +
        "tmall,e1,u1,click,2024-06-01T10:00:00Z,,,\n" +
        "tmall,e4,u1,click,2024-06-01,,,\n" +
        "tmall,e7,u1,click,2024-06-01,,NOPE,\n";

    /// <summary>Files that are applied (the SQLite comparison uses these alone: a rejected file may use up PostgreSQL ids).</summary>
    private static readonly (ImportKind Kind, byte[] File)[] GoodFiles =
    [
        (ImportKind.Customers, Utf8(ThreeCustomers)),
        (ImportKind.Customers, Utf8(MoreCustomers)),
        (ImportKind.Orders, Utf8(MixedOrders)),
        (ImportKind.Orders, Utf8(MoreOrders)),
        (ImportKind.Orders, Utf8(MixedOrders)),
        (ImportKind.Touchpoints, Utf8(Events)),
        (ImportKind.Touchpoints, Utf8(Events)),
    ];

    private static readonly (ImportKind Kind, byte[] File)[] AllFiles =
    [
        (ImportKind.Customers, Utf8(ThreeCustomers)),
        (ImportKind.Customers, Utf8(BadCustomers)),
        (ImportKind.Customers, Utf8(MoreCustomers)),
        (ImportKind.Orders, Utf8(MixedOrders)),
        (ImportKind.Orders, Utf8(BadOrders)),
        (ImportKind.Orders, Utf8(MoreOrders)),
        (ImportKind.Orders, Utf8(MixedOrders)),
        (ImportKind.Orders, Utf8(TooManyProblems())),
        (ImportKind.Orders, NotUtf8()),
        (ImportKind.Touchpoints, Utf8(Events)),
        (ImportKind.Touchpoints, Utf8(BadEvents)),
        (ImportKind.Touchpoints, Utf8(Events)),
        (ImportKind.Customers, Utf8(MoreCustomers)),
    ];

    [Theory]
    [InlineData(PostgresBatch.Rows)]
    [InlineData(2)]
    public async Task ImportAsync_CopyPath_SameReportsAndRowsAsRowByRow(int batchRows)
    {
        await using var rowByRow = await ImportTestKit.CreateAsync(db => new CsvImporter(db.Factory, TimeProvider.System) { PostgresCopy = false }, StoreProvider.Postgres);
        await using var copy = await ImportTestKit.CreateAsync(db => new CsvImporter(db.Factory, TimeProvider.System) { PostgresBatchRows = batchRows }, StoreProvider.Postgres);

        foreach (var (kind, file) in AllFiles)
        {
            var expected = await rowByRow.ImportBytesAsync(kind, file);
            var actual = await copy.ImportBytesAsync(kind, file);

            Assert.Equal(Describe(expected), Describe(actual));
            Assert.Equal(await rowByRow.ContentAsync(ids: false), await copy.ContentAsync(ids: false));
        }
        // Not a comparison of two empty stores: A1 B7 F1 G2 H1 with 11 lines were written (the M orders were rejected).
        Assert.Equal((5L, 5L, 5L, 11L, 4L), (await copy.CountAsync("SourceIdentities"), await copy.CountAsync("Products"),
            await copy.CountAsync("Orders"), await copy.CountAsync("OrderLines"), await copy.CountAsync("Touchpoints")));
    }

    [Fact]
    public async Task ImportAsync_CopyPath_SameIdsAsSqlite()
    {
        await using var sqlite = await ImportTestKit.CreateAsync(provider: StoreProvider.Sqlite);
        await using var copy = await ImportTestKit.CreateAsync(db => new CsvImporter(db.Factory, TimeProvider.System) { PostgresBatchRows = 2 }, StoreProvider.Postgres);

        foreach (var (kind, file) in GoodFiles)
        {
            var expected = await sqlite.ImportBytesAsync(kind, file);
            var actual = await copy.ImportBytesAsync(kind, file);

            Assert.True(actual.Succeeded, Describe(actual));
            Assert.Equal(Describe(expected), Describe(actual));
            Assert.Equal(await sqlite.ContentAsync(ids: true), await copy.ContentAsync(ids: true));
        }
    }

    [Fact]
    public async Task ImportAsync_CopyPathRejectsFile_StoreUnchanged()
    {
        await using var kit = await ImportTestKit.CreateAsync(db => new CsvImporter(db.Factory, TimeProvider.System) { PostgresBatchRows = 2 }, StoreProvider.Postgres);
        await kit.ImportOkAsync(ImportKind.Customers, ThreeCustomers);
        await kit.ImportOkAsync(ImportKind.Customers, MoreCustomers);
        await kit.ImportOkAsync(ImportKind.Orders, MixedOrders);
        var before = await kit.FingerprintAsync();

        // New products, orders and lines of the first batches were copied before the bad line was read.
        var report = await kit.ImportAsync(ImportKind.Orders, MoreOrders + "tmall,Z9,1,u1,2025-03-01,SKU-9,Nine,nine,0,1\n");

        Assert.False(report.Succeeded);
        Assert.Equal(["8 quantity"], report.Problems.Select(p => $"{p.Line} {p.Column}"));
        Assert.Equal(before, await kit.FingerprintAsync());
    }

    private static string Describe(ImportReport report) => string.Create(CultureInfo.InvariantCulture,
        $"{report.Succeeded} read {report.RowsRead} inserted {report.RowsInserted} unchanged {report.RowsUnchanged}\n")
        + string.Join("\n", report.Problems.Select(p => $"{p.Line} {p.Column}: {p.Problem}"));

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    // More problems than the limit: reading stops, and the report says where.
    private static string TooManyProblems() => OrdersHeader + "\n" + string.Concat(Enumerable.Range(1, CsvImporter.MaxProblems + 20).Select(i =>
        i % 3 == 0
            ? $"tmall,M{i},1,u1,2025-04-01,SKU-1,Serum,serum,1,99.5\n"
            : $"tmall,M{i},1,ghost{i},2025-04-01,SKU-1,Serum,serum,1,99.5\n"));

    // A bad line, good lines, then a byte that is not UTF-8 in the middle of the file.
    private static byte[] NotUtf8() =>
    [
        .. Utf8(OrdersHeader + "\ntmall,N1,1,nobody,2025-05-01,SKU-1,Serum,serum,1,1\ntmall,N2,1,u1,2025-05-01,SKU-1,Serum,serum,1,1\ntmall,N3,1,u1,2025-05-01,SKU-1,Se"),
        0xC3, 0x28,
        .. Utf8("rum,serum,1,1\ntmall,N4,1,u1,2025-05-01,SKU-1,Serum,serum,1,1\n"),
    ];
}
