using Dashboard.Data.Entities;
using Dashboard.Domain.Audiences;
using Dashboard.Features.Lookalike;
using Dashboard.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Features.Lookalike;

public class ProfileFeatureReaderTests
{
    private static readonly DateTime AsOf = new(2025, 8, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Read_HandMadeRows_GivesTheExpectedFeaturesForBuyersAndProspects()
    {
        await using var db = await TestDatabase.CreateAsync();
        var (buyer, prospect) = await SeedAsync(db);

        await using var context = await db.Factory.CreateDbContextAsync();
        var table = await ProfileFeatureReader.ReadAsync(context, AsOf, CancellationToken.None);

        Assert.Equal(["makeup", "serum"], table.Categories);
        var sources = await context.DataSources.OrderBy(s => s.Id).Select(s => s.Code).ToListAsync();
        Assert.Equal(sources, table.Sources);
        var b = table.Rows.Single(r => r.ProfileId == buyer);
        Assert.Equal(2, b.OrderCount);
        Assert.Equal(400, b.TotalSpend);
        Assert.Equal(30 + 14.0 / 24, b.DaysSinceLastOrder!.Value, 6);      // last order 2025-07-01 10:00
        Assert.Equal(212, b.DaysSinceFirstSeen, 6);                          // first seen 2025-01-01
        Assert.Equal([0.25, 0.75], b.CategoryShares);                        // makeup 100, serum 300 of 400
        Assert.Equal((1, 1, 1, 2.0, 0, 1), (b.Clicks, b.Visits, b.Impressions, b.DwellMinutes, b.MessagesOpened, b.AddToCarts));
        Assert.Equal(2, b.SourceTouchpoints[0]);                             // tmall: click + message sent
        Assert.Equal(3, b.SourceTouchpoints[1]);                             // jd: visit, impression, add-to-cart
        Assert.Equal(21 - 0.5, b.DaysSinceLastTouchpoint!.Value, 6);         // add-to-cart 2025-07-11 12:00
        Assert.Equal((ProfileGender.Female, (int?)35, (int?)2), (b.Gender, b.Age, b.CityTier));
        var p = table.Rows.Single(r => r.ProfileId == prospect);
        Assert.Equal(0, p.OrderCount);
        Assert.Null(p.DaysSinceLastOrder);
        Assert.Equal([0.0, 0.0], p.CategoryShares);
        Assert.Equal(0, p.Impressions); // its only impression is after the as-of date
        Assert.Null(p.DaysSinceLastTouchpoint);
        Assert.Equal((ProfileGender.Unknown, (int?)null, (int?)null), (p.Gender, p.Age, p.CityTier));
        FeatureLayout.For(table); // every row is valid learner input
    }

    private static async Task<(long Buyer, long Prospect)> SeedAsync(TestDatabase db)
    {
        await using var c = await db.Factory.CreateDbContextAsync();
        var serum = new Product { Sku = "S1", Name = "Serum", Category = "serum", Price = 100 };
        var makeup = new Product { Sku = "M1", Name = "Lipstick", Category = "makeup", Price = 100 };
        c.Products.AddRange(serum, makeup);
        var buyer = new Customer { Gender = "F", BirthYear = 1990, CityTier = 2, FirstSeenUtc = Day(2025, 1, 1) };
        var prospect = new Customer { FirstSeenUtc = Day(2025, 5, 1) };
        c.Customers.AddRange(buyer, prospect);
        await c.SaveChangesAsync();
        var tmall = new SourceIdentity { SourceId = 1, ExternalId = "b1", CustomerId = buyer.Id, FirstSeenUtc = buyer.FirstSeenUtc };
        var jd = new SourceIdentity { SourceId = 2, ExternalId = "b2", CustomerId = buyer.Id, FirstSeenUtc = buyer.FirstSeenUtc };
        var p = new SourceIdentity { SourceId = 2, ExternalId = "p1", CustomerId = prospect.Id, FirstSeenUtc = prospect.FirstSeenUtc };
        c.SourceIdentities.AddRange(tmall, jd, p);
        await c.SaveChangesAsync();
        c.Orders.Add(Order(buyer.Id, tmall.Id, "o1", Day(2025, 6, 1).AddHours(10), (serum, 200), (makeup, 100)));
        c.Orders.Add(Order(buyer.Id, tmall.Id, "o2", Day(2025, 7, 1).AddHours(10), (serum, 100)));
        c.Orders.Add(Order(buyer.Id, tmall.Id, "o3", AsOf.AddHours(1), (serum, 999))); // after the as-of date: left out
        c.Touchpoints.AddRange(
            Touch(buyer.Id, tmall, "t1", TouchpointType.Click, Day(2025, 7, 10)),
            Touch(buyer.Id, tmall, "t2", TouchpointType.MessageSent, Day(2025, 7, 9)),
            Touch(buyer.Id, jd, "t3", TouchpointType.Visit, Day(2025, 7, 10), dwell: 120),
            Touch(buyer.Id, jd, "t4", TouchpointType.Impression, Day(2025, 7, 9)),
            Touch(buyer.Id, jd, "t5", TouchpointType.AddToCart, Day(2025, 7, 11)),
            Touch(prospect.Id, p, "t6", TouchpointType.Impression, AsOf.AddDays(2)));
        await c.SaveChangesAsync();
        return (buyer.Id, prospect.Id);
    }

    private static Order Order(long customer, long identity, string no, DateTime at, params (Product Product, double Amount)[] lines) => new()
    {
        SourceId = 1, OrderNo = no, CustomerId = customer, SourceIdentityId = identity, PlacedAtUtc = at,
        Total = lines.Sum(l => l.Amount), LineCount = lines.Length,
        Lines = [.. lines.Select((l, i) => new OrderLine { LineNo = i + 1, ProductId = l.Product.Id, Quantity = 1, UnitPrice = l.Amount, Amount = l.Amount })],
    };

    private static Touchpoint Touch(long customer, SourceIdentity identity, string id, TouchpointType type, DateTime day, int? dwell = null) => new()
    {
        SourceId = identity.SourceId, EventId = id, CustomerId = customer, SourceIdentityId = identity.Id, Type = type,
        OccurredAtUtc = day.AddHours(12), DwellSeconds = dwell,
    };

    private static DateTime Day(int y, int m, int d) => new(y, m, d, 0, 0, 0, DateTimeKind.Utc);
}
