using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Data;
using Dashboard.Features.Campaigns;
using Dashboard.Features.Recommendations;
using Dashboard.Jobs;
using Dashboard.Shared;
using Dashboard.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Tests.Integration;

/// <summary>The app on the demo brand without its background warmer, so only the test computes views.</summary>
public sealed class UnwarmedDashboardAppFactory : DashboardAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            foreach (var warmer in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(ViewWarmer)).ToList())
            {
                services.Remove(warmer);
            }
        });
    }
}

/// <summary>Every page's default view, stored by the instance that computed it, reads back as the same view.</summary>
public sealed class StoredViewsTests(UnwarmedDashboardAppFactory factory) : IClassFixture<UnwarmedDashboardAppFactory>
{
    private static readonly JsonSerializerOptions Json = new()
    {
        IncludeFields = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, WriteIndented = true,
    };

    [Fact]
    public async Task EveryDefaultView_ReadFromTheStore_IsTheViewThatWasComputed()
    {
        await WaitForStartupRunsAsync();
        var cache = factory.Services.GetRequiredService<ViewCache>();
        // The pages' default views, and the two views of one item (a campaign, a product) no warmup computes.
        var warmups = factory.Services.GetServices<ViewWarmup>().Concat(
        [
            new ViewWarmup("campaign", async (sp, ct) =>
                await sp.GetRequiredService<CampaignsService>().LoadAsync(await FirstAsync(sp, db => db.Campaigns.OrderBy(c => c.Id).Select(c => c.Id), ct), new CampaignQuery(), ct)),
            new ViewWarmup("product", async (sp, ct) =>
                await sp.GetRequiredService<RecommendationsService>().ProductAsync(await FirstAsync(sp, db => db.Products.OrderBy(p => p.Id).Select(p => p.Sku), ct), ct)),
        ]).ToList();
        var computed = new Dictionary<string, string>();
        var computedBefore = cache.Computed;
        foreach (var warmup in warmups)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            computed[warmup.Name] = JsonSerializer.Serialize(await warmup.Warm(scope.ServiceProvider, CancellationToken.None), Json);
        }
        var views = cache.Computed - computedBefore;
        await cache.FlushAsync();
        cache.Clear();
        var loadedBefore = cache.Loaded;

        foreach (var warmup in warmups)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var read = JsonSerializer.Serialize(await warmup.Warm(scope.ServiceProvider, CancellationToken.None), Json);
            Assert.True(computed[warmup.Name] == read, $"the {warmup.Name} view read from the store differs from the one computed:\n{read}");
        }

        Assert.Equal(warmups.Count, views);
        Assert.Equal(computedBefore + views, cache.Computed);
        Assert.Equal(loadedBefore + views, cache.Loaded);
    }

    private static async Task<T> FirstAsync<T>(IServiceProvider services, Func<DashboardDbContext, IQueryable<T>> query, CancellationToken ct)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(ct);
        return await query(db).FirstAsync(ct);
    }

    // The first start queues the model runs the pages read (curves, segments, lifetime); views need them finished.
    private async Task WaitForStartupRunsAsync()
    {
        var dbFactory = factory.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            await using (var db = await dbFactory.CreateDbContextAsync())
            {
                var runs = await db.ModelRuns.Select(r => new { r.Kind, r.Status }).ToListAsync();
                if (runs.Any(r => r.Kind == "segments" && r.Status == JobQueue.Succeeded) && runs.Any(r => r.Kind == "lifetime" && r.Status == JobQueue.Succeeded)
                    && runs.All(r => r.Status != JobQueue.Queued && r.Status != JobQueue.Running))
                {
                    return;
                }
                Assert.True(DateTime.UtcNow < deadline, "the start-up model runs did not finish in 5 minutes: " + string.Join(", ", runs.Select(r => $"{r.Kind} {r.Status}")));
            }
            await Task.Delay(500);
        }
    }
}
