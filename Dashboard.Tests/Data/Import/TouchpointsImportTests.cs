using Dashboard.Data.Entities;
using Dashboard.Data.Import;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Tests.Data.Import.ImportTestKit;

namespace Dashboard.Tests.Data.Import;

public sealed class TouchpointsImportTests : IAsyncLifetime
{
    private const string Events = TouchpointsHeader + "\n" +
        "tmall,e1,u1,impression,2024-06-01T10:00:00Z,,D11-PUSH,\n" +
        "tmall,e2,u1,visit,2024-06-01T10:05:00Z,95,,SKU-1\n" +
        "jd,e1,j1,add_to_cart,2024-06-02,,,SKU-2\n";

    private ImportTestKit _kit = null!;

    public async Task InitializeAsync()
    {
        _kit = await ImportTestKit.CreateAsync();
        await _kit.ImportOkAsync(ImportKind.Customers, ThreeCustomers);
        await _kit.ImportOkAsync(ImportKind.Orders, TwoOrders);
        await using var db = await _kit.Database.Factory.CreateDbContextAsync();
        db.Campaigns.Add(new Campaign
        {
            Code = "D11-PUSH", Name = "Double Eleven push", AdChannelId = 8, StartUtc = new DateTime(2024, 6, 1, 0, 0, 0, DateTimeKind.Utc), EndUtc = new DateTime(2024, 6, 3, 0, 0, 0, DateTimeKind.Utc),
            TargetAudience = "lapsed buyers",
        });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    [Fact]
    public async Task ImportAsync_NewEvents_InsertsTouchpointsWithCampaignAndProduct()
    {
        var report = await _kit.ImportAsync(ImportKind.Touchpoints, Events);

        Assert.True(report.Succeeded);
        Assert.Equal(3, report.RowsInserted);
        await using var db = await _kit.Database.Factory.CreateDbContextAsync();
        var touchpoints = await db.Touchpoints.OrderBy(t => t.Id).ToListAsync();
        Assert.Equal([TouchpointType.Impression, TouchpointType.Visit, TouchpointType.AddToCart], touchpoints.Select(t => t.Type));
        Assert.NotNull(touchpoints[0].CampaignId);
        Assert.Equal((95, (int?)null), (touchpoints[1].DwellSeconds, touchpoints[1].CampaignId));
        Assert.Equal(await db.Products.Where(p => p.Sku == "SKU-2").Select(p => (int?)p.Id).SingleAsync(), touchpoints[2].ProductId);
        var j1 = await db.SourceIdentities.SingleAsync(i => i.ExternalId == "j1");
        Assert.Equal((j1.Id, j1.CustomerId), (touchpoints[2].SourceIdentityId, touchpoints[2].CustomerId));
    }

    [Fact]
    public async Task ImportAsync_SameFileTwice_SecondChangesNothing()
    {
        await _kit.ImportOkAsync(ImportKind.Touchpoints, Events);
        var before = await _kit.FingerprintAsync();

        var again = await _kit.ImportAsync(ImportKind.Touchpoints, Events);

        Assert.Equal((true, 0L, 3L), (again.Succeeded, again.RowsInserted, again.RowsUnchanged));
        Assert.Equal(before, await _kit.FingerprintAsync());
    }

    [Fact]
    public async Task ImportAsync_StoredEventWithAnotherType_RejectedAndStoreUnchanged()
    {
        await _kit.ImportOkAsync(ImportKind.Touchpoints, Events);

        await _kit.AssertRejectedAsync(ImportKind.Touchpoints, TouchpointsHeader + "\ntmall,e1,u1,click,2024-06-01T10:00:00Z,,D11-PUSH,\n",
            2, "event_id", "touchpoint e1 is already stored with different values");
    }

    [Fact]
    public async Task ImportAsync_SameEventTwiceInFile_RejectedAsDuplicate() =>
        await _kit.AssertRejectedAsync(ImportKind.Touchpoints, TouchpointsHeader + "\n" +
            "tmall,e1,u1,click,2024-06-01T10:00:00Z,,,\n" +
            "tmall,e1,u1,click,2024-06-01T10:00:00Z,,,\n",
            3, "event_id", "duplicate touchpoint: event e1 appears more than once");

    [Theory]
    [InlineData("tmall,e9,u1,purchase,2024-06-01,,,", "type", "unknown touchpoint type 'purchase'")]
    [InlineData("tmall,e9,u1,click,2024-06-01,,NOPE,", "campaign", "unknown campaign 'NOPE'")]
    [InlineData("tmall,e9,u1,click,2024-06-01,,,SKU-404", "sku", "unknown sku 'SKU-404'")]
    [InlineData("tmall,e9,ghost,click,2024-06-01,,,", "source_id", "unknown customer tmall/ghost: import customers first")]
    [InlineData("tmall,,u1,click,2024-06-01,,,", "event_id", "missing event_id")]
    [InlineData("tmall,e9,u1,visit,2024-06-01,-5,,", "dwell_seconds", "dwell_seconds -5 is negative")]
    [InlineData("tmall,e9,u1,visit,1 June,,,", "occurred_at", "'1 June' is not a date")]
    public async Task ImportAsync_BadEvent_RejectedNamingTheColumn(string row, string column, string fragment) =>
        await _kit.AssertRejectedAsync(ImportKind.Touchpoints, TouchpointsHeader + "\n" + row + "\n", 2, column, fragment);
}
