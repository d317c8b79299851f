using Dashboard.Data.Entities;
using Microsoft.AspNetCore.Hosting;
using Dashboard.Features.Recommendations;
using Dashboard.Jobs;
using Dashboard.Tests.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Tests.Features.Recommendations;

public class RecommendationsJobTests
{
    private static readonly DateTime T0 = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Run_HandMadeBaskets_StoresEachCustomersTopTenAndTheEvaluation()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await StoreAsync(db);
        var service = new RecommendationsService(db.Factory);
        Assert.Null(await service.NextBestProductsAsync(s.Customers[0], CancellationToken.None)); // no run yet

        var (runId, result) = await RunAsync(db);

        Assert.Equal(6, result.Customers);
        // Customers 1–5 own A and B (makeup: never again) and C (serum: due again after 60 days, not yet): nothing is left
        // for them. Customer 0 owns only A: B and C.
        Assert.Equal(2, result.Rows);
        Assert.True(result.Evaluation.CustomersWithTwoOrders > 0);
        var c = await service.NextBestProductsAsync(s.Customers[0], CancellationToken.None);
        Assert.Equal(runId, c!.RunId);
        // Customer 0 bought A (a lipstick, not replenishable): B is bought with A by everyone else, so B comes first, A never.
        Assert.Equal("B", c.Products[0].Sku);
        Assert.Equal("Similar", c.Products[0].Reason);
        Assert.DoesNotContain(c.Products, p => p.Sku == "A");
        var nobody = await service.NextBestProductsAsync(999, CancellationToken.None);
        Assert.Empty(nobody!.Products);
    }

    [Fact]
    public async Task Run_ProductWithCampaignSignalsAndNoSales_IsColdStartedAndShownOnItsPage()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await StoreAsync(db);
        await using (var c = await db.Factory.CreateDbContextAsync())
        {
            c.Campaigns.Add(new Campaign { Id = 1, Code = "L", Name = "Launch", AdChannelId = 3, StartUtc = T0, EndUtc = T0.AddDays(30), TargetAudience = "all" });
            var identities = await c.SourceIdentities.ToDictionaryAsync(i => i.CustomerId, i => i.Id);
            var n = 0;
            foreach (var customer in s.Customers.Take(5))
            {
                foreach (var type in new[] { TouchpointType.Impression, TouchpointType.Click, TouchpointType.Visit })
                {
                    c.Touchpoints.Add(new Touchpoint
                    {
                        SourceId = 1, EventId = "t" + ++n, CustomerId = customer, SourceIdentityId = identities[customer], Type = type,
                        OccurredAtUtc = T0.AddDays(20), DwellSeconds = type == TouchpointType.Visit ? 90 : null, CampaignId = 1, ProductId = s.Cold,
                    });
                }
            }
            await c.SaveChangesAsync();
        }

        var (_, result) = await RunAsync(db);
        var detail = await new RecommendationsService(db.Factory).ProductAsync("NEW", CancellationToken.None);

        var cold = Assert.Single(result.ColdStart);
        Assert.Equal(("NEW", 5, 5), (cold.Sku, cold.Reached, cold.Audience));
        Assert.Equal(5, cold.AudienceRank!.Ranked);
        Assert.NotNull(detail);
        Assert.True(detail.Product.IsCold);
        Assert.Equal((0, 5, 5), (detail.Product.Buyers, detail.Reached, detail.AudienceSize));
        Assert.Equal(2.6, detail.Audience[0].Score, 6); // impression 0.1 + click 1 + visit 1 + 1 × 90/180
        Assert.NotNull(detail.Cold);
    }

    [Fact]
    public async Task ExportEndpoint_AudienceMembers_GetTheirListsAsCsv()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await StoreAsync(db);
        await RunAsync(db);
        long audienceId, snapshotId;
        await using (var c = await db.Factory.CreateDbContextAsync())
        {
            var audience = new Audience { Name = "Two", CreatedUtc = T0 };
            c.Audiences.Add(audience);
            await c.SaveChangesAsync();
            var snapshot = new AudienceSnapshot { AudienceId = audience.Id, TakenUtc = T0, PeriodEnd = DateOnly.FromDateTime(T0), Customers = 2 };
            c.AudienceSnapshots.Add(snapshot);
            await c.SaveChangesAsync();
            c.AudienceMembers.AddRange(new AudienceMember { AudienceSnapshotId = snapshot.Id, CustomerId = s.Customers[0] }, new AudienceMember { AudienceSnapshotId = snapshot.Id, CustomerId = s.Customers[1] });
            await c.SaveChangesAsync();
            (audienceId, snapshotId) = (audience.Id, snapshot.Id);
        }
        await using var app = new StoreAppFactory(db);
        using var client = await TestUsers.SignedInClientAsync(app, Dashboard.Security.Roles.BrandManager);

        var csv = await client.GetStringAsync($"/audiences/{audienceId}/recommendations.csv?snapshot={snapshotId}");
        var missing = await client.GetAsync("/audiences/999/recommendations.csv");

        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("customer_id,rank,sku", lines[0]);
        Assert.Equal(["customer_id,rank,sku", $"{s.Customers[0]},1,B", $"{s.Customers[0]},2,C"], lines);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
        var audit = await app.Services.GetRequiredService<Dashboard.Security.AuditLog>()
            .RecentAsync(Dashboard.Security.AuditActions.ExportRecommendations, 10, CancellationToken.None);
        var entry = Assert.Single(audit);
        Assert.Equal(TestUsers.Email(Dashboard.Security.Roles.BrandManager), entry.User);
        Assert.StartsWith($"audience {audienceId} snapshot {snapshotId}", entry.Target, StringComparison.Ordinal);
    }

    /// <summary>The app on a prepared test store (no demo seeding).</summary>
    private sealed class StoreAppFactory(TestDatabase db) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            foreach (var (key, value) in db.Settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }

    private sealed record Store(long[] Customers, int Cold);

    /// <summary>
    /// Products A (makeup), B (makeup), C (serum) and NEW (serum, never sold). Customer 0 bought A; customers 1–5 bought
    /// A and B together, then C in a second order.
    /// </summary>
    private static async Task<Store> StoreAsync(TestDatabase db)
    {
        await using var c = await db.Factory.CreateDbContextAsync();
        var a = new Product { Sku = "A", Name = "Lipstick A", Category = "makeup", Price = 100 };
        var b = new Product { Sku = "B", Name = "Lipstick B", Category = "makeup", Price = 100 };
        var s = new Product { Sku = "C", Name = "Serum C", Category = "serum", Price = 100 };
        var cold = new Product { Sku = "NEW", Name = "New serum", Category = "serum", Price = 100 };
        c.Products.AddRange(a, b, s, cold);
        var customers = Enumerable.Range(0, 6).Select(_ => new Customer { FirstSeenUtc = T0 }).ToList();
        c.Customers.AddRange(customers);
        await c.SaveChangesAsync();
        var n = 0;
        foreach (var customer in customers)
        {
            var identity = new SourceIdentity { SourceId = 1, ExternalId = "x" + customer.Id, CustomerId = customer.Id, FirstSeenUtc = T0 };
            c.SourceIdentities.Add(identity);
            await c.SaveChangesAsync();
            var first = customer == customers[0] ? new[] { a } : [a, b];
            c.Orders.Add(Order(customer.Id, identity.Id, "o" + ++n, T0.AddDays(n), first));
            if (customer != customers[0])
            {
                c.Orders.Add(Order(customer.Id, identity.Id, "o" + ++n, T0.AddDays(40 + n), [s]));
            }
        }
        await c.SaveChangesAsync();
        return new Store([.. customers.Select(x => x.Id)], cold.Id);
    }

    private static Order Order(long customer, long identity, string no, DateTime at, Product[] products) => new()
    {
        SourceId = 1, OrderNo = no, CustomerId = customer, SourceIdentityId = identity, PlacedAtUtc = at, Total = 100 * products.Length, LineCount = products.Length,
        Lines = [.. products.Select((p, i) => new OrderLine { LineNo = i + 1, ProductId = p.Id, Quantity = 1, UnitPrice = 100, Amount = 100 })],
    };

    private static async Task<(long RunId, RecommendationRunResult Result)> RunAsync(TestDatabase db)
    {
        long runId;
        await using (var c = await db.Factory.CreateDbContextAsync())
        {
            var run = new ModelRun { Kind = RecommendationsJob.JobKind, Status = JobQueue.Running, RequestedUtc = DateTime.UtcNow };
            c.ModelRuns.Add(run);
            await c.SaveChangesAsync();
            runId = run.Id;
        }
        var json = await new RecommendationsJob(db.Factory, NullLogger<RecommendationsJob>.Instance)
            .RunAsync(new ModelJobContext(runId, """{"coldMaxBuyers":0,"coldMinAudience":3}""", new Progress<JobProgress>()), CancellationToken.None);
        await using (var c = await db.Factory.CreateDbContextAsync())
        {
            await c.ModelRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(x => x.SetProperty(r => r.Status, JobQueue.Succeeded).SetProperty(r => r.ResultJson, json));
        }
        return (runId, RecommendationsJob.ParseResult(json)!);
    }
}
