using Dashboard.Data.Entities;
using Dashboard.Domain.Segmentation;
using Dashboard.Features.Segments;
using Dashboard.Jobs;
using Dashboard.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Features.Segments;

/// <summary>
/// The segments run on hand-made data. As of 2025-03-31 (hand-computed with the mid-rank quintile rule):
/// C1 R5 F4 M4 (FM 4) Champions · C2 R4 F3 M3 (FM 3) Potential loyalist · C3 R3 F2 M2 (FM 2) About to sleep ·
/// C4 R2 F5 M5 (FM 5) Can't lose them · C5 R1 F2 M1 (FM 2) Lost. Revenue ranks C4, C1, C2, C3, C5; with five buyers the
/// default tiers' rank boundaries are 0, 0, 1, 3, 5 (round half up of 5 × 1%, 5%, 20%, 50%).
/// </summary>
public class SegmentsJobTests
{
    private static readonly DateOnly March = new(2025, 3, 31);

    [Fact]
    public async Task Run_HandMadeStore_StoresKnownRfmScoresAndSegments()
    {
        await using var db = await TestDatabase.CreateAsync();
        var store = new SegmentStore(db);
        var c = await store.FiveBuyersAsync();

        var result = await store.RunAsync();

        Assert.Equal(3, result.Periods);
        var rows = await RowsAsync(db, March);
        Assert.Equal((5, 4, 4, RfmSegment.Champions), Rfm(rows[c[1]]));
        Assert.Equal((4, 3, 3, RfmSegment.PotentialLoyalist), Rfm(rows[c[2]]));
        Assert.Equal((3, 2, 2, RfmSegment.AboutToSleep), Rfm(rows[c[3]]));
        Assert.Equal((2, 5, 5, RfmSegment.CantLoseThem), Rfm(rows[c[4]]));
        Assert.Equal((1, 2, 1, RfmSegment.Lost), Rfm(rows[c[5]]));
        Assert.Equal(300, rows[c[1]].Revenue);
        Assert.Equal(3, rows[c[1]].Orders);
    }

    [Fact]
    public async Task Run_HandMadeStore_RanksByRevenueIntoDefaultTiers()
    {
        await using var db = await TestDatabase.CreateAsync();
        var store = new SegmentStore(db);
        var c = await store.FiveBuyersAsync();

        await store.RunAsync();

        var rows = await RowsAsync(db, March);
        Assert.Equal([1, 2, 3, 4, 5], new[] { c[4], c[1], c[2], c[3], c[5] }.Select(id => rows[id].ValueRank!.Value));
        Assert.Equal(["5-20", "20-50", "20-50", "50-100", "50-100"], new[] { c[4], c[1], c[2], c[3], c[5] }.Select(id => rows[id].Tier));
        var period = await PeriodAsync(db, March);
        Assert.Equal(SegmentPeriodBuilder.HistoryBasis, period.ValueBasis);
        Assert.Equal(5, period.Buyers);
        Assert.Equal(2500, period.Revenue);
    }

    [Fact]
    public async Task Run_HandMadeStore_AssignsLifecycleStagesToBuyersAndProspects()
    {
        await using var db = await TestDatabase.CreateAsync();
        var store = new SegmentStore(db);
        var c = await store.FiveBuyersAsync();

        await store.RunAsync();

        var rows = await RowsAsync(db, March);
        Assert.Equal(LifecycleStage.Repeat, rows[c[1]].Stage);
        Assert.Equal(LifecycleStage.FirstPurchase, rows[c[3]].Stage);
        Assert.Equal(LifecycleStage.Loyal, rows[c[4]].Stage);
        Assert.Equal(LifecycleStage.Aware, rows[c[6]].Stage);
        Assert.Equal(LifecycleStage.Interested, rows[c[7]].Stage);
        Assert.Null(rows[c[6]].Segment);
        Assert.False(rows.ContainsKey(c[8]), "a prospect whose only touchpoint is outside the 90-day lookback is outside the funnel");
        Assert.Equal(7, (await PeriodAsync(db, March)).Members);
    }

    [Fact]
    public async Task Run_BuyerSilentForMoreThan180Days_IsLapsed()
    {
        await using var db = await TestDatabase.CreateAsync();
        var store = new SegmentStore(db);
        var old = await store.CustomerAsync();
        var recent = await store.CustomerAsync();
        await store.OrdersAsync(old, ("2024-09-01", 40));
        await store.OrdersAsync(recent, ("2025-03-31", 40));

        await store.RunAsync();

        var rows = await RowsAsync(db, March);
        Assert.Equal(LifecycleStage.Lapsed, rows[old].Stage);
        Assert.Equal(LifecycleStage.FirstPurchase, rows[recent].Stage);
        var february = await RowsAsync(db, new DateOnly(2025, 2, 28));
        Assert.Equal(LifecycleStage.FirstPurchase, february[old].Stage); // 180 days after 2024-09-01 is 2025-02-28: not yet lapsed
    }

    [Fact]
    public async Task Run_MonthEnds_CoverWholeMonthsOfTheOrderHistory()
    {
        await using var db = await TestDatabase.CreateAsync();
        var store = new SegmentStore(db);
        var id = await store.CustomerAsync();
        await store.OrdersAsync(id, ("2025-01-10", 10), ("2025-03-30", 10));

        var result = await store.RunAsync();

        Assert.Equal([new DateOnly(2025, 1, 31), new DateOnly(2025, 2, 28)], result.ComputedPeriods.Select(p => p.PeriodEnd));
    }

    [Fact]
    public async Task Run_Again_ComputesOnlyNewPeriodsAndKeepsHistory()
    {
        await using var db = await TestDatabase.CreateAsync();
        var store = new SegmentStore(db);
        var c = await store.FiveBuyersAsync();
        var first = await store.RunAsync();

        var nothing = await store.RunAsync();
        await store.OrdersAsync(c[5], ("2025-04-30", 20));
        var april = await store.RunAsync();

        Assert.Equal(3, first.Computed);
        Assert.Equal(0, nothing.Computed);
        Assert.Equal([new DateOnly(2025, 4, 30)], april.ComputedPeriods.Select(p => p.PeriodEnd));
        await using var context = await db.Factory.CreateDbContextAsync();
        var owners = await context.SegmentPeriods.OrderBy(p => p.PeriodEnd).Select(p => p.ModelRunId).ToListAsync();
        Assert.Equal(4, owners.Count);
        Assert.Equal(owners[0], owners[2]);
        Assert.NotEqual(owners[0], owners[3]);
    }

    [Fact]
    public async Task Run_Rebuild_ReplacesEveryPeriodWithoutDuplicates()
    {
        await using var db = await TestDatabase.CreateAsync();
        var store = new SegmentStore(db);
        await store.FiveBuyersAsync();
        await store.RunAsync();

        var rebuilt = await store.RunAsync(parameters: """{"rebuild":true}""");

        Assert.Equal(3, rebuilt.Computed);
        await using var context = await db.Factory.CreateDbContextAsync();
        Assert.Equal(7, await context.CustomerSegmentSnapshots.CountAsync(s => s.PeriodEnd == March));
    }

    [Fact]
    public async Task Run_NoOrders_FailsWithAMessageForTheUser()
    {
        await using var db = await TestDatabase.CreateAsync();
        var store = new SegmentStore(db);

        var ex = await Assert.ThrowsAsync<ModelJobException>(() => store.RunAsync());

        Assert.Contains("no orders", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Run_LifetimeSnapshot_AttachesVapAndRanksByPredictedValueInItsPeriodOnly()
    {
        await using var db = await TestDatabase.CreateAsync();
        var store = new SegmentStore(db);
        var c = await store.FiveBuyersAsync();

        await store.RunAsync(new FakeLifetime(runId: 77, asOf: new DateOnly(2025, 4, 2)));

        var march = await RowsAsync(db, March);
        Assert.Equal(SegmentPeriodBuilder.PredictedBasis, (await PeriodAsync(db, March)).ValueBasis);
        Assert.Equal(1, march[c[1]].ValueRank); // CLV = 1000 / id: the lowest id is the most valuable
        Assert.Equal(0.9, march[c[1]].PAlive);
        Assert.Equal(VapLevel.High, march[c[1]].VapValue);
        Assert.Equal(VapStrategy.Maintain, march[c[1]].VapStrategy); // high value, attrition 0.1 = low
        Assert.Equal(VapStrategy.Retain, march[c[2]].VapStrategy);   // high value, attrition 0.8 = high
        Assert.All(march.Values.Where(r => r.R is not null), r => Assert.NotNull(r.VapStrategy));
        var february = await RowsAsync(db, new DateOnly(2025, 2, 28));
        Assert.All(february.Values, r => Assert.Null(r.VapStrategy));
        Assert.Equal(SegmentPeriodBuilder.HistoryBasis, (await PeriodAsync(db, new DateOnly(2025, 2, 28))).ValueBasis);
    }

    [Fact]
    public async Task Run_NewerLifetimeRun_RecomputesItsPeriod()
    {
        await using var db = await TestDatabase.CreateAsync();
        var store = new SegmentStore(db);
        await store.FiveBuyersAsync();
        await store.RunAsync();

        var result = await store.RunAsync(new FakeLifetime(runId: 78, asOf: March));

        var computed = Assert.Single(result.ComputedPeriods);
        Assert.Equal(March, computed.PeriodEnd);
        Assert.Equal(78, computed.LifetimeRunId);
    }

    private static (int, int, int, RfmSegment?) Rfm(CustomerSegmentSnapshot s) => (s.R!.Value, s.F!.Value, s.M!.Value, s.Segment);

    private static async Task<Dictionary<long, CustomerSegmentSnapshot>> RowsAsync(TestDatabase db, DateOnly period)
    {
        await using var context = await db.Factory.CreateDbContextAsync();
        return await context.CustomerSegmentSnapshots.AsNoTracking().Where(s => s.PeriodEnd == period).ToDictionaryAsync(s => s.CustomerId);
    }

    private static async Task<SegmentPeriod> PeriodAsync(TestDatabase db, DateOnly period)
    {
        await using var context = await db.Factory.CreateDbContextAsync();
        return await context.SegmentPeriods.AsNoTracking().SingleAsync(p => p.PeriodEnd == period);
    }
}
