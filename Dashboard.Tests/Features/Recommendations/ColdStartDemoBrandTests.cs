using Dashboard.Data.Entities;
using Dashboard.Data.Seed;
using Dashboard.Features.Recommendations;
using Dashboard.Jobs;
using Dashboard.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Tests.Features.Recommendations;

/// <summary>
/// The demo brand's launch serum SR-101 has campaign touchpoints (DY-LAUNCH-2026) and no orders: after a
/// recommendations run it must be in the stored top 10 of most customers who engaged with its campaign, and of its
/// expanded similar audience, and its product page must show the audience its signals found.
/// </summary>
public class ColdStartDemoBrandTests
{
    [Fact]
    public async Task Run_DemoBrand_LaunchSerumIsInTheTopTenOfMostCustomersWhoEngagedWithItsCampaign()
    {
        await using var db = await TestDatabase.CreateAsync();
        await new DemoBrandSeeder(db.Factory).SeedAsync(new DemoBrandSettings(4000, 42), null, CancellationToken.None);

        var (runId, result) = await RunAsync(db);

        var cold = Assert.Single(result.ColdStart);
        Assert.Equal("SR-101", cold.Sku);
        await using var c = await db.Factory.CreateDbContextAsync();
        var launch = await c.Products.SingleAsync(p => p.Sku == "SR-101");
        Assert.False(await c.OrderLines.AnyAsync(l => l.ProductId == launch.Id)); // still no sales: a true cold start
        var engaged = await c.Touchpoints
            .Where(t => t.ProductId == launch.Id && t.CampaignId != null && t.Type != TouchpointType.Impression)
            .Select(t => t.CustomerId).Distinct().ToListAsync();
        var withIt = await c.CustomerRecommendations
            .Where(r => r.ModelRunId == runId && r.ProductId == launch.Id && engaged.Contains(r.CustomerId))
            .Select(r => r.CustomerId).Distinct().CountAsync();
        Assert.True(engaged.Count >= 20, $"only {engaged.Count} customers engaged with the launch campaign");
        Assert.True(withIt > engaged.Count / 2, $"SR-101 is in the top 10 of {withIt} of {engaged.Count} customers who engaged with its campaign");
        Assert.Equal(cold.Audience, engaged.Count);
        Assert.True(cold.AudienceRank!.ShareInTop10 > 0.5);
        Assert.True(cold.ExpandedRank!.ShareInTop10 > 0.5, "the exploration slot shows it to the similar audience");
        Assert.True(cold.ReachedRank.ShareInTop10 > cold.OthersRank.ShareInTop10);
        Assert.True(cold.Unblended!.Audience.ShareInTop10 < 0.5, "without the blend it does not surface (the issue's starting point)");

        var detail = await new RecommendationsService(db.Factory).ProductAsync("SR-101", CancellationToken.None);
        Assert.Equal(engaged.Count, detail!.AudienceSize);
        Assert.Equal(engaged.Count, detail.Signals.Clicked);
        Assert.Equal(cold.Reached, detail.Signals.Exposed);
    }

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
            .RunAsync(new ModelJobContext(runId, null, new Progress<JobProgress>()), CancellationToken.None);
        await using (var c = await db.Factory.CreateDbContextAsync())
        {
            await c.ModelRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(x => x.SetProperty(r => r.Status, JobQueue.Succeeded).SetProperty(r => r.ResultJson, json));
        }
        return (runId, RecommendationsJob.ParseResult(json)!);
    }
}
