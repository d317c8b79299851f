using System.Globalization;
using Dashboard.Data.Entities;
using MathNet.Numerics.Distributions;

namespace Dashboard.Data.Seed;

// The summer launch of a new serum (cold start): campaign touchpoints that carry the product, and no orders.
internal sealed partial class DemoBrandGenerator
{
    /// <summary>Share of Douyin users with ad consent the launch campaign reaches.</summary>
    private const double LaunchReach = 0.6;

    /// <summary>
    /// Adds the launch campaign's touchpoints after the person's own ones, from a separate random stream (salt 7), so
    /// everything else about the person (and the brand) stays exactly as it was. People whose favourite category is
    /// serum or moisturizer click, visit and add to cart far more often: the campaign's signals find skincare buyers.
    /// </summary>
    private void LaunchTouchpoints(PersonState s)
    {
        var launch = DemoCampaigns.Launch;
        var douyin = s.Identities.FirstOrDefault(i => i.Entity.SourceId == DemoSources.Douyin);
        var start = DemoCalendar.WeeksOf(launch.StartUtc);
        var end = DemoCalendar.WeeksOf(launch.EndUtc);
        if (douyin is null || douyin.FirstSeen >= end || !s.Customer.ConsentAds)
        {
            return;
        }
        var rng = DemoRandom.For(_seed, s.Customer.Id, salt: 7);
        if (!DemoRandom.Chance(rng, LaunchReach))
        {
            return;
        }
        var from = Math.Max(start, douyin.FirstSeen);
        var fan = s.FavouriteCategory is DemoCatalog.Serum or DemoCatalog.Moisturizer;
        var impressions = 1 + rng.Next(4);
        for (var i = 0; i < impressions; i++)
        {
            Launch(s, douyin, DemoRandom.Uniform(rng, from, end), TouchpointType.Impression, null);
        }
        if (!DemoRandom.Chance(rng, fan ? 0.35 : 0.05))
        {
            return;
        }
        var clickAt = DemoRandom.Uniform(rng, from, end);
        Launch(s, douyin, clickAt, TouchpointType.Click, null);
        if (DemoRandom.Chance(rng, 0.7))
        {
            var dwell = (int)Math.Clamp(LogNormal.Sample(rng, Math.Log(fan ? 110 : 40), 0.8), 3, 1800);
            Launch(s, douyin, clickAt + MinuteInWeeks, TouchpointType.Visit, dwell);
            if (DemoRandom.Chance(rng, fan ? 0.3 : 0.08))
            {
                Launch(s, douyin, clickAt + (2 + dwell / 60.0) * MinuteInWeeks, TouchpointType.AddToCart, null);
            }
        }
    }

    private void Launch(PersonState s, IdentityState identity, double time, TouchpointType type, int? dwell)
    {
        var id = _nextTouchpointId++;
        s.Person.Touchpoints.Add(new Touchpoint
        {
            Id = id,
            SourceId = identity.Entity.SourceId,
            EventId = DemoSources.Codes[identity.Entity.SourceId] + "-" + id.ToString("D10", CultureInfo.InvariantCulture),
            CustomerId = identity.Entity.CustomerId,
            SourceIdentityId = identity.Entity.Id,
            Type = type,
            OccurredAtUtc = DemoCalendar.At(Math.Min(time, Math.BitDecrement(DemoCalendar.Weeks))),
            DwellSeconds = dwell,
            CampaignId = DemoCampaigns.Launch.Id,
            ProductId = DemoCatalog.Launch.Id,
        });
    }
}
