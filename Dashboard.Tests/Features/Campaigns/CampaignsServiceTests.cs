using Dashboard.Data.Entities;
using Dashboard.Domain.Measurement;
using Dashboard.Features.Campaigns;
using Dashboard.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using static Dashboard.Tests.Features.Campaigns.CampaignStore;

namespace Dashboard.Tests.Features.Campaigns;

public class CampaignsServiceTests
{
    /// <summary>
    /// Campaign 1, 1–11 March (end exclusive): 10 treated ("sms"), 10 holdout. Treated t0–t3 order ¥100 on 3 March
    /// (t1 had ordered ¥30 on 15 January, so t1 is not new), t4–t5 only visit; holdout c0 orders ¥100 on 5 March and
    /// c1 ¥50 on 13 March (inside a 7-day attribution window only); t9 ordered ¥200 on 1 February (pre-period).
    /// </summary>
    private static async Task<(TestDatabase Db, IReadOnlyList<long> Treated, IReadOnlyList<long> Control)> RandomizedAsync(double plannedControlShare = 0.5)
    {
        var db = await TestDatabase.CreateAsync();
        var store = new CampaignStore(db);
        var campaign = store.Campaign(1, Day(3, 1), Day(3, 11), cost: 100, controlShare: plannedControlShare);
        var treated = store.Customers(10);
        var control = store.Customers(10);
        store.Assign(campaign, treated, "sms");
        store.Assign(campaign, control, "control", control: true);
        foreach (var t in treated)
        {
            store.Touch(t, Day(3, 1), TouchpointType.MessageSent, campaign.Id);
        }
        for (var i = 0; i < 4; i++)
        {
            store.Order(treated[i], Day(3, 3), 100);
        }
        store.Order(treated[1], Day(1, 15), 30);
        store.Order(treated[9], Day(2, 1), 200);
        for (var i = 0; i < 6; i++)
        {
            store.Touch(treated[i], Day(3, 2), TouchpointType.Visit);
        }
        store.Order(control[0], Day(3, 5), 100);
        store.Touch(control[0], Day(3, 2), TouchpointType.Click);
        store.Order(control[1], Day(3, 13), 50);
        await store.SaveAsync();
        return (db, treated, control);
    }

    private static CampaignsService Service(TestDatabase db) => new(db.Factory, NullLogger<CampaignsService>.Instance);

    private static LiftEstimate Lift(CampaignView view, string metric) =>
        view.Experiment!.Result.Arms.Single().Metrics.Single(m => m.Metric == metric).Estimate;

    [Fact]
    public async Task LoadAsync_NoAttributionWindow_KnownRatesAndLift()
    {
        var (db, _, _) = await RandomizedAsync();
        await using var _db = db;

        var view = await Service(db).LoadAsync(1, new CampaignQuery(AttributionDays: 0), CancellationToken.None);

        Assert.NotNull(view);
        Assert.Null(view.Problem);
        Assert.Null(view.Observational);
        var result = view.Experiment!.Result;
        Assert.Equal(("control", 10L), (result.Control.Arm, result.Control.N));
        Assert.Equal(("sms", 10L), (result.Arms[0].Arm, result.Arms[0].N));
        var conversion = Lift(view, CampaignAnalysis.Conversion);
        Assert.Equal(0.4, conversion.Mean, 12);
        Assert.Equal(0.1, conversion.ControlMean, 12);
        Assert.Equal(0.3, conversion.Lift, 12);
        Assert.Equal(3.0, conversion.RelativeLift!.Value, 12);
        var response = Lift(view, CampaignAnalysis.Response);
        Assert.Equal((0.6, 0.1), (response.Mean, response.ControlMean));
        var revenue = Lift(view, CampaignAnalysis.Revenue);
        Assert.Equal((40.0, 10.0), (revenue.Mean, revenue.ControlMean));
        var economics = result.Arms[0].Economics;
        Assert.Equal(100, economics.RevenuePerConverter!.Value, 12);
        Assert.Equal(3, economics.IncrementalConversions!.Value, 12);
        Assert.Equal(300, economics.IncrementalRevenue!.Value, 12);
        Assert.Equal(2, economics.IncrementalRoi!.Value, 12);
    }

    [Fact]
    public async Task LoadAsync_SevenDayAttribution_CountsTheLateHoldoutOrder()
    {
        var (db, _, _) = await RandomizedAsync();
        await using var _db = db;

        var view = await Service(db).LoadAsync(1, new CampaignQuery(AttributionDays: 7), CancellationToken.None);

        var conversion = Lift(view!, CampaignAnalysis.Conversion);
        Assert.Equal(0.2, conversion.ControlMean, 12);
        Assert.Equal(0.2, conversion.Lift, 12);
        Assert.Equal(15.0, Lift(view!, CampaignAnalysis.Revenue).ControlMean, 12);
        Assert.Equal(new DateTime(2026, 3, 18, 0, 0, 0, DateTimeKind.Utc), view!.WindowEndUtc);
    }

    [Fact]
    public async Task LoadAsync_PrePeriodSpend_IsTheCupedCovariate()
    {
        var (db, _, _) = await RandomizedAsync();
        await using var _db = db;

        var view = await Service(db).LoadAsync(1, new CampaignQuery(AttributionDays: 0), CancellationToken.None);

        var cuped = view!.Experiment!.Result.Arms[0].Metrics.Single(m => m.Metric == CampaignAnalysis.Revenue).Cuped;
        Assert.NotNull(cuped);
        Assert.Equal(CampaignAnalysis.PreSpendCovariate, cuped.Covariate);
        // Only treated customers have pre-period spend (¥30 + ¥200), so the adjustment moves the treated mean.
        Assert.NotEqual(40.0, cuped.AdjustedMean);
    }

    [Fact]
    public async Task LoadAsync_Touchpoints_BuildTheFunnelPerArm()
    {
        var (db, _, _) = await RandomizedAsync();
        await using var _db = db;

        var view = await Service(db).LoadAsync(1, new CampaignQuery(AttributionDays: 0), CancellationToken.None);

        Assert.Equal(
            [new ArmFunnel("control", 10, 0, 1, 0, 0, 1), new ArmFunnel("sms", 10, 10, 0, 6, 0, 4)],
            view!.Funnel);
    }

    [Fact]
    public async Task LoadAsync_FirstOrders_CumulativeByDayAndNewCustomers()
    {
        var (db, _, _) = await RandomizedAsync();
        await using var _db = db;

        var view = await Service(db).LoadAsync(1, new CampaignQuery(AttributionDays: 0), CancellationToken.None);

        var sms = view!.Cumulative.Single(c => c.Arm == "sms");
        Assert.Equal(10, sms.Days.Count);
        Assert.Equal(new DateOnly(2026, 3, 1), sms.Days[0]);
        Assert.Equal([0L, 0, 4, 4, 4, 4, 4, 4, 4, 4], sms.Converters);
        Assert.Equal([0L, 0, 0, 0, 1, 1, 1, 1, 1, 1], view.Cumulative.Single(c => c.Arm == "control").Converters);
        Assert.Equal([new ArmAcquisition("control", 10, 1), new ArmAcquisition("sms", 10, 3)], view.Acquisition);
    }

    [Fact]
    public async Task LoadAsync_Stages_MixAndCrowdFlow()
    {
        var (db, _, _) = await RandomizedAsync();
        await using var _db = db;

        var view = await Service(db).LoadAsync(1, new CampaignQuery(AttributionDays: 0), CancellationToken.None);

        Assert.Equal([8L, 0, 2, 0], view!.StageMix.Single(m => m.Arm == "sms").ByStage);
        Assert.Equal([10L, 0, 0, 0], view.StageMix.Single(m => m.Arm == "control").ByStage);
        var flow = view.CrowdFlow!;
        // Treated: three first orders, one repeat (t1) and two first visits (t4, t5); holdout: c0's first order.
        Assert.Equal(6, flow.Single(f => f.Arm == "sms").MovedUp);
        Assert.Equal(1, flow.Single(f => f.Arm == "control").MovedUp);
        Assert.Equal(0.5, flow.Single(f => f.Arm == "sms").VsControl!.Lift, 12);
    }

    [Fact]
    public async Task LoadAsync_SplitFarFromPlan_FlagsSampleRatioMismatch()
    {
        var (db, _, _) = await RandomizedAsync(plannedControlShare: 0.1);
        await using var _db = db;

        var view = await Service(db).LoadAsync(1, new CampaignQuery(), CancellationToken.None);

        Assert.True(view!.Experiment!.Result.Srm.IsMismatch);
        Assert.Contains(view.Experiment.Result.Warnings, w => w.Contains("SAMPLE RATIO MISMATCH", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LoadAsync_PlannedEvenSplit_NoSampleRatioMismatch()
    {
        var (db, _, _) = await RandomizedAsync(plannedControlShare: 0.5);
        await using var _db = db;

        var view = await Service(db).LoadAsync(1, new CampaignQuery(), CancellationToken.None);

        Assert.False(view!.Experiment!.Result.Srm.IsMismatch);
        Assert.Equal(1.0, view.Experiment.Result.Srm.PValue, 9);
    }

    [Fact]
    public async Task LoadAsync_UnknownCampaign_ReturnsNull()
    {
        await using var db = await TestDatabase.CreateAsync();

        var view = await Service(db).LoadAsync(42, new CampaignQuery(), CancellationToken.None);

        Assert.Null(view);
    }

    [Fact]
    public async Task ListAsync_Campaign_HeadlineLiftCostAndRoi()
    {
        var (db, _, _) = await RandomizedAsync();
        await using var _db = db;

        var list = await Service(db).ListAsync(new CampaignListQuery(AttributionDays: 0), null, CancellationToken.None);

        var row = Assert.Single(list.Rows);
        Assert.Equal(("SMS-TEST", 20L, 10L), (row.Campaign.Code, row.Targeted, row.Control));
        Assert.Equal("SMS", row.Campaign.Channel);
        Assert.Equal(0.3, row.Headline!.Lift, 12);
        Assert.False(row.Headline.Observational);
        Assert.False(row.Headline.SrmFlagged);
        Assert.Equal(300, row.Headline.IncrementalRevenue!.Value, 9);
        Assert.Equal(2, row.Headline.Roi!.Value, 9);
    }

    [Fact]
    public async Task ListAsync_RangeBeforeTheCampaign_LeavesItOut()
    {
        var (db, _, _) = await RandomizedAsync();
        await using var _db = db;
        var range = new Dashboard.Navigation.DayRange(new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 28));

        var list = await Service(db).ListAsync(new CampaignListQuery(), range, CancellationToken.None);

        Assert.Empty(list.Rows);
    }

    /// <summary>
    /// Campaign 2 without a holdout: 6 targeted tier-1 customers (3 order), 6 untargeted tier-1 customers (1 orders),
    /// 4 untargeted tier-2 customers who all order (a stratum without targeted customers, so it must not count).
    /// </summary>
    [Fact]
    public async Task LoadAsync_NoHoldout_ExactStrataComparisonWithBalance()
    {
        await using var db = await TestDatabase.CreateAsync();
        var store = new CampaignStore(db);
        var campaign = store.Campaign(2, Day(4, 1), Day(4, 8), controlShare: 0, code: "NO-HOLDOUT");
        var targeted = store.Customers(6, tier: 1);
        var sameStratum = store.Customers(6, tier: 1);
        var otherStratum = store.Customers(4, tier: 2);
        store.Assign(campaign, targeted, "sms");
        foreach (var c in targeted.Take(3).Append(sameStratum[0]).Concat(otherStratum))
        {
            store.Order(c, Day(4, 3), 80);
        }
        await store.SaveAsync();

        var view = await Service(db).LoadAsync(2, new CampaignQuery(AttributionDays: 0), CancellationToken.None);

        Assert.Null(view!.Experiment);
        var observational = view.Observational!;
        Assert.True(observational.Result.IsObservational);
        Assert.Equal((6L, 10L), (observational.Targeted, observational.Candidates));
        var conversion = observational.Result.Effects.Single(e => e.Outcome == CampaignAnalysis.Conversion);
        Assert.Equal(0.5 - 1.0 / 6, conversion.Lift, 12);
        var tier = observational.Result.Balance.Single(b => b.Feature == "City tier");
        Assert.True(tier.SmdBefore < -0.5);
        Assert.Equal(0, tier.SmdAfter, 12);
        Assert.Equal(["comparison", "sms"], view.Funnel.Select(f => f.Arm));
        Assert.Equal(6, view.Funnel[0].Targeted);
    }

    [Fact]
    public async Task ListAsync_NoHoldout_ObservationalHeadline()
    {
        await using var db = await TestDatabase.CreateAsync();
        var store = new CampaignStore(db);
        var campaign = store.Campaign(2, Day(4, 1), Day(4, 8), controlShare: 0, code: "NO-HOLDOUT");
        var targeted = store.Customers(6);
        var untargeted = store.Customers(6);
        store.Assign(campaign, targeted, "sms");
        foreach (var c in targeted.Take(3).Append(untargeted[0]))
        {
            store.Order(c, Day(4, 3), 80);
        }
        await store.SaveAsync();

        var list = await Service(db).ListAsync(new CampaignListQuery(0), null, CancellationToken.None);

        var headline = Assert.Single(list.Rows).Headline!;
        Assert.True(headline.Observational);
        Assert.Equal(0.5 - 1.0 / 6, headline.Lift, 12);
    }
}
