using Dashboard.Domain.Audiences;
using Dashboard.Domain.Segmentation;
using Dashboard.Features.Audiences;
using Dashboard.Features.Segments;
using Dashboard.Tests.Features.Segments;
using Dashboard.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Tests.Features.Audiences;

public class AudiencesServiceTests
{
    [Fact]
    public async Task Preview_TierFilter_CountsSizeRevenueAndConsent()
    {
        await using var db = await TestDatabase.CreateAsync();
        var store = new SegmentStore(db);
        await store.FiveBuyersAsync();
        await store.RunAsync();

        var preview = await Service(db).PreviewAsync(new CustomerSegmentFilter(Tier: TierRange.TryParse("20-50")), CancellationToken.None);

        Assert.Equal(new DateOnly(2025, 3, 31), preview.PeriodEnd);
        Assert.Equal(2, preview.Customers);  // C1, C2
        Assert.Equal(400, preview.Revenue);
        Assert.Equal(1, preview.WithoutConsent); // C2
        Assert.Equal(1, preview.Reachable);
        Assert.Null(preview.MeanClv);
    }

    [Fact]
    public async Task Preview_LifetimePeriod_GivesMeanClv()
    {
        await using var db = await TestDatabase.CreateAsync();
        var store = new SegmentStore(db);
        await store.FiveBuyersAsync();
        await store.RunAsync(new FakeLifetime(3, new DateOnly(2025, 3, 31)));

        var preview = await Service(db).PreviewAsync(new CustomerSegmentFilter(Segment: RfmSegment.Champions), CancellationToken.None);

        Assert.Equal(1000, preview.MeanClv); // C1: 1000 / 1
    }

    [Fact]
    public async Task Save_DuplicateName_IsRefusedWithAMessage()
    {
        await using var db = await TestDatabase.CreateAsync();
        var service = Service(db);

        var first = await service.SaveAsync(" Champions ", new CustomerSegmentFilter(Segment: RfmSegment.Champions), CancellationToken.None);
        var second = await service.SaveAsync("Champions", new CustomerSegmentFilter(), CancellationToken.None);
        var empty = await service.SaveAsync("  ", new CustomerSegmentFilter(), CancellationToken.None);

        Assert.NotNull(first.Id);
        Assert.Equal(SaveAudienceResult.NameTaken, second.Error);
        Assert.Equal(SaveAudienceResult.NameMissing, empty.Error);
        var list = await service.ListAsync(CancellationToken.None);
        Assert.Equal(RfmSegment.Champions, Assert.Single(list).Filter.Segment);
    }

    [Fact]
    public async Task Freeze_ThenNewPeriod_SnapshotKeepsMembersWhileDefinitionIsReevaluated()
    {
        await using var db = await TestDatabase.CreateAsync();
        var store = new SegmentStore(db);
        var c = await store.FiveBuyersAsync();
        await store.RunAsync();
        var service = Service(db);
        var id = (await service.SaveAsync("First buyers", new CustomerSegmentFilter(Stage: LifecycleStage.FirstPurchase), CancellationToken.None)).Id!.Value;
        var frozen = await service.FreezeAsync(id, CancellationToken.None);

        await store.OrdersAsync(c[3], ("2025-04-20", 80)); // C3 becomes a repeat buyer in April
        await store.OrdersAsync(c[5], ("2025-04-30", 20)); // and so does C5
        await store.RunAsync();
        var detail = (await service.LoadAsync(id, CancellationToken.None))!;

        Assert.Equal((2, new DateOnly(2025, 3, 31)), (frozen!.Customers, frozen.PeriodEnd));
        Assert.Equal(new DateOnly(2025, 4, 30), detail.Now.PeriodEnd);
        Assert.Equal(0, detail.Now.Customers);
        var snapshot = Assert.Single(detail.Snapshots);
        await using var context = await db.Factory.CreateDbContextAsync();
        var members = await AudiencesService.MembersAsync(context, id, snapshot.Id, CancellationToken.None);
        Assert.Equal(new[] { c[3], c[5] }.Order(), members!.ToList().Order());
        Assert.Empty((await AudiencesService.MembersAsync(context, id, null, CancellationToken.None))!.ToList());
    }

    [Fact]
    public async Task Export_MembersWithoutConsent_AreLeftOutAndCounted()
    {
        await using var db = await TestDatabase.CreateAsync();
        var store = new SegmentStore(db);
        var c = await store.FiveBuyersAsync();
        await store.IdentityAsync(c[1], "+86 138 0013 8000", "C1@Example.com"); // a second identity, same email differently written
        await store.RunAsync();
        var service = Service(db);
        var id = (await service.SaveAsync("Middle tier", new CustomerSegmentFilter(Tier: TierRange.TryParse("20-50")), CancellationToken.None)).Id!.Value;
        await using var context = await db.Factory.CreateDbContextAsync();
        var members = (await AudiencesService.MembersAsync(context, id, null, CancellationToken.None))!;
        using var csv = new StringWriter();

        var counts = await CrowdPackageExporter.WriteAsync(context, members, CrowdPackage.Find("google")!, csv, CancellationToken.None);

        Assert.Equal(new CrowdPackageCounts(Members: 2, WithoutConsent: 1, Exported: 1, Rows: 2), counts);
        var lines = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("customer_id,phone_sha256,email_sha256", lines[0]);
        Assert.Equal($"{c[1]},{CrowdPackage.Sha256Hex("+8613800138001")},{CrowdPackage.Sha256Hex("c1@example.com")}", lines[1]);
        Assert.Equal($"{c[1]},{CrowdPackage.Sha256Hex("+8613800138000")},", lines[2]);
        Assert.DoesNotContain(lines, l => l.StartsWith(c[2] + ",", StringComparison.Ordinal));
        Assert.DoesNotContain("138001380", csv.ToString(), StringComparison.Ordinal); // never a raw number
    }

    [Fact]
    public async Task Export_Md5Preset_WritesOneRowPerMobile()
    {
        await using var db = await TestDatabase.CreateAsync();
        var store = new SegmentStore(db);
        var c = await store.FiveBuyersAsync();
        await store.RunAsync();
        var id = (await Service(db).SaveAsync("Champions", new CustomerSegmentFilter(Segment: RfmSegment.Champions), CancellationToken.None)).Id!.Value;
        await using var context = await db.Factory.CreateDbContextAsync();
        using var csv = new StringWriter();

        await CrowdPackageExporter.WriteAsync(context, (await AudiencesService.MembersAsync(context, id, null, CancellationToken.None))!,
            CrowdPackage.Find("china-md5")!, csv, CancellationToken.None);

        Assert.Equal($"customer_id,mobile_md5\n{c[1]},{CrowdPackage.Md5Hex("13800138001")}\n", csv.ToString().Replace("\r", "", StringComparison.Ordinal));
    }

    private static AudiencesService Service(TestDatabase db) => new(db.Factory, TimeProvider.System, NullLogger<AudiencesService>.Instance);
}
