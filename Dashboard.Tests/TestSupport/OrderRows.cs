using System.Globalization;
using Dashboard.Data.Entities;

namespace Dashboard.Tests.TestSupport;

/// <summary>Writes hand-made orders (customer, time, total) into a test store, with the customers and identities they need.</summary>
public static class OrderRows
{
    public static async Task InsertAsync(TestDatabase db, IEnumerable<(long Customer, DateTime PlacedAtUtc, double Total)> orders, int sourceId = 1)
    {
        // The store keeps UTC (PostgreSQL's timestamptz accepts nothing else): hand-written times are taken as UTC.
        var list = orders.Select(o => (o.Customer, PlacedAtUtc: DateTime.SpecifyKind(o.PlacedAtUtc, DateTimeKind.Utc), o.Total)).ToList();
        await using var context = await db.Factory.CreateDbContextAsync();
        var existing = context.Customers.Select(c => c.Id).ToHashSet();
        foreach (var id in list.Select(o => o.Customer).Distinct().Where(id => !existing.Contains(id)))
        {
            context.Customers.Add(new Customer { Id = id, FirstSeenUtc = list.Where(o => o.Customer == id).Min(o => o.PlacedAtUtc), AcquisitionSourceId = sourceId });
            context.SourceIdentities.Add(new SourceIdentity
            {
                Id = id,
                SourceId = sourceId,
                ExternalId = "c" + id.ToString(CultureInfo.InvariantCulture),
                CustomerId = id,
                FirstSeenUtc = list.Where(o => o.Customer == id).Min(o => o.PlacedAtUtc),
            });
        }
        var next = context.Orders.Select(o => (long?)o.Id).Max() ?? 0;
        foreach (var (customer, at, total) in list)
        {
            next++;
            context.Orders.Add(new Order
            {
                Id = next,
                SourceId = sourceId,
                OrderNo = "T" + next.ToString(CultureInfo.InvariantCulture),
                CustomerId = customer,
                SourceIdentityId = customer,
                PlacedAtUtc = DateTime.SpecifyKind(at, DateTimeKind.Utc),
                Total = total,
                LineCount = 1,
            });
        }
        await context.SaveChangesAsync();
    }
}
