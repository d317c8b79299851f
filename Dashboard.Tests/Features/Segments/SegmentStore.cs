using Dashboard.Data.Entities;
using Dashboard.Features.Segments;
using Dashboard.Jobs;
using Dashboard.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Tests.Features.Segments;

/// <summary>Hand-made customers, orders and touchpoints in a test store, and a way to run the segments job on it.</summary>
internal sealed class SegmentStore(TestDatabase db)
{
    private int _events;

    public TestDatabase Database => db;

    /// <summary>Adds a customer with one source identity (on Tmall unless told) and returns its id.</summary>
    public async Task<long> CustomerAsync(string? phone = null, string? email = null, bool consentAds = true, int sourceId = 1)
    {
        await using var context = await db.Factory.CreateDbContextAsync();
        var customer = new Customer { FirstSeenUtc = Utc("2024-01-01"), AcquisitionSourceId = sourceId, ConsentAds = consentAds };
        context.Customers.Add(customer);
        await context.SaveChangesAsync();
        context.SourceIdentities.Add(new SourceIdentity
        {
            SourceId = sourceId, ExternalId = "c" + customer.Id, Phone = phone, Email = email, CustomerId = customer.Id, FirstSeenUtc = customer.FirstSeenUtc,
        });
        await context.SaveChangesAsync();
        return customer.Id;
    }

    /// <summary>Adds an extra source identity to a customer (another platform's id with its own phone/email).</summary>
    public async Task IdentityAsync(long customerId, string? phone, string? email, int sourceId = 2)
    {
        await using var context = await db.Factory.CreateDbContextAsync();
        context.SourceIdentities.Add(new SourceIdentity
        {
            SourceId = sourceId, ExternalId = $"x{customerId}-{++_events}", Phone = phone, Email = email, CustomerId = customerId, FirstSeenUtc = Utc("2024-01-01"),
        });
        await context.SaveChangesAsync();
    }

    /// <summary>Adds orders ("yyyy-MM-dd", total) for a customer.</summary>
    public async Task OrdersAsync(long customerId, params (string Day, double Total)[] orders)
    {
        await using var context = await db.Factory.CreateDbContextAsync();
        var identity = context.SourceIdentities.First(i => i.CustomerId == customerId);
        foreach (var (day, total) in orders)
        {
            context.Orders.Add(new Order
            {
                SourceId = identity.SourceId, OrderNo = $"o{++_events}", CustomerId = customerId, SourceIdentityId = identity.Id,
                PlacedAtUtc = Utc(day).AddHours(10), Total = total, LineCount = 1,
            });
        }
        await context.SaveChangesAsync();
    }

    public async Task TouchAsync(long customerId, TouchpointType type, string day)
    {
        await using var context = await db.Factory.CreateDbContextAsync();
        var identity = context.SourceIdentities.First(i => i.CustomerId == customerId);
        context.Touchpoints.Add(new Touchpoint
        {
            SourceId = identity.SourceId, EventId = $"e{++_events}", CustomerId = customerId, SourceIdentityId = identity.Id, Type = type, OccurredAtUtc = Utc(day).AddHours(12),
        });
        await context.SaveChangesAsync();
    }

    /// <summary>Records a run and executes the segments job as the worker would; returns its summary.</summary>
    public async Task<SegmentRunResult> RunAsync(ILifetimeSnapshotSource? lifetime = null, string? parameters = null)
    {
        long runId;
        await using (var context = await db.Factory.CreateDbContextAsync())
        {
            var run = new ModelRun { Kind = SegmentsJob.JobKind, Status = JobQueue.Running, RequestedUtc = DateTime.UtcNow, ParametersJson = parameters };
            context.ModelRuns.Add(run);
            await context.SaveChangesAsync();
            runId = run.Id;
        }
        var job = new SegmentsJob(db.Factory, lifetime ?? new NoLifetimeSnapshots(), TimeProvider.System, NullLogger<SegmentsJob>.Instance);
        var json = await job.RunAsync(new ModelJobContext(runId, parameters, new Progress<JobProgress>()), CancellationToken.None);
        await using (var context = await db.Factory.CreateDbContextAsync())
        {
            var run = context.ModelRuns.Single(r => r.Id == runId);
            run.Status = JobQueue.Succeeded;
            run.ResultJson = json;
            await context.SaveChangesAsync();
        }
        return System.Text.Json.JsonSerializer.Deserialize<SegmentRunResult>(json!, Dashboard.Cli.CliApp.JsonOptions)!;
    }

    public static DateTime Utc(string day) => DateTime.SpecifyKind(DateTime.Parse(day, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);

    /// <summary>
    /// Five buyers with hand-computed RFM as of 2025-03-31 (see SegmentsJobTests) and three prospects:
    /// an impression in the lookback (Aware), a click (Interested), an impression long before (outside the funnel).
    /// </summary>
    public async Task<long[]> FiveBuyersAsync()
    {
        var c = new long[9];
        for (var i = 1; i <= 8; i++)
        {
            c[i] = await CustomerAsync(phone: "1380013800" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), email: $"c{i}@example.com", consentAds: i != 2);
        }
        await OrdersAsync(c[1], ("2025-03-31", 100), ("2025-03-20", 100), ("2025-03-10", 100));
        await OrdersAsync(c[2], ("2025-03-25", 50), ("2025-02-10", 50));
        await OrdersAsync(c[3], ("2025-03-01", 80));
        await OrdersAsync(c[4], ("2025-02-01", 500), ("2025-01-15", 500), ("2025-01-05", 500), ("2025-01-02", 500));
        await OrdersAsync(c[5], ("2025-01-03", 20));
        await TouchAsync(c[6], TouchpointType.Impression, "2025-03-15");
        await TouchAsync(c[7], TouchpointType.Click, "2025-03-20");
        await TouchAsync(c[8], TouchpointType.Impression, "2024-10-01");
        return c;
    }
}

/// <summary>A lifetime source over the store's customers: P(alive) and CLV follow from the id, so tests know them.</summary>
internal sealed class FakeLifetime(long runId, DateOnly asOf) : ILifetimeSnapshotSource
{
    public Task<LifetimeSnapshotInfo?> LatestAsync(Dashboard.Data.DashboardDbContext db, CancellationToken ct) =>
        Task.FromResult<LifetimeSnapshotInfo?>(new LifetimeSnapshotInfo(runId, asOf));

    // CLV = 1000 / id (customer 1 is the most valuable); P(alive) = 0.9 for odd ids, 0.2 for even ones.
    public IQueryable<LifetimeEstimate> Estimates(Dashboard.Data.DashboardDbContext db, long run) =>
        db.Customers.Select(c => new LifetimeEstimate { CustomerId = c.Id, PAlive = c.Id % 2 == 1 ? 0.9 : 0.2, PredictedClv = 1000.0 / c.Id });
}
