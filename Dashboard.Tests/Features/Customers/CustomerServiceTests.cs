using Dashboard.Data.Entities;
using Dashboard.Features.Customers;
using Dashboard.Features.Lifetime;
using Dashboard.Tests.Data.Identity;
using Microsoft.Extensions.Logging.Abstractions;
using static Dashboard.Tests.Data.Identity.IdentityStore;

namespace Dashboard.Tests.Features.Customers;

public class CustomerServiceTests
{
    private static CustomerService Service(IdentityStore store) => new(store.Db.Factory, store.Service,
        new LifetimeService(store.Db.Factory, NullLogger<LifetimeService>.Instance), NullLogger<CustomerService>.Instance);

    private static async Task<(IdentityStore Store, long Customer)> MergedAsync()
    {
        var store = await CreateAsync();
        await store.ImportAndResolveAsync(
            new Row("tb0000001", SourceId: 1, Phone: "13800138000", Name: "王芳", Orders: 3),
            new Row("jd0000002", SourceId: 2, Phone: "+86 138 0013 8000", Email: "fang@example.com", Orders: 1));
        var customer = await store.CustomerOfAsync("tb0000001");
        var identity = await store.IdentityAsync("jd0000002");
        await store.QueryAsync(async db =>
        {
            db.Touchpoints.AddRange(Enumerable.Range(0, 25).Select(i => new Touchpoint
            {
                SourceId = 2, EventId = $"e{i}", CustomerId = customer, SourceIdentityId = identity.Id,
                Type = i % 2 == 0 ? TouchpointType.Click : TouchpointType.Visit, OccurredAtUtc = new DateTime(2025, 2, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(i),
            }));
            return await db.SaveChangesAsync();
        });
        return (store, customer);
    }

    [Fact]
    public async Task Load_MergedCustomer_ShowsBothIdentitiesMaskedWithTheLinkAndTheKpis()
    {
        var (store, customer) = await MergedAsync();
        await using var _ = store;

        var view = await Service(store).LoadAsync(customer, CancellationToken.None);

        Assert.NotNull(view);
        Assert.Equal(["tmall", "jd"], view.Identities.Select(i => i.SourceCode));
        var jd = view.Identities[1];
        Assert.Equal(("138****8000", "f***@example.com", "jd****02"), (jd.Phone, jd.Email, jd.ExternalId));
        Assert.Equal(("phone", "138****8000"), (jd.LinkedByKind, jd.LinkedByValue));
        Assert.StartsWith("Tmall flagship store tb****01", jd.LinkedToLabel);
        Assert.Equal((4, 400.0, 100.0), (view.Kpis.Orders, view.Kpis.Revenue, view.Kpis.AverageOrderValue));
        // Orders on days 10, 10, 20 and 30: 20 days over three gaps.
        Assert.Equal(20.0 / 3, view.Kpis.MeanInterPurchaseDays!.Value, 6);
        Assert.Null(view.Segments);
    }

    [Fact]
    public async Task Timeline_AllChannels_MergesOrdersAndTouchpointsNewestFirstInPages()
    {
        var (store, customer) = await MergedAsync();
        await using var _ = store;
        var service = Service(store);

        var first = await service.TimelineAsync(customer, new CustomerQuery(), CancellationToken.None);
        var second = await service.TimelineAsync(customer, new CustomerQuery(Page: 1), CancellationToken.None);
        var orders = await service.TimelineAsync(customer, new CustomerQuery(Type: "order"), CancellationToken.None);
        var jdClicks = await service.TimelineAsync(customer, new CustomerQuery(Channel: "jd", Type: "click"), CancellationToken.None);

        Assert.Equal(29, first.Total);
        Assert.Equal(20, first.Entries.Count);
        Assert.Equal(9, second.Entries.Count);
        var all = first.Entries.Concat(second.Entries).ToList();
        Assert.Equal(all.OrderByDescending(e => e.AtUtc).Select(e => e.AtUtc), all.Select(e => e.AtUtc));
        Assert.Equal(["jd", "tmall"], all.Select(e => e.SourceCode).Distinct().Order());
        Assert.Equal(4, orders.Total);
        Assert.All(orders.Entries, e => Assert.Equal("order", e.Type));
        Assert.Equal(13, jdClicks.Total);
    }

    [Fact]
    public async Task Load_CustomerMergedAway_IsMissingAndPointsToTheSurvivor()
    {
        await using var store = await CreateAsync();
        await store.ImportAndResolveAsync(new Row("a", Phone: "13800138000"), new Row("b", Email: "b@b.cn"));
        var (first, second) = (await store.CustomerOfAsync("a"), await store.CustomerOfAsync("b"));
        await store.ImportAndResolveAsync(new Row("c", Phone: "13800138000", Email: "b@b.cn"));

        var view = await Service(store).LoadAsync(second, CancellationToken.None);
        var survivor = await Service(store).MergedIntoAsync(second, CancellationToken.None);

        Assert.Null(view);
        Assert.Equal(first, survivor);
    }
}
