using Dashboard.Data.Entities;

namespace Dashboard.Data.Seed;

/// <summary>
/// The demo brand's campaigns. Each targets eligible buyers at random and holds out a random control
/// group; a treated customer who would not have ordered in the window anyway gets one extra,
/// campaign-attributable order with the arm's probability, and an extra click and visit with another.
/// Because the natural (BG/NBD) orders do not depend on the assignment, the counterfactual is known
/// person by person and the realised true lift is exact.
/// </summary>
internal static class DemoCampaigns
{
    public enum Delivery
    {
        /// <summary>Messages (SMS, app push): sent, sometimes opened, sometimes clicked.</summary>
        Message,

        /// <summary>Paid ads: one to three impressions, sometimes a click.</summary>
        Ad,
    }

    public enum Consent
    {
        Sms,
        Push,
        Ads,
    }

    public sealed record Arm(string Name, double ExtraOrderProbability, double ExtraVisitProbability);

    public sealed record Spec(
        int Id,
        string Code,
        string Name,
        int AdChannelId,
        int SourceId,
        Delivery Delivery,
        Consent Consent,
        DateTime StartUtc,
        DateTime EndUtc,
        double TargetShare,
        int MinDaysSinceLastOrder,
        double PlannedControlShare,
        double CostPerContact,
        double FixedCost,
        double ClickRate,
        string TargetAudience,
        Arm[] Arms);

    private static DateTime Day(int year, int month, int day) => new(year, month, day, 0, 0, 0, DateTimeKind.Utc);

        // Chronological, with windows that do not overlap, so each campaign's counterfactual stays exact.
    // Ad channel ids as in ReferenceData: 3 douyin_ads, 4 wechat_moments, 7 sms, 8 app_push.
    public static readonly Spec[] Specs =
    [
        new(1, "PUSH-1111-2025", "Double Eleven app push: coupon vs reminder", 8, DemoSources.App, Delivery.Message, Consent.Push,
            Day(2025, 10, 20), Day(2025, 11, 12), TargetShare: 0.95, MinDaysSinceLastOrder: 0, PlannedControlShare: 0.20,
            CostPerContact: 0.01, FixedCost: 300, ClickRate: 0.05,
            "App users with push consent",
            [new("coupon", ExtraOrderProbability: 0.08, ExtraVisitProbability: 0.10),
                new("reminder", ExtraOrderProbability: 0.03, ExtraVisitProbability: 0.06)]),
        new(2, "WX-CNY-2026", "WeChat Moments Lunar New Year gift box", 4, DemoSources.WeChat, Delivery.Ad, Consent.Ads,
            Day(2026, 1, 12), Day(2026, 2, 16), TargetShare: 0.9, MinDaysSinceLastOrder: 0, PlannedControlShare: 0.10,
            CostPerContact: 1.2, FixedCost: 1_500, ClickRate: 0.02,
            "Buyers with a WeChat identity and ad consent",
            // A delivery that adds no orders: measurement must not find a lift here.
            [new("moments", ExtraOrderProbability: 0.0, ExtraVisitProbability: 0.03)]),
        new(3, "SMS-38-2026", "Women's Day reminder SMS to lapsed buyers", 7, DemoSources.Sms, Delivery.Message, Consent.Sms,
            Day(2026, 3, 1), Day(2026, 3, 9), TargetShare: 0.95, MinDaysSinceLastOrder: 60, PlannedControlShare: 0.10,
            CostPerContact: 0.06, FixedCost: 500, ClickRate: 0.04,
            "Buyers with an SMS identity and SMS consent, no order in the last 60 days",
            [new("sms", ExtraOrderProbability: 0.05, ExtraVisitProbability: 0.06)]),
        new(4, "DY-SPRING-2026", "Douyin retargeting, spring serum launch", 3, DemoSources.Douyin, Delivery.Ad, Consent.Ads,
            Day(2026, 4, 1), Day(2026, 5, 1), TargetShare: 0.95, MinDaysSinceLastOrder: 0, PlannedControlShare: 0.15,
            CostPerContact: 1.8, FixedCost: 2_000, ClickRate: 0.03,
            "Buyers with a Douyin identity and ad consent",
            [new("ads", ExtraOrderProbability: 0.04, ExtraVisitProbability: 0.08)]),
        new(5, "SMS-618-2026", "618 early-bird SMS", 7, DemoSources.Sms, Delivery.Message, Consent.Sms,
            Day(2026, 5, 25), Day(2026, 6, 19), TargetShare: 0.6, MinDaysSinceLastOrder: 0, PlannedControlShare: 0.10,
            CostPerContact: 0.06, FixedCost: 500, ClickRate: 0.04,
            "Buyers with an SMS identity and SMS consent (a random 60%)",
            [new("sms", ExtraOrderProbability: 0.03, ExtraVisitProbability: 0.05)]),
        new(6, "PUSH-WINBACK-2026", "Double Eleven win-back push", 8, DemoSources.App, Delivery.Message, Consent.Push,
            Day(2026, 10, 20), Day(2026, 11, 12), TargetShare: 0.95, MinDaysSinceLastOrder: 120, PlannedControlShare: 0.15,
            CostPerContact: 0.01, FixedCost: 300, ClickRate: 0.05,
            "App users with push consent and no order in the last 120 days",
            [new("winback", ExtraOrderProbability: 0.06, ExtraVisitProbability: 0.08)]),
    ];

    /// <summary>
    /// A broad awareness launch of <see cref="DemoCatalog.Launch"/> on Douyin (no target list, no holdout, so no
    /// assignments): its impressions, clicks, visits and add-to-carts carry the new product (see
    /// DemoBrandGenerator.Launch.cs). Its window overlaps no other campaign.
    /// </summary>
    public static readonly Campaign Launch = new()
    {
        Id = 7,
        Code = "DY-LAUNCH-2026",
        Name = "Douyin launch: Rice Ferment Glow Serum",
        AdChannelId = 3,
        StartUtc = Day(2026, 7, 6),
        EndUtc = Day(2026, 8, 17),
        Cost = 12_000,
        TargetAudience = "Douyin users with ad consent (broad awareness launch, no holdout)",
        PlannedControlShare = 0,
    };

    public static Campaign ToEntity(Spec spec) => new()
    {
        Id = spec.Id,
        Code = spec.Code,
        Name = spec.Name,
        AdChannelId = spec.AdChannelId,
        StartUtc = spec.StartUtc,
        EndUtc = spec.EndUtc,
        Cost = spec.FixedCost,
        TargetAudience = spec.TargetAudience,
        PlannedControlShare = spec.PlannedControlShare,
    };

    /// <summary>What actually happened in one arm (or the control group) of one campaign.</summary>
    public sealed class ArmTally
    {
        public long Assigned { get; set; }

        /// <summary>Assigned customers with a natural (BG/NBD) order in the window.</summary>
        public long NaturalConverters { get; set; }

        /// <summary>Extra orders caused by the campaign (each to a customer with no natural order in the window).</summary>
        public long ExtraOrders { get; set; }

        public long ExtraVisits { get; set; }
    }
}
