using Dashboard.Data.Entities;
using Dashboard.Data.Seed;
using Dashboard.Features.Audiences;
using Dashboard.Features.Lookalike;
using Dashboard.Jobs;
using Dashboard.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Tests.Features.Lookalike;

public class LookalikeJobTests
{
    [Fact]
    public async Task Run_UploadedSeed_StoresTheTopFifthAndTheEvaluation_AndSaveFreezesTheChosenTopN()
    {
        await using var db = await TestDatabase.CreateAsync();
        await new DemoBrandSeeder(db.Factory).SeedAsync(new DemoBrandSettings(400, 7), null, CancellationToken.None);
        List<long> seed;
        int profiles;
        await using (var c = await db.Factory.CreateDbContextAsync())
        {
            seed = await c.Orders.GroupBy(o => o.CustomerId).Where(g => g.Count() >= 3).Select(g => g.Key).ToListAsync();
            profiles = await c.Customers.CountAsync();
        }
        var parameters = new LookalikeParameters { CustomerIds = [.. seed, 999_999], ListName = "repeat.csv" };

        var (runId, result) = await RunAsync(db, parameters);

        Assert.Equal(seed.Count + 1, result.SeedSize);
        Assert.Equal(seed.Count, result.SeedFound);
        Assert.Equal(1, result.SeedNotFound);
        Assert.Equal(profiles - seed.Count, result.Pool); // every profile (400 buyers + 80 prospects, as resolved) but the seed
        Assert.InRange(result.Evaluation.Auc, 0.6, 1);
        Assert.Equal(20, result.Curve.Count);
        Assert.NotNull(result.Truth);
        await using (var c = await db.Factory.CreateDbContextAsync())
        {
            var stored = await c.LookalikeCandidates.Where(x => x.ModelRunId == runId).OrderBy(x => x.Rank).ToListAsync();
            Assert.Equal(result.Curve[^1].Size, stored.Count);
            Assert.Equal(Enumerable.Range(1, stored.Count), stored.Select(s => s.Rank));
            Assert.True(stored.Zip(stored.Skip(1)).All(p => p.First.Score >= p.Second.Score), "ranked best first");
            Assert.DoesNotContain(stored, s => seed.Contains(s.CustomerId));
        }

        var service = new LookalikeService(db.Factory, new JobQueue(db.Factory, TimeProvider.System), TimeProvider.System, NullLogger<LookalikeService>.Instance);
        var saved = await service.SaveAsync(runId, 5, "Like repeat buyers", CancellationToken.None);
        var audiences = new AudiencesService(db.Factory, TimeProvider.System, NullLogger<AudiencesService>.Instance);
        var detail = await audiences.LoadAsync(saved.Id!.Value, CancellationToken.None);

        Assert.NotNull(detail);
        Assert.Equal(runId, detail.LookalikeRunId);
        var snapshot = Assert.Single(detail.Snapshots);
        Assert.Equal(result.Curve[4].Size, snapshot.Customers);
        Assert.Equal(snapshot.Customers, detail.Now.Customers);
        Assert.Null(await audiences.FreezeAsync(saved.Id.Value, CancellationToken.None)); // nothing to re-evaluate
        await using (var c = await db.Factory.CreateDbContextAsync())
        {
            var members = await (await AudiencesService.MembersAsync(c, saved.Id.Value, null, CancellationToken.None))!.OrderBy(x => x).ToListAsync();
            var top = await c.LookalikeCandidates.Where(x => x.ModelRunId == runId && x.Rank <= snapshot.Customers).Select(x => x.CustomerId).OrderBy(x => x).ToListAsync();
            Assert.Equal(top, members);
        }
        var view = await service.LoadAsync(LookalikeQuery.Default with { RunId = runId }, CancellationToken.None);
        Assert.Equal("repeat.csv", view!.Parameters.ListName);
        Assert.Equal(SaveAudienceResult.NameTaken, (await service.SaveAsync(runId, 5, "Like repeat buyers", CancellationToken.None)).Error);
        Assert.Equal(LookalikeService.NoRun, (await service.SaveAsync(runId + 100, 5, "Other", CancellationToken.None)).Error);
    }

    [Fact]
    public async Task Run_FilterSeedWithoutSegmentSnapshot_FailsWithAMessage()
    {
        await using var db = await TestDatabase.CreateAsync();
        var parameters = LookalikeParameters.FromFilter(new Dashboard.Features.Segments.CustomerSegmentFilter(Segment: Dashboard.Domain.Segmentation.RfmSegment.Champions), true);

        var error = await Assert.ThrowsAsync<ModelJobException>(() => RunAsync(db, parameters));

        Assert.Contains("segments model", error.Message);
    }

    internal static async Task<(long RunId, LookalikeRunResult Result)> RunAsync(TestDatabase db, LookalikeParameters parameters)
    {
        long runId;
        await using (var c = await db.Factory.CreateDbContextAsync())
        {
            var run = new ModelRun { Kind = LookalikeJob.JobKind, Status = JobQueue.Succeeded, RequestedUtc = DateTime.UtcNow, ParametersJson = parameters.ToJson() };
            c.ModelRuns.Add(run);
            await c.SaveChangesAsync();
            runId = run.Id;
        }
        var job = new LookalikeJob(db.Factory, NullLogger<LookalikeJob>.Instance);
        var json = await job.RunAsync(new ModelJobContext(runId, parameters.ToJson(), new Progress<JobProgress>()), CancellationToken.None);
        await using (var c = await db.Factory.CreateDbContextAsync())
        {
            await c.ModelRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.ResultJson, json));
        }
        return (runId, LookalikeJob.ParseResult(json)!);
    }
}
