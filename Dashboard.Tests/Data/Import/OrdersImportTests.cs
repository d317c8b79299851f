using Dashboard.Data.Import;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Tests.Data.Import.ImportTestKit;

namespace Dashboard.Tests.Data.Import;

public sealed class OrdersImportTests : IAsyncLifetime
{
    private ImportTestKit _kit = null!;

    public async Task InitializeAsync()
    {
        _kit = await ImportTestKit.CreateAsync();
        await _kit.ImportOkAsync(ImportKind.Customers, ThreeCustomers);
    }

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    [Fact]
    public async Task ImportAsync_NewOrders_InsertsLinesAndOrdersWithTotals()
    {
        var report = await _kit.ImportAsync(ImportKind.Orders, TwoOrders);

        Assert.True(report.Succeeded);
        Assert.Equal((3L, 3L, 0L), (report.RowsRead, report.RowsInserted, report.RowsUnchanged));
        await using var db = await _kit.Database.Factory.CreateDbContextAsync();
        var orders = await db.Orders.OrderBy(o => o.OrderNo).ToListAsync();
        Assert.Equal(["A1", "B7"], orders.Select(o => o.OrderNo));
        Assert.Equal((229.0, 2), (orders[0].Total, orders[0].LineCount));
        Assert.Equal((89.0, 1), (orders[1].Total, orders[1].LineCount));
        Assert.Equal(new DateTime(2024, 6, 18, 20, 0, 0), orders[0].PlacedAtUtc);
        Assert.All(orders, o => Assert.Equal(report.ImportRunId, o.ImportRunId));
        var products = await db.Products.OrderBy(p => p.Sku).ToListAsync();
        Assert.Equal([("SKU-1", "Serum", 99.5), ("SKU-2", "Toner", 30.0)], products.Select(p => (p.Sku, p.Name, p.Price)));
        Assert.Equal(3, await db.OrderLines.CountAsync(l => l.ImportRunId == report.ImportRunId));
    }

    [Fact]
    public async Task ImportAsync_SameFileTwice_SecondCountsUnchangedAndChangesNothing()
    {
        await _kit.ImportOkAsync(ImportKind.Orders, TwoOrders);
        var before = await _kit.FingerprintAsync();

        var again = await _kit.ImportAsync(ImportKind.Orders, TwoOrders);

        Assert.True(again.Succeeded);
        Assert.Equal((3L, 0L, 3L), (again.RowsRead, again.RowsInserted, again.RowsUnchanged));
        Assert.Equal(before, await _kit.FingerprintAsync());
    }

    [Fact]
    public async Task ImportAsync_OffsetTime_IsStoredAsUtc()
    {
        await _kit.ImportOkAsync(ImportKind.Orders, OrdersHeader + "\ntmall,C1,1,u2,2024-06-18T20:00:00+08:00,SKU-1,Serum,serum,1,10\n");

        await using var db = await _kit.Database.Factory.CreateDbContextAsync();
        Assert.Equal(new DateTime(2024, 6, 18, 12, 0, 0), (await db.Orders.SingleAsync()).PlacedAtUtc);
    }

    [Fact]
    public async Task ImportAsync_UnknownBuyer_RejectedAndStoreUnchanged() =>
        await _kit.AssertRejectedAsync(ImportKind.Orders, OrdersHeader + "\n" +
            "tmall,A1,1,u1,2024-06-18T20:00:00Z,SKU-1,Serum,serum,2,99.5\n" +
            "tmall,A2,1,nobody,2024-06-18T20:00:00Z,SKU-1,Serum,serum,2,99.5\n",
            3, "source_id", "unknown customer tmall/nobody: import customers first");

    [Fact]
    public async Task ImportAsync_UnparsableDate_RejectedAndStoreUnchanged() =>
        await _kit.AssertRejectedAsync(ImportKind.Orders, OrdersHeader + "\n" +
            "tmall,A1,1,u1,2024-06-18T20:00:00Z,SKU-1,Serum,serum,2,99.5\n" +
            "tmall,A2,1,u1,18/06/2024,SKU-1,Serum,serum,2,99.5\n",
            3, "ordered_at", "'18/06/2024' is not a date");

    [Fact]
    public async Task ImportAsync_UnparsableAmount_RejectedAndStoreUnchanged() =>
        await _kit.AssertRejectedAsync(ImportKind.Orders, OrdersHeader + "\n" +
            "tmall,A1,1,u1,2024-06-18T20:00:00Z,SKU-1,Serum,serum,2,\"99,5\"\n",
            2, "unit_price", "'99,5' is not a number");

    [Fact]
    public async Task ImportAsync_NegativeQuantity_RejectedAndStoreUnchanged() =>
        await _kit.AssertRejectedAsync(ImportKind.Orders, OrdersHeader + "\n" +
            "tmall,A1,1,u1,2024-06-18T20:00:00Z,SKU-1,Serum,serum,-2,99.5\n",
            2, "quantity", "quantity -2 is negative");

    [Fact]
    public async Task ImportAsync_MissingOrderNo_RejectedAndStoreUnchanged() =>
        await _kit.AssertRejectedAsync(ImportKind.Orders, OrdersHeader + "\n" +
            "tmall,,1,u1,2024-06-18T20:00:00Z,SKU-1,Serum,serum,2,99.5\n",
            2, "order_no", "missing order_no");

    [Fact]
    public async Task ImportAsync_UnknownSource_RejectedAndStoreUnchanged() =>
        await _kit.AssertRejectedAsync(ImportKind.Orders, OrdersHeader + "\n" +
            "taobao,A1,1,u1,2024-06-18T20:00:00Z,SKU-1,Serum,serum,2,99.5\n",
            2, "source", "unknown source 'taobao'");

    [Fact]
    public async Task ImportAsync_LineRepeatedNextToItself_RejectedAsDuplicate() =>
        await _kit.AssertRejectedAsync(ImportKind.Orders, OrdersHeader + "\n" +
            "tmall,A1,1,u1,2024-06-18T20:00:00Z,SKU-1,Serum,serum,2,99.5\n" +
            "tmall,A1,1,u1,2024-06-18T20:00:00Z,SKU-1,Serum,serum,2,99.5\n",
            3, "line_no", "duplicate order line: order A1 line 1 appears more than once in this file");

    [Fact]
    public async Task ImportAsync_LineRepeatedLaterInFile_RejectedAsDuplicate() =>
        await _kit.AssertRejectedAsync(ImportKind.Orders, OrdersHeader + "\n" +
            "tmall,A1,1,u1,2024-06-18T20:00:00Z,SKU-1,Serum,serum,2,99.5\n" +
            "jd,B7,1,j1,2024-11-11,SKU-1,Serum,serum,1,89\n" +
            "tmall,A1,1,u1,2024-06-18T20:00:00Z,SKU-1,Serum,serum,2,99.5\n",
            4, "line_no", "duplicate order line: order A1 line 1 appears more than once in this file");

    [Fact]
    public async Task ImportAsync_StoredLineWithDifferentValues_RejectedAndStoreUnchanged()
    {
        await _kit.ImportOkAsync(ImportKind.Orders, TwoOrders);

        await _kit.AssertRejectedAsync(ImportKind.Orders, OrdersHeader + "\n" +
            "tmall,A1,1,u1,2024-06-18T20:00:00Z,SKU-1,Serum,serum,3,99.5\n",
            2, "quantity", "order A1 line 1 is already stored with different values (sku 'SKU-1', quantity 2");
    }

    [Fact]
    public async Task ImportAsync_LinesOfOneOrderWithDifferentBuyers_Rejected() =>
        await _kit.AssertRejectedAsync(ImportKind.Orders, OrdersHeader + "\n" +
            "tmall,A1,1,u1,2024-06-18T20:00:00Z,SKU-1,Serum,serum,2,99.5\n" +
            "tmall,A1,2,u2,2024-06-18T20:00:00Z,SKU-1,Serum,serum,2,99.5\n",
            3, "source_id", "all lines of one order must have the same source_id");

    [Fact]
    public async Task ImportAsync_LinesOfOneOrderWithDifferentTimes_Rejected() =>
        await _kit.AssertRejectedAsync(ImportKind.Orders, OrdersHeader + "\n" +
            "tmall,A1,1,u1,2024-06-18T20:00:00Z,SKU-1,Serum,serum,2,99.5\n" +
            "jd,B7,1,j1,2024-11-11,SKU-1,Serum,serum,1,89\n" +
            "tmall,A1,2,u1,2024-06-19T20:00:00Z,SKU-1,Serum,serum,2,99.5\n",
            4, "ordered_at", "all lines of one order must have the same ordered_at");

    [Fact]
    public async Task ImportAsync_LinesOfOneOrderApart_OneOrderWithAllLines()
    {
        await _kit.ImportOkAsync(ImportKind.Orders, OrdersHeader + "\n" +
            "tmall,A1,1,u1,2024-06-18T20:00:00Z,SKU-1,Serum,serum,2,99.5\n" +
            "jd,B7,1,j1,2024-11-11,SKU-1,Serum,serum,1,89\n" +
            "tmall,A1,2,u1,2024-06-18T20:00:00Z,SKU-2,Toner,toner,1,30\n");

        await using var db = await _kit.Database.Factory.CreateDbContextAsync();
        var order = await db.Orders.SingleAsync(o => o.OrderNo == "A1");
        Assert.Equal((229.0, 2), (order.Total, order.LineCount));
    }

    [Fact]
    public async Task ImportAsync_LaterFileAddsLineToStoredOrder_TotalsGrow()
    {
        await _kit.ImportOkAsync(ImportKind.Orders, TwoOrders);

        var report = await _kit.ImportOkAsync(ImportKind.Orders, OrdersHeader + "\n" +
            "tmall,A1,2,u1,2024-06-18T20:00:00Z,SKU-2,Toner,toner,1,30\n" +
            "tmall,A1,3,u1,2024-06-18T20:00:00Z,SKU-3,Mask,mask,4,10\n");

        Assert.Equal((1L, 1L), (report.RowsInserted, report.RowsUnchanged));
        await using var db = await _kit.Database.Factory.CreateDbContextAsync();
        var order = await db.Orders.SingleAsync(o => o.OrderNo == "A1");
        Assert.Equal((269.0, 3), (order.Total, order.LineCount));
    }

    [Fact]
    public async Task ImportAsync_ProductWithNewName_IsRenamed()
    {
        await _kit.ImportOkAsync(ImportKind.Orders, TwoOrders);

        await _kit.ImportOkAsync(ImportKind.Orders, OrdersHeader + "\ntmall,A9,1,u1,2024-07-01,SKU-1,Serum 2.0,serum,1,99.5\n");

        await using var db = await _kit.Database.Factory.CreateDbContextAsync();
        Assert.Equal("Serum 2.0", (await db.Products.SingleAsync(p => p.Sku == "SKU-1")).Name);
    }

    [Fact]
    public async Task ImportAsync_SeveralBadRows_ReportsEachWithLineAndColumn()
    {
        var before = await _kit.FingerprintAsync();

        var report = await _kit.ImportAsync(ImportKind.Orders, OrdersHeader + "\n" +
            "tmall,A1,1,u1,2024-06-18T20:00:00Z,SKU-1,Serum,serum,two,99.5\n" +
            "tmall,A2,1,u1,yesterday,SKU-1,Serum,serum,1,99.5\n" +
            "tmall,A3,1,u1,2024-06-18,SKU-1,Serum,serum,1,99.5\n" +
            "tmall,A4,x,u1,2024-06-18,SKU-1,Serum,serum,1,-1\n");

        Assert.False(report.Succeeded);
        Assert.Equal(4, report.RowsRead);
        Assert.Equal([(2L, "quantity"), (3L, "ordered_at"), (5L, "line_no"), (5L, "unit_price")],
            report.Problems.Select(p => (p.Line, p.Column!)));
        Assert.Equal(before, await _kit.FingerprintAsync());
    }
}
