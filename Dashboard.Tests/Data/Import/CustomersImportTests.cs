using Dashboard.Data.Import;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Tests.Data.Import.ImportTestKit;

namespace Dashboard.Tests.Data.Import;

public sealed class CustomersImportTests : IAsyncLifetime
{
    private ImportTestKit _kit = null!;

    public async Task InitializeAsync() => _kit = await ImportTestKit.CreateAsync();

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    [Fact]
    public async Task ImportAsync_NewIdentities_CreatesACustomerForEachAndMarksTheRun()
    {
        var report = await _kit.ImportAsync(ImportKind.Customers, ThreeCustomers);

        Assert.True(report.Succeeded);
        Assert.Equal((4L, 4L, 0L), (report.RowsRead, report.RowsInserted, report.RowsUnchanged));
        await using var db = await _kit.Database.Factory.CreateDbContextAsync();
        var identities = await db.SourceIdentities.Include(i => i.Customer).OrderBy(i => i.Id).ToListAsync();
        Assert.Equal(4, identities.Select(i => i.CustomerId).Distinct().Count());
        Assert.All(identities, i => Assert.Equal(report.ImportRunId, i.ImportRunId));
        var li = identities[0];
        Assert.Equal(("u1", "13800000001", "li@example.com", "M001"), (li.ExternalId, li.Phone, li.Email, li.MemberNo));
        Assert.Equal(("Li Na", "F", 1990, "Shanghai", 1), (li.Customer!.Name, li.Customer.Gender, li.Customer.BirthYear, li.Customer.City, li.Customer.CityTier));
        Assert.Equal((true, false, true, true), (li.Customer.ConsentSms, li.Customer.ConsentEmail, li.Customer.ConsentPush, li.Customer.ConsentAds));
        Assert.Equal(1, li.Customer.AcquisitionSourceId);
        var u3 = identities[2];
        Assert.Equal(new DateTime(2024, 3, 1, 0, 0, 0), u3.FirstSeenUtc);
        Assert.Equal((null, null, null, false), (u3.Phone, u3.Customer!.Name, u3.Customer.Gender, u3.Customer.ConsentAds));
    }

    [Fact]
    public async Task ImportAsync_SameFileTwice_SecondCountsUnchangedAndChangesNothing()
    {
        await _kit.ImportOkAsync(ImportKind.Customers, ThreeCustomers);
        var before = await _kit.FingerprintAsync();

        var again = await _kit.ImportAsync(ImportKind.Customers, ThreeCustomers);

        Assert.True(again.Succeeded);
        Assert.Equal((0L, 4L), (again.RowsInserted, again.RowsUnchanged));
        Assert.Equal(before, await _kit.FingerprintAsync());
    }

    [Fact]
    public async Task ImportAsync_StoredIdentityWithAnotherPhone_RejectedAndStoreUnchanged()
    {
        await _kit.ImportOkAsync(ImportKind.Customers, ThreeCustomers);

        await _kit.AssertRejectedAsync(ImportKind.Customers, CustomersHeader + "\n" +
            "tmall,u1,Li Na,13900000000,li@example.com,M001,F,1990,Shanghai,1,2024-01-05,1,0,1,1\n",
            2, "phone", "customer tmall/u1 is already stored with different values (phone '13800000001' stored, '13900000000' in the file)");
    }

    [Fact]
    public async Task ImportAsync_StoredIdentityWithWithdrawnConsent_RejectedAndStoreUnchanged()
    {
        await _kit.ImportOkAsync(ImportKind.Customers, ThreeCustomers);

        await _kit.AssertRejectedAsync(ImportKind.Customers, CustomersHeader + "\n" +
            "tmall,u1,Li Na,13800000001,li@example.com,M001,F,1990,Shanghai,1,2024-01-05,0,0,1,1\n",
            2, "consent_sms", "consent_sms 1 stored, 0 in the file");
    }

    [Fact]
    public async Task ImportAsync_IdentityMergedIntoAnotherProfile_ProfileFieldsAreNotCompared()
    {
        await _kit.ImportOkAsync(ImportKind.Customers, ThreeCustomers);
        await using (var db = await _kit.Database.Factory.CreateDbContextAsync())
        {
            // What identity resolution does: u2 now belongs to u1's profile, whose name and city differ from u2's row.
            var u1 = await db.SourceIdentities.SingleAsync(i => i.ExternalId == "u1");
            var u2 = await db.SourceIdentities.SingleAsync(i => i.ExternalId == "u2");
            u2.CustomerId = u1.CustomerId;
            await db.SaveChangesAsync();
        }

        var again = await _kit.ImportAsync(ImportKind.Customers, ThreeCustomers);

        Assert.True(again.Succeeded);
        Assert.Equal(4, again.RowsUnchanged);
    }

    [Fact]
    public async Task ImportAsync_SameIdentityTwiceInFile_RejectedAsDuplicate() =>
        await _kit.AssertRejectedAsync(ImportKind.Customers, CustomersHeader + "\n" +
            "tmall,u1,,,,,,,,,2024-01-05,,,,\n" +
            "tmall,u1,,,,,,,,,2024-01-05,,,,\n",
            3, "source_id", "duplicate customer: tmall/u1 appears more than once in this file");

    [Fact]
    public async Task ImportAsync_MissingSourceId_RejectedAndStoreUnchanged() =>
        await _kit.AssertRejectedAsync(ImportKind.Customers, CustomersHeader + "\n" +
            "tmall,u1,,,,,,,,,2024-01-05,,,,\n" +
            "tmall,  ,,,,,,,,,2024-01-05,,,,\n",
            3, "source_id", "missing source_id");

    [Fact]
    public async Task ImportAsync_UnknownSource_RejectedListingTheKnownOnes() =>
        await _kit.AssertRejectedAsync(ImportKind.Customers, CustomersHeader + "\n" +
            "pinduoduo,p1,,,,,,,,,2024-01-05,,,,\n",
            2, "source", "unknown source 'pinduoduo': known codes are app, douyin, jd, offline, sms, tmall, web, wechat");

    [Fact]
    public async Task ImportAsync_UnparsableFirstSeen_RejectedAndStoreUnchanged() =>
        await _kit.AssertRejectedAsync(ImportKind.Customers, CustomersHeader + "\n" +
            "tmall,u1,,,,,,,,,2024-02-30,,,,\n",
            2, "first_seen", "'2024-02-30' is not a date");

    [Theory]
    [InlineData("X,1990,1,1", "gender", "'X' is not a gender")]
    [InlineData("F,1850,1,1", "birth_year", "birth_year 1850 is out of range")]
    [InlineData("F,1990,7,1", "city_tier", "city_tier 7 is out of range")]
    [InlineData("F,1990,1,maybe", "consent_sms", "'maybe' is not a yes/no value")]
    public async Task ImportAsync_BadProfileValue_RejectedNamingTheColumn(string values, string column, string fragment)
    {
        var v = values.Split(',');
        await _kit.AssertRejectedAsync(ImportKind.Customers, CustomersHeader + "\n" +
            $"tmall,u1,,,,,{v[0]},{v[1]},,{v[2]},2024-01-05,{v[3]},,,\n", 2, column, fragment);
    }
}
