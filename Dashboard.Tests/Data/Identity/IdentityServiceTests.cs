using Dashboard.Data.Entities;
using Dashboard.Data.Identity;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Tests.Data.Identity.IdentityStore;

namespace Dashboard.Tests.Data.Identity;

public class IdentityServiceTests
{
    [Fact]
    public async Task ResolveImport_ChainByPhoneThenEmail_MergesTransitivelyWithExplanations()
    {
        await using var store = await CreateAsync();

        await store.ImportAndResolveAsync(
            new Row("a", SourceId: 1, Phone: "13800138000", Orders: 2),
            new Row("b", SourceId: 2, Phone: "+86 138 0013 8000", Email: "Jane@Example.com", Orders: 1),
            new Row("c", SourceId: 3, Email: " jane@example.com "));

        var customer = await store.CustomerOfAsync("a");
        Assert.Equal(customer, await store.CustomerOfAsync("b"));
        Assert.Equal(customer, await store.CustomerOfAsync("c"));
        Assert.Equal(1, await store.QueryAsync(db => db.Customers.CountAsync()));
        Assert.Equal(3, await store.QueryAsync(db => db.Orders.CountAsync(o => o.CustomerId == customer)));
        var (a, b, c) = (await store.IdentityAsync("a"), await store.IdentityAsync("b"), await store.IdentityAsync("c"));
        Assert.Null(a.LinkedToId);
        Assert.Equal((a.Id, "phone", "13800138000"), (b.LinkedToId!.Value, b.LinkedByKind, b.LinkedByValue));
        Assert.Equal((b.Id, "email", "jane@example.com"), (c.LinkedToId!.Value, c.LinkedByKind, c.LinkedByValue));
        Assert.Equal(3, (await store.CustomerAsync(customer)).IdentityCount);
    }

    [Fact]
    public async Task ResolveImport_IdentifierOverTheCap_LinksNothingAndIsListed()
    {
        await using var store = await CreateAsync(maxFanout: 3);

        await store.ImportAndResolveAsync(
            new Row("a", Phone: "13800000000"), new Row("b", Phone: "138-0000-0000"), new Row("c", Phone: "+8613800000000"),
            new Row("d", Phone: "13800000000"), new Row("e", Email: "x@y.cn"), new Row("f", Email: "X@Y.CN"));

        Assert.Equal(5, await store.QueryAsync(db => db.Customers.CountAsync()));
        Assert.Equal(await store.CustomerOfAsync("e"), await store.CustomerOfAsync("f"));
        var blocked = Assert.Single(await store.QueryAsync(db => db.IdentifierBlocks.ToListAsync()));
        Assert.Equal((1, "13800000000", 4, "fanout"), (blocked.Kind, blocked.Value, blocked.Records, blocked.Reason));
    }

    [Fact]
    public async Task ResolveImport_IdentifierCrossesTheCap_SplitsTheProfilesItHadJoined()
    {
        await using var store = await CreateAsync(maxFanout: 2);
        await store.ImportAndResolveAsync(new Row("a", Phone: "13800000000"), new Row("b", Phone: "13800000000"));
        Assert.Equal(await store.CustomerOfAsync("a"), await store.CustomerOfAsync("b"));

        await store.ImportAndResolveAsync(new Row("c", Phone: "13800000000"));

        var customers = new[] { await store.CustomerOfAsync("a"), await store.CustomerOfAsync("b"), await store.CustomerOfAsync("c") };
        Assert.Equal(3, customers.Distinct().Count());
        Assert.Equal(3, await store.QueryAsync(db => db.Customers.CountAsync()));
        Assert.Equal(3, Assert.Single(await store.QueryAsync(db => db.IdentifierBlocks.ToListAsync())).Records);
    }

    [Fact]
    public async Task ResolveImport_NewIdentityBridgesTwoProfiles_MovesOrdersToTheSurvivor()
    {
        await using var store = await CreateAsync();
        await store.ImportAndResolveAsync(new Row("a", Phone: "13800138000", Orders: 2), new Row("b", Email: "jane@example.com", Orders: 3));
        var (first, second) = (await store.CustomerOfAsync("a"), await store.CustomerOfAsync("b"));
        await store.QueryAsync(async db =>
        {
            db.Campaigns.Add(new Campaign { Id = 1, Code = "c1", Name = "C1", AdChannelId = 1, TargetAudience = "all" });
            db.CampaignAssignments.Add(new CampaignAssignment { CampaignId = 1, CustomerId = second, Arm = "treatment" });
            return await db.SaveChangesAsync();
        });

        var result = await store.ImportAndResolveAsync(new Row("c", Phone: "13800138000", Email: "JANE@example.com", Orders: 1));

        Assert.NotEqual(first, second);
        Assert.Equal(first, await store.CustomerOfAsync("b"));
        Assert.Equal(first, await store.CustomerOfAsync("c"));
        Assert.Equal(6, await store.QueryAsync(db => db.Orders.CountAsync(o => o.CustomerId == first)));
        Assert.False(await store.QueryAsync(db => db.Customers.AnyAsync(c => c.Id == second)));
        Assert.Equal(first, (await store.QueryAsync(db => db.CustomerMerges.SingleAsync(m => m.AbsorbedCustomerId == second))).SurvivorCustomerId);
        Assert.Equal(first, (await store.QueryAsync(db => db.CampaignAssignments.SingleAsync())).CustomerId);
        Assert.Contains(result.Merges, m => m.Survivor == first && m.Absorbed.Contains(second));
        var merged = await store.CustomerAsync(first);
        Assert.Equal((6, 600.0, 3), (merged.OrderCount, merged.Revenue, merged.IdentityCount));
    }

    [Fact]
    public async Task Split_ThenAnImportAndAFullResolution_KeepsThePartsApart()
    {
        await using var store = await CreateAsync();
        await store.ImportAndResolveAsync(new Row("a", Phone: "13800138000", Orders: 1), new Row("b", Phone: "13800138000", Orders: 2));
        var customer = await store.CustomerOfAsync("a");
        var b = await store.IdentityAsync("b");

        var split = await store.Service.SplitAsync(customer, [b.Id], "tester", "two people share a phone", CancellationToken.None);
        await store.ImportAndResolveAsync(new Row("c", Phone: "138 0013 8000", Email: "c@example.com"));
        await store.Service.ResolveAllAsync(CancellationToken.None);

        var to = Assert.Single(split.Splits).To;
        Assert.Equal(customer, await store.CustomerOfAsync("a"));
        Assert.Equal(to, await store.CustomerOfAsync("b"));
        Assert.Equal(2, await store.QueryAsync(db => db.Orders.CountAsync(o => o.CustomerId == to)));
        var saved = await store.QueryAsync(db => db.IdentitySplits.Include(s => s.Members).SingleAsync());
        Assert.Equal(("tester", "two people share a phone", customer), (saved.CreatedBy, saved.Reason, saved.CustomerId));
        Assert.Equal([b.Id], saved.Members.Where(m => m.SplitOff).Select(m => m.SourceIdentityId));
        // The new identity shares the phone with both sides: it joins the older one and the split holds.
        Assert.Equal(customer, await store.CustomerOfAsync("c"));
        Assert.Equal(2, await store.QueryAsync(db => db.Customers.CountAsync()));
    }

    [Fact]
    public async Task Split_AllIdentitiesOrAnotherCustomers_IsRefusedWithAMessage()
    {
        await using var store = await CreateAsync();
        await store.ImportAndResolveAsync(new Row("a", Phone: "13800138000"), new Row("b", Phone: "13800138000"), new Row("z", Email: "z@z.cn"));
        var customer = await store.CustomerOfAsync("a");
        var ids = new[] { (await store.IdentityAsync("a")).Id, (await store.IdentityAsync("b")).Id };

        var all = await Assert.ThrowsAsync<IdentitySplitException>(() => store.Service.SplitAsync(customer, ids, "t", null, CancellationToken.None));
        var z = (await store.IdentityAsync("z")).Id;
        var foreign = await Assert.ThrowsAsync<IdentitySplitException>(() => store.Service.SplitAsync(customer, [z], "t", null, CancellationToken.None));

        Assert.Contains("leave at least one", all.Message);
        Assert.Contains($"customer {customer}", foreign.Message);
        Assert.Equal(0, await store.QueryAsync(db => db.IdentitySplits.CountAsync()));
    }

    [Fact]
    public async Task ResolveImport_MergedProfile_FollowsTheDocumentedAttributeRules()
    {
        await using var store = await CreateAsync();
        var early = new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);

        await store.ImportAndResolveAsync(
            new Row("a", SourceId: 2, Phone: "13800138000", Name: "王芳", ConsentSms: true, FirstSeen: new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc)),
            new Row("b", SourceId: 5, Phone: "13800138000", Name: "Wang Fang", BirthYear: 1990, City: "Hangzhou", ConsentSms: false, FirstSeen: early));

        var customer = await store.CustomerAsync(await store.CustomerOfAsync("a"));
        Assert.Equal(early, customer.FirstSeenUtc);
        Assert.Equal(5, customer.AcquisitionSourceId);
        // b knows more (name, birth year, city): its name wins.
        Assert.Equal(("Wang Fang", 1990, "Hangzhou"), (customer.Name, customer.BirthYear, customer.City));
        // Consented in one source, refused in another: no consent.
        Assert.False(customer.ConsentSms);
    }

    [Fact]
    public async Task ResolveAll_AfterUnresolvedImports_EqualsResolvingEachImport()
    {
        await using var store = await CreateAsync();
        await store.ImportAsync(new Row("a", Phone: "13800138000"), new Row("b", Email: "b@b.cn"));
        await store.ImportAsync(new Row("c", Phone: "13800138000", Email: "b@b.cn"), new Row("d", MemberNo: "m1"));

        await store.Service.ResolveAllAsync(CancellationToken.None);

        var a = await store.CustomerOfAsync("a");
        Assert.Equal(a, await store.CustomerOfAsync("b"));
        Assert.Equal(a, await store.CustomerOfAsync("c"));
        Assert.NotEqual(a, await store.CustomerOfAsync("d"));
        Assert.Equal(2, await store.QueryAsync(db => db.Customers.CountAsync()));
        Assert.Equal(5, await store.QueryAsync(db => db.IdentityKeys.CountAsync()));
    }
}
