using Dashboard.Features.Lifetime;
using Dashboard.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Tests.Features.Lifetime;

public class LifetimeServiceTests(LifetimeStoreFixture fx) : IClassFixture<LifetimeStoreFixture>
{
    [Fact]
    public async Task LoadAsync_RunsControls_TotalsAreTheStoredSnapshot()
    {
        await using var db = await fx.Db.Factory.CreateDbContextAsync();
        var stored = await db.CustomerLifetimes.Where(c => c.ModelRunId == fx.RunId).ToListAsync();

        var view = await fx.Service().LoadAsync(new LifetimeQuery(), CancellationToken.None);

        Assert.NotNull(view);
        Assert.Equal(fx.RunId, view.RunId);
        Assert.Equal(stored.Count, view.Kpis.Customers);
        Assert.Equal(stored.Sum(c => c.Clv), view.Kpis.TotalClv, 3);
        Assert.Equal(stored.Sum(c => c.ExpectedPurchases), view.Kpis.ExpectedPurchases, 6);
        Assert.Equal(stored.Sum(c => c.PAlive), view.Kpis.ExpectedAlive, 6);
        Assert.Equal(stored.Sum(c => c.PAlive), view.ExpectedActive[0], 6);
        Assert.Equal(13, view.ExpectedActive.Count);
    }

    [Fact]
    public async Task LoadAsync_OtherControls_RecomputesWithoutANewRun()
    {
        var service = fx.Service();
        var baseline = await service.LoadAsync(new LifetimeQuery(), CancellationToken.None);

        var halfMargin = await service.LoadAsync(new LifetimeQuery(MarginPercent: 50), CancellationToken.None);
        var longer = await service.LoadAsync(new LifetimeQuery(HorizonMonths: 24), CancellationToken.None);
        var steeper = await service.LoadAsync(new LifetimeQuery(DiscountPercent: 30), CancellationToken.None);

        Assert.Equal(baseline!.Kpis.TotalClv / 2, halfMargin!.Kpis.TotalClv, 3);
        Assert.True(longer!.Kpis.TotalClv > baseline.Kpis.TotalClv);
        Assert.True(longer.Kpis.ExpectedPurchases > baseline.Kpis.ExpectedPurchases);
        Assert.Equal(25, longer.ExpectedActive.Count);
        Assert.True(steeper!.Kpis.TotalClv < baseline.Kpis.TotalClv);
        Assert.Equal(fx.RunId, longer.RunId);
    }

    [Fact]
    public async Task LoadAsync_Groups_AddUpToEveryCustomer()
    {
        var view = (await fx.Service().LoadAsync(new LifetimeQuery(), CancellationToken.None))!;

        Assert.Equal(view.Kpis.Customers, view.Distribution.Sum(b => b.Customers));
        Assert.Equal(view.Kpis.Customers, view.BySource.Sum(g => g.Customers));
        Assert.Equal(view.Kpis.Customers, view.ByCohort.Sum(g => g.Customers));
        Assert.Equal(view.Kpis.TotalClv, view.ByCohort.Sum(g => g.TotalClv), 3);
        Assert.Equal(["2024 Q1", "2024 Q2", "2024 Q3", "2024 Q4"], view.ByCohort.Select(g => g.Label));
        Assert.Equal("Tmall flagship store", Assert.Single(view.BySource).Label);
    }

    [Fact]
    public async Task LoadAsync_TopCustomers_HighestClvFirstWithNamesAndTheStoredMaximum()
    {
        await using var db = await fx.Db.Factory.CreateDbContextAsync();
        var best = await db.CustomerLifetimes.Where(c => c.ModelRunId == fx.RunId).OrderByDescending(c => c.Clv).FirstAsync();

        var view = (await fx.Service().LoadAsync(new LifetimeQuery(), CancellationToken.None))!;

        Assert.Equal(20, view.TopCustomers.Count);
        Assert.Equal(best.CustomerId, view.TopCustomers[0].CustomerId);
        Assert.Equal(best.Clv, view.TopCustomers[0].Clv, 6);
        Assert.True(view.TopCustomers.Zip(view.TopCustomers.Skip(1)).All(p => p.First.Clv >= p.Second.Clv));
    }

    [Fact]
    public async Task ForCustomerAsync_ScoredCustomer_ReturnsTheStoredFiguresAndASparkline()
    {
        await using var db = await fx.Db.Factory.CreateDbContextAsync();
        var row = await db.CustomerLifetimes.Where(c => c.ModelRunId == fx.RunId && c.X > 2).OrderBy(c => c.CustomerId).FirstAsync();

        var view = await fx.Service().ForCustomerAsync(row.CustomerId, CancellationToken.None);

        Assert.NotNull(view);
        Assert.Equal(row.PAlive, view.PAlive);
        Assert.Equal(row.Clv, view.Clv);
        Assert.Equal(row.ExpectedPurchases, view.ExpectedPurchases);
        Assert.Equal(12, view.HorizonMonths);
        Assert.Equal(LifetimeService.SparklineMonths + 1, view.AliveByMonth.Count);
        Assert.Equal(row.PAlive, view.AliveByMonth[0], 12);
        Assert.True(view.AliveByMonth[^1] < view.AliveByMonth[0]);
    }

    [Fact]
    public async Task ForCustomerAsync_UnknownCustomer_ReturnsNull()
    {
        var view = await fx.Service().ForCustomerAsync(999_999, CancellationToken.None);

        Assert.Null(view);
    }

    [Fact]
    public async Task LoadAndForCustomer_NoRunYet_ReturnNull()
    {
        await using var db = await TestDatabase.CreateAsync();
        await OrderRows.InsertAsync(db, [(1, new DateTime(2025, 1, 1, 9, 0, 0), 10)]);
        var service = new LifetimeService(db.Factory, NullLogger<LifetimeService>.Instance);

        Assert.Null(await service.LoadAsync(new LifetimeQuery(), CancellationToken.None));
        Assert.Null(await service.ForCustomerAsync(1, CancellationToken.None));
    }
}
