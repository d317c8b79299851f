using System.Globalization;
using Dashboard.Data.Entities;
using Dashboard.Tests.TestSupport;

namespace Dashboard.Tests.Features.Campaigns;

/// <summary>Builds hand-made campaigns in a <see cref="TestDatabase"/>: customers, assignments, orders, touchpoints.</summary>
internal sealed class CampaignStore(TestDatabase db)
{
    public const int SmsSource = 8;
    public const int SmsChannel = 7;

    private readonly List<Customer> _customers = [];
    private readonly List<SourceIdentity> _identities = [];
    private readonly List<Campaign> _campaigns = [];
    private readonly List<CampaignAssignment> _assignments = [];
    private readonly List<Order> _orders = [];
    private readonly List<Touchpoint> _touchpoints = [];
    private long _nextId = 1;

    public static DateTime Day(int month, int day) => new(2026, month, day, 12, 0, 0, DateTimeKind.Utc);

    public Campaign Campaign(int id, DateTime start, DateTime end, double cost = 1000, double controlShare = 0.5, string code = "SMS-TEST")
    {
        var c = new Campaign
        {
            Id = id, Code = code, Name = "Test campaign " + code, AdChannelId = SmsChannel, StartUtc = start.Date, EndUtc = end.Date,
            Cost = cost, TargetAudience = "Hand-made audience", PlannedControlShare = controlShare,
        };
        _campaigns.Add(c);
        return c;
    }

    /// <summary>A customer first seen on 2025-01-01 in city tier <paramref name="tier"/>.</summary>
    public long Customer(int? tier = 1, DateTime? firstSeen = null)
    {
        var id = _nextId++;
        _customers.Add(new Customer { Id = id, CityTier = tier, FirstSeenUtc = firstSeen ?? new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc) });
        _identities.Add(new SourceIdentity { Id = id, SourceId = SmsSource, ExternalId = "c" + id.ToString(CultureInfo.InvariantCulture), CustomerId = id, FirstSeenUtc = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc) });
        return id;
    }

    public IReadOnlyList<long> Customers(int count, int? tier = 1) => [.. Enumerable.Range(0, count).Select(_ => Customer(tier))];

    public void Assign(Campaign campaign, IEnumerable<long> customers, string arm, bool control = false) =>
        _assignments.AddRange(customers.Select(c => new CampaignAssignment { CampaignId = campaign.Id, CustomerId = c, Arm = arm, IsControl = control }));

    public void Order(long customer, DateTime at, double total)
    {
        var id = _orders.Count + 1;
        _orders.Add(new Order
        {
            Id = id, SourceId = SmsSource, OrderNo = "o" + id.ToString(CultureInfo.InvariantCulture), CustomerId = customer,
            SourceIdentityId = customer, PlacedAtUtc = at, Total = total, LineCount = 1,
        });
    }

    public void Touch(long customer, DateTime at, TouchpointType type, int? campaignId = null)
    {
        var id = _touchpoints.Count + 1;
        _touchpoints.Add(new Touchpoint
        {
            Id = id, SourceId = SmsSource, EventId = "t" + id.ToString(CultureInfo.InvariantCulture), CustomerId = customer,
            SourceIdentityId = customer, Type = type, OccurredAtUtc = at, CampaignId = campaignId,
        });
    }

    public async Task SaveAsync()
    {
        await using var context = await db.Factory.CreateDbContextAsync();
        context.Customers.AddRange(_customers);
        context.SourceIdentities.AddRange(_identities);
        context.Campaigns.AddRange(_campaigns);
        await context.SaveChangesAsync();
        context.CampaignAssignments.AddRange(_assignments);
        context.Orders.AddRange(_orders);
        context.Touchpoints.AddRange(_touchpoints);
        await context.SaveChangesAsync();
    }
}
