using Dashboard.Data.Seed;
using Dashboard.Features.Recommendations;
using Dashboard.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Features.Recommendations;

/// <summary>The product list's distinct customers per product, against SQL's COUNT(DISTINCT) on the demo brand.</summary>
public sealed class ProductCustomerCountsTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await new DemoBrandSeeder(_db.Factory).SeedAsync(new DemoBrandSettings(400, 11), null, CancellationToken.None);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<(Dictionary<int, int> Buyers, Dictionary<int, int> Reach)> ByCountDistinctAsync()
    {
        await using var db = await _db.Factory.CreateDbContextAsync();
        var buyers = await db.OrderLines.GroupBy(l => l.ProductId)
            .Select(g => new { g.Key, N = g.Select(l => l.Order!.CustomerId).Distinct().Count() }).ToDictionaryAsync(x => x.Key, x => x.N);
        var reach = await db.Touchpoints.Where(t => t.CampaignId != null && t.ProductId != null).GroupBy(t => t.ProductId!.Value)
            .Select(g => new { g.Key, N = g.Select(t => t.CustomerId).Distinct().Count() }).ToDictionaryAsync(x => x.Key, x => x.N);
        return (buyers, reach);
    }

    [Theory]
    [InlineData(ProductCustomerCounts.DefaultBudgetBytes)] // every product in one pass
    [InlineData(1)] // one product per pass
    [InlineData(2_000)] // a few products per pass
    public async Task Counts_AreSqlsCountDistinct_WhateverTheMemoryBudget(long budgetBytes)
    {
        var (buyers, reach) = await ByCountDistinctAsync();
        await using var db = await _db.Factory.CreateDbContextAsync();

        var countedBuyers = await ProductCustomerCounts.BuyersAsync(db, CancellationToken.None, budgetBytes);
        var countedReach = await ProductCustomerCounts.CampaignReachAsync(db, CancellationToken.None, budgetBytes);

        Assert.True(buyers.Count > 10 && reach.Count > 0, $"{buyers.Count} products bought, {reach.Count} with campaign reach");
        Assert.Equal(buyers.OrderBy(b => b.Key), countedBuyers.OrderBy(b => b.Key));
        Assert.Equal(reach.OrderBy(b => b.Key), countedReach.OrderBy(b => b.Key));
    }

    [Fact]
    public async Task EmptyStore_CountsNothing()
    {
        await using var empty = await TestDatabase.CreateAsync();
        await using var db = await empty.Factory.CreateDbContextAsync();

        Assert.Empty(await ProductCustomerCounts.BuyersAsync(db, CancellationToken.None));
    }
}
