using System.Globalization;
using Dashboard.Data.Entities;
using MathNet.Numerics.Distributions;

namespace Dashboard.Data.Seed;

// Campaigns, orders with their lines, and touchpoints of one person.
internal sealed partial class DemoBrandGenerator
{
    private const double ExtraOrderDelayDays = 4;

    private void ApplyCampaign(PersonState s, int campaignIndex, double firstPurchase)
    {
        var rng = s.Rng;
        var spec = DemoCampaigns.Specs[campaignIndex];
        var start = DemoCalendar.WeeksOf(spec.StartUtc);
        var end = DemoCalendar.WeeksOf(spec.EndUtc);
        var channel = s.IdentityAt(spec.SourceId, start);
        if (firstPurchase >= start || channel is null || !HasConsent(s.Customer, spec.Consent))
        {
            return;
        }
        var lastOrder = s.OrderTimes.Where(o => o.Time < start).Max(o => o.Time);
        if (spec.MinDaysSinceLastOrder > 0 && (start - lastOrder) * 7 < spec.MinDaysSinceLastOrder)
        {
            return;
        }
        if (!DemoRandom.Chance(rng, spec.TargetShare))
        {
            return;
        }
        // Random holdout: each targeted customer is control with the planned share, independently.
        var control = DemoRandom.Chance(rng, spec.PlannedControlShare);
        var armIndex = control ? 0 : 1 + rng.Next(spec.Arms.Length);
        s.Person.Assignments.Add(new CampaignAssignment
        {
            CampaignId = spec.Id,
            CustomerId = channel.Entity.CustomerId,
            Arm = control ? "control" : spec.Arms[armIndex - 1].Name,
            IsControl = control,
        });
        var tally = CampaignTallies[campaignIndex][armIndex];
        tally.Assigned++;
        var naturalConversion = s.Natural.Any(t => t >= start && t < end);
        if (naturalConversion)
        {
            tally.NaturalConverters++;
        }
        if (control)
        {
            return;
        }

        var arm = spec.Arms[armIndex - 1];
        var contact = start + rng.NextDouble() * Math.Min(2 * DayInWeeks, end - start);
        if (spec.Delivery == DemoCampaigns.Delivery.Message)
        {
            s.Touches.Add((contact, channel, TouchpointType.MessageSent, spec.Id, null));
            if (DemoRandom.Chance(rng, DemoSources.OpenRate(spec.SourceId)))
            {
                AddTouch(s, contact + rng.NextDouble() * 6 * 60 * MinuteInWeeks, channel, TouchpointType.MessageOpened, spec.Id, null);
            }
        }
        else
        {
            var impressions = 1 + rng.Next(3);
            for (var i = 0; i < impressions; i++)
            {
                s.Touches.Add((DemoRandom.Uniform(rng, start, end), channel, TouchpointType.Impression, spec.Id, AnyProduct(s)));
            }
        }
        if (DemoRandom.Chance(rng, spec.ClickRate))
        {
            AddTouch(s, contact + rng.NextDouble() * DayInWeeks, channel, TouchpointType.Click, spec.Id, AnyProduct(s));
        }
        if (DemoRandom.Chance(rng, arm.ExtraVisitProbability))
        {
            var visitAt = DemoRandom.Uniform(rng, start, end);
            var shop = DemoSources.Sells(spec.SourceId) ? channel : PickSellingIdentity(s, visitAt);
            s.Touches.Add((visitAt, channel, TouchpointType.Click, spec.Id, AnyProduct(s)));
            s.Touches.Add((visitAt + 2 * MinuteInWeeks, shop, TouchpointType.Visit, spec.Id, AnyProduct(s)));
            tally.ExtraVisits++;
        }
        // The campaign-attributable extra order goes only to customers who would not have ordered in the
        // window anyway, so each one is a conversion that exists only because of the treatment.
        if (!naturalConversion && DemoRandom.Chance(rng, arm.ExtraOrderProbability))
        {
            var span = end - start;
            var mean = ExtraOrderDelayDays * DayInWeeks;
            // Response decays after the contact: exponential delay with mean 4 days, truncated to the window.
            var delay = -mean * Math.Log(1 - rng.NextDouble() * (1 - Math.Exp(-span / mean)));
            var time = Math.Min(start + delay, Math.BitDecrement(end));
            var shop = DemoSources.Sells(spec.SourceId) ? channel : PickSellingIdentity(s, time);
            s.OrderTimes.Add((time, shop, spec.Id));
            tally.ExtraOrders++;
            s.Truth.ExtraOrders++;
            Stats.ExtraOrders++;
        }
    }

    private static bool HasConsent(Customer customer, DemoCampaigns.Consent consent) => consent switch
    {
        DemoCampaigns.Consent.Sms => customer.ConsentSms,
        DemoCampaigns.Consent.Push => customer.ConsentPush,
        _ => customer.ConsentAds,
    };

    private void AddOrder(PersonState s, double time, IdentityState identity, int? campaignId, bool isTrial)
    {
        var rng = s.Rng;
        // Gamma-Gamma order value, in whole fen (cents): the lines below add up to exactly this.
        var cents = Math.Max(1, (long)Math.Round(Gamma.Sample(rng, _gg.P, s.Nu) * 100));
        var order = new Order
        {
            Id = _nextOrderId++,
            SourceId = identity.Entity.SourceId,
            OrderNo = OrderNo(identity.Entity.SourceId, _nextOrderId - 1),
            CustomerId = identity.Entity.CustomerId,
            SourceIdentityId = identity.Entity.Id,
            PlacedAtUtc = DemoCalendar.At(time),
            Total = cents / 100.0,
        };
        AddLines(s, order, cents);
        order.LineCount = order.Lines.Count;
        s.Person.Orders.Add(order);

        var product = order.Lines[0].ProductId;
        if (identity.Entity.SourceId == DemoSources.Offline)
        {
            if (DemoRandom.Chance(rng, 0.9))
            {
                AddTouch(s, time - DemoRandom.Uniform(rng, 5, 60) * MinuteInWeeks, identity, TouchpointType.Visit, null, product);
            }
            return;
        }
        if (campaignId is not null)
        {
            AddTouch(s, time - DemoRandom.Uniform(rng, 10, 24 * 60) * MinuteInWeeks, identity, TouchpointType.Click, campaignId, product);
            AddTouch(s, time - DemoRandom.Uniform(rng, 1, 10) * MinuteInWeeks, identity, TouchpointType.Visit, campaignId, product);
        }
        else if (DemoRandom.Chance(rng, 0.6))
        {
            AddTouch(s, time - DemoRandom.Uniform(rng, 0.02, 2) * DayInWeeks, identity, TouchpointType.Visit, null, product);
        }
        if (DemoRandom.Chance(rng, 0.35))
        {
            AddTouch(s, time - DemoRandom.Uniform(rng, 1, 60) * MinuteInWeeks, identity, TouchpointType.AddToCart, null, product);
        }
        if (isTrial && DemoSources.Profiles[identity.Entity.SourceId].TouchWeights[0] > 0)
        {
            if (DemoRandom.Chance(rng, 0.5))
            {
                AddTouch(s, time - rng.NextDouble() * 7 * DayInWeeks, identity, TouchpointType.Impression, null, product);
            }
            if (DemoRandom.Chance(rng, 0.3))
            {
                AddTouch(s, time - rng.NextDouble() * 3 * DayInWeeks, identity, TouchpointType.Click, null, product);
            }
        }
    }

    /// <summary>
    /// One to three lines whose list prices roughly match the order value; unit prices are then scaled
    /// (a promotion discount, or a premium for rare very large orders) so the line amounts add up to the
    /// order value exactly, in fen. With <see cref="ExtraLinesPerOrder"/>, a Poisson number of add-on lines
    /// follows, drawn from the person's own basket stream: the base lines' products, the order's value and
    /// everything else about the person are drawn exactly as without them.
    /// </summary>
    private void AddLines(PersonState s, Order order, long cents)
    {
        var rng = s.Rng;
        var value = cents / 100.0;
        var baseLines = value switch
        {
            < 150 => 1,
            < 400 => DemoRandom.Chance(rng, 0.6) ? 1 : 2,
            < 800 => DemoRandom.Pick(rng, [0.15, 0.6, 0.25]) + 1,
            _ => DemoRandom.Chance(rng, 0.6) ? 3 : 2,
        };
        baseLines = (int)Math.Min(baseLines, cents);
        var lines = baseLines;
        if (ExtraLinesPerOrder > 0)
        {
            s.BasketRng ??= DemoRandom.For(_seed, s.Customer.Id, salt: 11);
            lines = (int)Math.Min(baseLines + Math.Min(Poisson.Sample(s.BasketRng, ExtraLinesPerOrder), MaxExtraLines), cents);
        }
        Span<int> products = stackalloc int[lines];
        Span<int> quantities = stackalloc int[lines];
        Span<long> listCents = stackalloc long[lines];
        long listTotal = 0;
        for (var j = 0; j < lines; j++)
        {
            if (j == baseLines)
            {
                rng = s.BasketRng!;
            }
            var target = value / (j < baseLines ? baseLines : lines) * DemoRandom.Uniform(rng, 1.0, 1.35);
            var pool = DemoRandom.Chance(rng, 0.55) ? DemoCatalog.ByCategory[s.FavouriteCategory] : DemoCatalog.ByPrice;
            var product = NearPrice(rng, pool, target, products[..j]);
            var price = DemoCatalog.PriceOf(product);
            var quantity = price < target / 1.6 ? Math.Clamp((int)Math.Round(target / price), 1, 3) : 1;
            products[j] = product;
            quantities[j] = quantity;
            listCents[j] = (long)Math.Round(price * 100) * quantity;
            listTotal += listCents[j];
        }
        // The remainder goes to a line with quantity 1 when there is one, so its unit price stays in whole fen.
        var remainderLine = lines - 1;
        for (var j = 0; j < lines; j++)
        {
            if (quantities[j] == 1)
            {
                remainderLine = j;
            }
        }
        Span<long> amounts = stackalloc long[lines];
        long allocated = 0;
        for (var j = 0; j < lines; j++)
        {
            if (j == remainderLine)
            {
                continue;
            }
            var share = (long)((double)listCents[j] * cents / listTotal);
            amounts[j] = share / quantities[j] * quantities[j];
            allocated += amounts[j];
        }
        amounts[remainderLine] = cents - allocated;
        for (var j = 0; j < lines; j++)
        {
            order.Lines.Add(new OrderLine
            {
                Id = _nextLineId++,
                OrderId = order.Id,
                LineNo = j + 1,
                ProductId = products[j],
                Quantity = quantities[j],
                UnitPrice = amounts[j] / 100.0 / quantities[j],
                Amount = amounts[j] / 100.0,
            });
        }
    }

    /// <summary>One of the (up to three) products of the pool priced nearest the target, not already taken.</summary>
    private static int NearPrice(Random rng, int[] pool, double target, ReadOnlySpan<int> taken)
    {
        var best = 0;
        for (var i = 1; i < pool.Length; i++)
        {
            if (Math.Abs(DemoCatalog.PriceOf(pool[i]) - target) < Math.Abs(DemoCatalog.PriceOf(pool[best]) - target))
            {
                best = i;
            }
        }
        var index = Math.Clamp(best + rng.Next(3) - 1, 0, pool.Length - 1);
        for (var attempt = 0; attempt < pool.Length && taken.Contains(pool[index]); attempt++)
        {
            index = (index + 1) % pool.Length;
        }
        return pool[index];
    }

    private static int AnyProduct(PersonState s) => DemoRandom.Chance(s.Rng, 0.6)
        ? PickFrom(s.Rng, DemoCatalog.ByCategory[s.FavouriteCategory])
        : PickFrom(s.Rng, DemoCatalog.ByPrice);

    private static int PickFrom(Random rng, int[] pool) => pool[rng.Next(pool.Length)];

    /// <summary>Browsing, ad exposure and service messages spread over the person's active time.</summary>
    private static void BackgroundTouchpoints(PersonState s, int count)
    {
        var rng = s.Rng;
        for (var k = 0; k < count; k++)
        {
            var identity = s.Identities[rng.Next(s.Identities.Count)];
            if (identity.FirstSeen >= s.ActiveUntil)
            {
                continue;
            }
            var time = DemoCalendar.Browsing.Sample(rng, identity.FirstSeen, s.ActiveUntil);
            var profile = DemoSources.Profiles[identity.Entity.SourceId];
            var type = DemoSources.TouchTypes[DemoRandom.Pick(rng, profile.TouchWeights)];
            int? product = type switch
            {
                TouchpointType.MessageSent => null,
                TouchpointType.Impression => DemoRandom.Chance(rng, 0.5) ? AnyProduct(s) : null,
                _ => AnyProduct(s),
            };
            s.Touches.Add((time, identity, type, null, product));
            if (type == TouchpointType.MessageSent && DemoRandom.Chance(rng, DemoSources.OpenRate(identity.Entity.SourceId)))
            {
                AddTouch(s, time + rng.NextDouble() * 12 * 60 * MinuteInWeeks, identity, TouchpointType.MessageOpened, null, null);
            }
        }
    }

    /// <summary>Adds a touchpoint, kept inside the window and after the identity was first seen.</summary>
    private static void AddTouch(PersonState s, double time, IdentityState identity, TouchpointType type, int? campaignId, int? productId)
    {
        var clamped = Math.Max(time, identity.FirstSeen);
        if (clamped < DemoCalendar.Weeks)
        {
            s.Touches.Add((clamped, identity, type, campaignId, productId));
        }
    }

    private void FinishTouchpoints(PersonState s)
    {
        var rng = s.Rng;
        s.Touches.Sort((x, y) => x.Time.CompareTo(y.Time));
        foreach (var (time, identity, type, campaignId, productId) in s.Touches)
        {
            var sourceId = identity.Entity.SourceId;
            int? dwell = null;
            if (type == TouchpointType.Visit)
            {
                // Online visits last about a minute or two; store visits a quarter of an hour.
                dwell = sourceId == DemoSources.Offline
                    ? (int)Math.Clamp(LogNormal.Sample(rng, Math.Log(900), 0.5), 60, 7200)
                    : (int)Math.Clamp(LogNormal.Sample(rng, Math.Log(75), 0.9), 3, 3600);
            }
            var id = _nextTouchpointId++;
            s.Person.Touchpoints.Add(new Touchpoint
            {
                Id = id,
                SourceId = sourceId,
                EventId = DemoSources.Codes[sourceId] + "-" + id.ToString("D10", CultureInfo.InvariantCulture),
                CustomerId = identity.Entity.CustomerId,
                SourceIdentityId = identity.Entity.Id,
                Type = type,
                OccurredAtUtc = DemoCalendar.At(time),
                DwellSeconds = dwell,
                CampaignId = campaignId,
                ProductId = productId,
            });
        }
    }
}
