using System.Text;
using Dashboard.Data.Identity;
using Dashboard.Data.Import;
using Dashboard.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static Dashboard.Tests.Data.Import.ImportTestKit;

namespace Dashboard.Tests.Data.Identity;

/// <summary>The real CSV importer with identity resolution as its follow-up, as the app wires it.</summary>
public sealed class ImportResolutionTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private IdentityService _identity = null!;
    private CsvImporter _importer = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _identity = new IdentityService(_db.Factory, Options.Create(new IdentityOptions()), TimeProvider.System, NullLogger<IdentityService>.Instance);
        _importer = new CsvImporter(_db.Factory, TimeProvider.System, [new IdentityImportFollowUp(_identity)]);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Import_CustomersAcrossSources_MergesThemAndOrdersFollowTheProfile()
    {
        await ImportAsync(ImportKind.Customers, CustomersHeader + "\n" +
            "tmall,u1,Li Na,138 0000 0001,,M001,F,1990,Shanghai,1,2024-01-05,1,0,1,1\n" +
            "jd,j1,,+8613800000001,li@example.com,,,,,,2024-02-05,1,0,0,1\n" +
            "app,a1,Li Na,,LI@example.com,,F,,,,2024-03-05,0,1,1,1\n");
        await ImportAsync(ImportKind.Orders, OrdersHeader + "\n" +
            "tmall,A1,1,u1,2024-06-18T20:00:00Z,SKU-1,Serum,serum,2,99.5\n" +
            "jd,B7,1,j1,2024-11-11,SKU-1,Serum,serum,1,89\n");

        await using var db = await _db.Factory.CreateDbContextAsync();
        var customer = await db.Customers.SingleAsync();
        Assert.Equal(3, await db.SourceIdentities.CountAsync(i => i.CustomerId == customer.Id));
        Assert.Equal((2, 288.0), (customer.OrderCount, customer.Revenue));
        Assert.Equal(new DateTime(2024, 1, 5), customer.FirstSeenUtc);
        // SMS consent was refused in the app: not given; ads consented everywhere.
        Assert.Equal((false, true), (customer.ConsentSms, customer.ConsentAds));
    }

    [Fact]
    public async Task Split_ThenTheNextImport_KeepsTheSplitAndThatImportStillMerges()
    {
        await ImportAsync(ImportKind.Customers, CustomersHeader + "\n" +
            "tmall,u1,Li Na,13800000001,,,,,,,2024-01-05,0,0,0,0\n" +
            "offline,p1,Zhang Wei,13800000001,,,,,,,2024-02-05,0,0,0,0\n");
        int[] ids;
        long customer;
        await using (var db = await _db.Factory.CreateDbContextAsync())
        {
            customer = await db.Customers.Select(c => c.Id).SingleAsync();
            ids = [(int)await db.SourceIdentities.Where(i => i.ExternalId == "p1").Select(i => i.Id).SingleAsync()];
        }

        await _identity.SplitAsync(customer, [ids[0]], "ops", "a cashier typed her phone for him", CancellationToken.None);
        await ImportAsync(ImportKind.Customers, CustomersHeader + "\n" +
            "jd,j9,Li Na,+86 138 0000 0001,li@example.com,,,,,,2024-03-05,0,0,0,0\n" +
            "app,a9,,,LI@EXAMPLE.COM,,,,,,2024-04-05,0,0,0,0\n");

        await using var check = await _db.Factory.CreateDbContextAsync();
        var profiles = await check.SourceIdentities.ToDictionaryAsync(i => i.ExternalId, i => i.CustomerId);
        Assert.Equal(profiles["u1"], profiles["j9"]);
        Assert.Equal(profiles["u1"], profiles["a9"]);
        Assert.NotEqual(profiles["u1"], profiles["p1"]);
        Assert.Equal(2, await check.Customers.CountAsync());
    }

    private async Task ImportAsync(ImportKind kind, string csv)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        var report = await _importer.ImportAsync(kind, stream, "test.csv", null, CancellationToken.None);
        Assert.True(report.Succeeded, string.Join("\n", report.Problems.Select(p => $"{p.Line} {p.Column}: {p.Problem}")));
    }
}
