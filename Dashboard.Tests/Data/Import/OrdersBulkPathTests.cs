using Dashboard.Data;
using Dashboard.Data.Import;
using Dashboard.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Tests.Data.Import.ImportTestKit;

namespace Dashboard.Tests.Data.Import;

/// <summary>
/// The orders import's fast paths on SQLite (inserts through SQLitePCLRaw, order indexes built at the end of a big
/// file) must leave exactly what the plain ADO.NET path, with indexes maintained row by row, leaves. SQLite only, in
/// every run: these paths do not exist on PostgreSQL.
/// </summary>
public sealed class OrdersBulkPathTests
{
    // Adjacent lines, an order whose lines are apart (added to the stored order), dates with a fraction, an offset
    // and no time, non-ASCII text, and a price with many digits.
    private const string MixedOrders = OrdersHeader + "\n" +
        "tmall,A1,1,u1,2024-06-18T20:00:00Z,SKU-1,Serum,serum,2,99.5\n" +
        "tmall,A1,2,u1,2024-06-18T20:00:00Z,SKU-2,Toner,toner,1,30\n" +
        "jd,B7,1,j1,2024-11-11,SKU-1,Serum,serum,1,89\n" +
        "tmall,A1,3,u1,2024-06-18T20:00:00Z,SKU-3,面霜,cream,3,0.1\n" +
        "tmall,F1,1,u2,2024-06-18T20:00:00.25+08:00,SKU-2,Toner,toner,1,33.333333333333336\n";

    private const string MoreOrders = OrdersHeader + "\n" +
        "tmall,A1,4,u1,2024-06-18T20:00:00Z,SKU-1,Serum,serum,1,99.5\n" +
        "tmall,A1,1,u1,2024-06-18T20:00:00Z,SKU-1,Serum,serum,2,99.5\n" +
        "tmall,G2,1,u3,2025-01-01 09:30:00,SKU-4,Mask,mask,5,12\n";

    [Fact]
    public async Task ImportAsync_RawSqliteAndAdoNet_StoreIdenticalRows()
    {
        await using var raw = await ImportTestKit.CreateAsync(provider: StoreProvider.Sqlite);
        await using var ado = await ImportTestKit.CreateAsync(db => new CsvImporter(db.Factory, TimeProvider.System) { RawSqlite = false }, StoreProvider.Sqlite);

        var fingerprints = new List<string>();
        foreach (var kit in new[] { raw, ado })
        {
            await kit.ImportOkAsync(ImportKind.Customers, ThreeCustomers);
            await kit.ImportOkAsync(ImportKind.Orders, MixedOrders);
            var more = await kit.ImportOkAsync(ImportKind.Orders, MoreOrders);
            Assert.Equal((2L, 1L), (more.RowsInserted, more.RowsUnchanged));
            fingerprints.Add(await kit.FingerprintAsync());
        }

        Assert.Equal(fingerprints[1], fingerprints[0]);
    }

    [Fact]
    public async Task ImportAsync_RawSqlite_StoresDatesAsEfCoreDoes()
    {
        await using var kit = await ImportTestKit.CreateAsync(provider: StoreProvider.Sqlite);
        await kit.ImportOkAsync(ImportKind.Customers, ThreeCustomers);

        await kit.ImportOkAsync(ImportKind.Orders, MixedOrders);

        await using var db = await kit.Database.Factory.CreateDbContextAsync();
        var stored = await db.Database.SqlQueryRaw<string>("SELECT \"PlacedAtUtc\" AS \"Value\" FROM \"Orders\" ORDER BY \"OrderNo\"").ToListAsync();
        Assert.Equal(["2024-06-18 20:00:00", "2024-11-11 00:00:00", "2024-06-18 12:00:00.25"], stored);
        var since = new DateTime(2024, 6, 18, 12, 0, 0, 250, DateTimeKind.Utc);
        Assert.Equal(["A1", "B7", "F1"], await db.Orders.Where(o => o.PlacedAtUtc >= since).OrderBy(o => o.OrderNo).Select(o => o.OrderNo).ToListAsync());
    }

    [Fact]
    public async Task ImportAsync_IndexesBuiltAtEnd_SameRowsAndIndexesAsRowByRow()
    {
        await using var rowByRow = await ImportTestKit.CreateAsync(provider: StoreProvider.Sqlite);
        await using var atEnd = await ImportTestKit.CreateAsync(Deferring, StoreProvider.Sqlite);
        var indexesBefore = await atEnd.IndexesAsync();
        var rootPageBefore = await RootPageAsync(atEnd, "IX_OrderLines_ProductId");

        var fingerprints = new List<string>();
        foreach (var kit in new[] { rowByRow, atEnd })
        {
            await kit.ImportOkAsync(ImportKind.Customers, ThreeCustomers);
            await kit.ImportOkAsync(ImportKind.Orders, MixedOrders);
            fingerprints.Add(await kit.FingerprintAsync());
        }

        Assert.Equal(fingerprints[0], fingerprints[1]);
        Assert.Equal(indexesBefore, await atEnd.IndexesAsync());
        Assert.NotEqual(rootPageBefore, await RootPageAsync(atEnd, "IX_OrderLines_ProductId"));
    }

    [Fact]
    public async Task ImportAsync_RejectedWhileIndexesDeferred_KeepsIndexesAndData()
    {
        await using var kit = await ImportTestKit.CreateAsync(Deferring, StoreProvider.Sqlite);
        await kit.ImportOkAsync(ImportKind.Customers, ThreeCustomers);
        var indexes = await kit.IndexesAsync();
        var rootPage = await RootPageAsync(kit, "IX_OrderLines_ProductId");

        await kit.AssertRejectedAsync(ImportKind.Orders, MixedOrders + "tmall,H1,1,u1,2024-06-18,SKU-1,Serum,serum,-1,10\n", 7, "quantity", "negative");

        Assert.Equal(indexes, await kit.IndexesAsync());
        Assert.Equal(rootPage, await RootPageAsync(kit, "IX_OrderLines_ProductId"));
    }

    [Theory]
    [InlineData(null, 0, false)]
    [InlineData(1_000_000L, 0, false)]
    [InlineData(128_000_000L, 0, true)]
    [InlineData(128_000_000L, 500_000, true)]
    [InlineData(128_000_000L, 600_000, false)]
    public void ShouldDeferIndexes_FileSizeAgainstStoredLines_DefersOnlyForBigFilesIntoSmallerStores(long? bytes, long storedLines, bool expected)
    {
        var defer = CsvImporter.ShouldDeferIndexes(bytes, storedLines, 50_000);

        Assert.Equal(expected, defer);
    }

    // A rebuilt index gets a new root page: how a test sees that the index was dropped and created again.
    private static async Task<int> RootPageAsync(ImportTestKit kit, string index)
    {
        await using var db = await kit.Database.Factory.CreateDbContextAsync();
        return await db.Database.SqlQuery<int>($"SELECT \"rootpage\" AS \"Value\" FROM sqlite_master WHERE \"name\" = {index}").SingleAsync();
    }

    private static CsvImporter Deferring(TestDatabase db) => new(db.Factory, TimeProvider.System) { DeferIndexesFromLines = 0 };
}
