using Dashboard.Features.Customers;
using Dashboard.Tests.Data.Identity;
using Microsoft.Extensions.Logging.Abstractions;
using static Dashboard.Tests.Data.Identity.IdentityStore;

namespace Dashboard.Tests.Features.Customers;

public class CustomerListServiceTests
{
    private static async Task<IdentityStore> StoreAsync()
    {
        var store = await CreateAsync();
        await store.ImportAndResolveAsync(
            new Row("tb001", SourceId: 1, Phone: "138-0013-8000", Name: "王芳", City: "Hangzhou", Orders: 2),
            new Row("jd0000002", SourceId: 2, Phone: "13800138000", Email: "Fang.Wang@Example.com", Name: "王芳"),
            new Row("U0003", SourceId: 5, Email: "li@example.com", Name: "李娜", FirstSeen: new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc), Orders: 1),
            new Row("POS04", SourceId: 7, Name: "张伟"));
        return store;
    }

    private static CustomerListService Service(IdentityStore store) => new(store.Db.Factory, NullLogger<CustomerListService>.Instance);

    [Theory]
    [InlineData("+86 138 0013 8000", "phone", "138****8000")]
    [InlineData("fang.wang@example.com", "email", "f***@example.com")]
    [InlineData("jd0000002", "source_id", "jd****02")]
    public async Task List_SearchAnIdentifierInAnyFormat_FindsTheMergedCustomerAndShowsTheMatchMasked(string term, string kind, string masked)
    {
        await using var store = await StoreAsync();

        var page = await Service(store).ListAsync(new CustomersQuery(Search: term), CancellationToken.None);

        var row = Assert.Single(page.Rows);
        Assert.Equal(await store.CustomerOfAsync("tb001"), row.Id);
        Assert.Equal((kind, masked), (row.Match!.Kind, row.Match.Masked));
        Assert.Equal(["jd", "tmall"], row.Sources);
        Assert.Equal((1, false), (page.Total, page.TotalIsLowerBound));
    }

    [Fact]
    public async Task List_SearchANamePrefix_FindsByName()
    {
        await using var store = await StoreAsync();

        var page = await Service(store).ListAsync(new CustomersQuery(Search: "李"), CancellationToken.None);

        Assert.Equal("李娜", Assert.Single(page.Rows).Name);
        Assert.Null(page.Rows[0].Match);
    }

    [Fact]
    public async Task List_FiltersBySourceAndFirstSeen_KeepsOnlyMatchingCustomers()
    {
        await using var store = await StoreAsync();
        var service = Service(store);

        var app = await service.ListAsync(new CustomersQuery(Source: "app"), CancellationToken.None);
        var recent = await service.ListAsync(new CustomersQuery(SeenFrom: new DateOnly(2026, 1, 1)), CancellationToken.None);
        var bought = await service.ListAsync(new CustomersQuery(BoughtFrom: new DateOnly(2020, 1, 1)), CancellationToken.None);

        Assert.Equal("李娜", Assert.Single(app.Rows).Name);
        Assert.Equal("李娜", Assert.Single(recent.Rows).Name);
        Assert.Equal(2, bought.Total);
    }

    [Theory]
    [InlineData(CustomerSort.Revenue)]
    [InlineData(CustomerSort.FirstSeen)]
    [InlineData(CustomerSort.LastOrder)]
    public async Task List_WideAndNarrowDateRangesUnderAnySort_SelectTheSameCustomers(CustomerSort sort)
    {
        await using var store = await StoreAsync();
        var service = Service(store);

        var wide = await service.ListAsync(new CustomersQuery(SeenFrom: new DateOnly(2025, 6, 1), SeenTo: new DateOnly(2026, 12, 31),
            BoughtFrom: new DateOnly(2020, 1, 1), Sort: sort, Descending: true), CancellationToken.None);
        var narrow = await service.ListAsync(new CustomersQuery(SeenFrom: new DateOnly(2026, 2, 1), SeenTo: new DateOnly(2026, 2, 1),
            BoughtFrom: new DateOnly(2026, 2, 5), BoughtTo: new DateOnly(2026, 2, 15), Sort: sort), CancellationToken.None);

        Assert.Equal("李娜", Assert.Single(wide.Rows).Name);
        Assert.Equal("李娜", Assert.Single(narrow.Rows).Name);
    }

    [Fact]
    public async Task List_SortByRevenueDescendingAndPage_ReturnsThatPageAndTheExactTotal()
    {
        await using var store = await StoreAsync();

        var first = await Service(store).ListAsync(new CustomersQuery(Sort: CustomerSort.Revenue, Descending: true, PageSize: 10), CancellationToken.None);
        var second = await Service(store).ListAsync(new CustomersQuery(Page: 1, PageSize: 10), CancellationToken.None);

        Assert.Equal(3, first.Total);
        Assert.Equal([200.0, 100.0, 0.0], first.Rows.Select(r => r.Revenue));
        Assert.Empty(second.Rows);
    }

    [Fact]
    public async Task Blocked_IdentifierOverTheCap_IsListedMasked()
    {
        await using var store = await CreateAsync(maxFanout: 2);
        await store.ImportAndResolveAsync(new Row("a", Phone: "13800000000"), new Row("b", Phone: "13800000000"), new Row("c", Phone: "13800000000"));

        var blocked = await Service(store).BlockedAsync(CancellationToken.None);

        Assert.Equal(new BlockedIdentifierRow("phone", "138****0000", 3, "fanout", blocked[0].UpdatedUtc), Assert.Single(blocked));
    }
}
