using Dashboard.Domain.Segmentation;
using Dashboard.Features.Segments;
using Dashboard.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Tests.Features.Segments;

public class SegmentsServiceTests
{
    private static readonly DateOnly March = new(2025, 3, 31);

    [Fact]
    public async Task Load_NoSnapshot_ReturnsNull()
    {
        await using var db = await TestDatabase.CreateAsync();

        var view = await Service(db).LoadAsync(SegmentsQuery.Default, null, CancellationToken.None);

        Assert.Null(view);
    }

    [Fact]
    public async Task Load_LatestPeriod_CountsHeatmapSegmentsAndTiers()
    {
        await using var db = await TestDatabase.CreateAsync();
        var store = new SegmentStore(db);
        await store.FiveBuyersAsync();
        await store.RunAsync();

        var view = (await Service(db).LoadAsync(SegmentsQuery.Default, null, CancellationToken.None))!;

        Assert.Equal(March, view.Period.PeriodEnd);
        Assert.Equal(3, view.Periods.Count);
        Assert.Equal(25, view.Heatmap.Count);
        var c4 = view.Heatmap.Single(h => h is { R: 2, F: 5 });
        Assert.Equal((1, 2000.0), (c4.Customers, c4.Revenue));
        Assert.Equal(5, view.Heatmap.Sum(h => h.Customers));
        Assert.Equal(1, view.Segments.Single(s => s.Segment == RfmSegment.Champions).Customers);
        Assert.Equal(0.8, view.Segments.Single(s => s.Segment == RfmSegment.CantLoseThem).RevenueShare, 10);
        Assert.Equal(["0-1", "1-5", "5-20", "20-50", "50-100"], view.Pyramid.Tiers.Select(t => t.Key));
        Assert.Equal([0, 0, 1, 2, 2], view.Pyramid.Tiers.Select(t => t.Summary.Customers));
        Assert.False(view.Pyramid.HasPAlive);
        Assert.Null(view.Vap);
        Assert.Null(view.Lifetime);
    }

    [Fact]
    public async Task Load_CustomTiers_BuildsThePyramidWithTheirKeys()
    {
        await using var db = await TestDatabase.CreateAsync();
        var store = new SegmentStore(db);
        await store.FiveBuyersAsync();
        await store.RunAsync();

        var view = (await Service(db).LoadAsync(SegmentsQuery.Default with { Tiers = [20, 80] }, null, CancellationToken.None))!;

        Assert.Equal(["0-20", "20-100"], view.Pyramid.Tiers.Select(t => t.Key));
        Assert.Equal(0.8, view.Pyramid.Tiers[0].Summary.RevenueShare, 10); // C4: 2000 of 2500
        Assert.Equal(0.8, view.Pareto.Top20Share, 10);
    }

    [Fact]
    public async Task Load_StageFlowBetweenLastTwoPeriods_CountsMovesAndEntries()
    {
        await using var db = await TestDatabase.CreateAsync();
        var store = new SegmentStore(db);
        await store.FiveBuyersAsync();
        await store.RunAsync();

        var view = (await Service(db).LoadAsync(SegmentsQuery.Default with { Flow = FlowKind.Stages }, null, CancellationToken.None))!;

        var flow = view.Flow!;
        Assert.Equal((new DateOnly(2025, 2, 28), March), (flow.From, flow.To));
        var m = flow.Migration;
        int Cell(string from, string to) => m.Matrix[m.Labels.ToList().IndexOf(from)][m.Labels.ToList().IndexOf(to)];
        int Entered(string to) => m.Entered[m.Labels.ToList().IndexOf(to)];
        Assert.Equal(1, Cell("First purchase", "Repeat"));   // C2
        Assert.Equal(1, Cell("First purchase", "First purchase")); // C5
        Assert.Equal(1, Cell("Loyal", "Loyal"));             // C4
        Assert.Equal(1, Entered("Repeat"));                  // C1
        Assert.Equal(1, Entered("Aware"));                   // C6
        Assert.Equal(1, Entered("Interested"));              // C7
        Assert.Equal(0, m.Left.Sum());
    }

    [Fact]
    public async Task Load_RangeEndInTheUrl_DefaultsToTheLatestPeriodBeforeIt()
    {
        await using var db = await TestDatabase.CreateAsync();
        var store = new SegmentStore(db);
        await store.FiveBuyersAsync();
        await store.RunAsync();

        var view = (await Service(db).LoadAsync(SegmentsQuery.Default, new DateOnly(2025, 3, 15), CancellationToken.None))!;

        Assert.Equal(new DateOnly(2025, 2, 28), view.Period.PeriodEnd);
        Assert.Equal((new DateOnly(2025, 1, 31), new DateOnly(2025, 2, 28)), (view.Flow!.From, view.Flow.To));
    }

    [Fact]
    public async Task Load_PeriodWithLifetimeEstimates_ShowsVapAndMeanPAlive()
    {
        await using var db = await TestDatabase.CreateAsync();
        var store = new SegmentStore(db);
        await store.FiveBuyersAsync();
        var lifetime = new FakeLifetime(5, March);
        await store.RunAsync(lifetime);

        var view = (await new SegmentsService(db.Factory, lifetime, NullLogger<SegmentsService>.Instance)
            .LoadAsync(SegmentsQuery.Default, null, CancellationToken.None))!;

        Assert.NotNull(view.Vap);
        Assert.Equal(27, view.Vap.Cells.Count);
        Assert.Equal(5, view.Vap.Strategies.Sum(s => s.Customers));
        Assert.True(view.Pyramid.HasPAlive);
        Assert.Equal(SegmentPeriodBuilder.PredictedBasis, view.Pyramid.ValueBasis);
    }

    private static SegmentsService Service(TestDatabase db) => new(db.Factory, new NoLifetimeSnapshots(), NullLogger<SegmentsService>.Instance);
}

public class SegmentMembershipTests
{
    [Fact]
    public async Task Select_TierKey_ReturnsThatRankRange()
    {
        await using var db = await TestDatabase.CreateAsync();
        var store = new SegmentStore(db);
        var c = await store.FiveBuyersAsync();
        await store.RunAsync();
        await using var context = await db.Factory.CreateDbContextAsync();

        var selection = await SegmentMembership.SelectAsync(context, new CustomerSegmentFilter(Tier: TierRange.TryParse("20-50")), CancellationToken.None);

        Assert.Equal(new DateOnly(2025, 3, 31), selection!.PeriodEnd);
        Assert.Equal(new[] { c[1], c[2] }.Order(), selection.CustomerIds.ToList().Order());
    }

    [Fact]
    public async Task Select_SegmentStageSourceAndPeriod_CombineWithAnd()
    {
        await using var db = await TestDatabase.CreateAsync();
        var store = new SegmentStore(db);
        var c = await store.FiveBuyersAsync();
        var jd = await store.CustomerAsync(sourceId: 2);
        await store.OrdersAsync(jd, ("2025-03-31", 10));
        await store.RunAsync();
        await using var context = await db.Factory.CreateDbContextAsync();

        var firstPurchase = await Ids(context, new CustomerSegmentFilter(Stage: LifecycleStage.FirstPurchase));
        var firstFromTmall = await Ids(context, new CustomerSegmentFilter(Stage: LifecycleStage.FirstPurchase, Source: "tmall"));
        var championsInFebruary = await Ids(context, new CustomerSegmentFilter(Segment: RfmSegment.Champions, Period: new DateOnly(2025, 2, 28)));

        Assert.Equal(new[] { c[3], c[5], jd }.Order(), firstPurchase.Order());
        Assert.Equal(new[] { c[3], c[5] }.Order(), firstFromTmall.Order());
        Assert.DoesNotContain(c[1], championsInFebruary); // C1 had not bought yet in February
    }

    [Fact]
    public async Task Select_PeriodNotStored_ReturnsNull()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var context = await db.Factory.CreateDbContextAsync();

        var selection = await SegmentMembership.SelectAsync(context, new CustomerSegmentFilter(Period: new DateOnly(2020, 1, 31)), CancellationToken.None);

        Assert.Null(selection);
    }

    private static async Task<List<long>> Ids(Dashboard.Data.DashboardDbContext context, CustomerSegmentFilter filter) =>
        (await SegmentMembership.SelectAsync(context, filter, CancellationToken.None))!.CustomerIds.ToList();
}
