using Dashboard.Data.Entities;
using Dashboard.Domain.Lifetime;
using Dashboard.Features.Lifetime;
using Dashboard.Jobs;
using Dashboard.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Tests.Features.Lifetime;

/// <summary>
/// A store with 3,000 simulated customers (BG/NBD r=0.5, α=8, a=0.7, b=3 in weeks) who joined over 2024 and are
/// observed to 2025-06-30, and one finished "lifetime" run validated on the last 13 weeks.
/// </summary>
public sealed class LifetimeStoreFixture : IAsyncLifetime
{
    public static readonly LifetimeTruth Truth = new(new BgNbdParameters(0.5, 8, 0.7, 3), new GammaGammaParameters(6, 4, 150));
    public static readonly DateOnly DataEnd = new(2025, 6, 30);
    public const int Customers = 3_000;

    public TestDatabase Db { get; private set; } = null!;

    public long RunId { get; private set; }

    public LifetimeRunSummary Summary { get; private set; } = null!;

    public List<JobProgress> Progress { get; } = [];

    public async Task InitializeAsync()
    {
        Db = await TestDatabase.CreateAsync();
        var cohort = LifetimeSimulator.SimulateCohort(Truth, Customers, new(2024, 1, 1), new(2024, 12, 31), DataEnd, PeriodUnit.Weeks, seed: 21);
        await OrderRows.InsertAsync(Db, cohort.SelectMany(c => c.Purchases.Select(p =>
            ((long)c.Index + 1, p.Date.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc), Math.Round(p.Amount, 2)))));
        (RunId, Summary) = await RunAsync(new LifetimeRunParameters(HoldoutWeeks: 13), Progress);
    }

    public async Task<(long RunId, LifetimeRunSummary Summary)> RunAsync(LifetimeRunParameters parameters, List<JobProgress>? progress = null)
    {
        await using var db = await Db.Factory.CreateDbContextAsync();
        var run = new ModelRun { Kind = LifetimeJob.KindName, Status = JobQueue.Running, ParametersJson = parameters.ToJson() };
        db.ModelRuns.Add(run);
        await db.SaveChangesAsync();
        var job = new LifetimeJob(Db.Factory, NullLogger<LifetimeJob>.Instance);
        var json = await job.RunAsync(new ModelJobContext(run.Id, run.ParametersJson, new ListProgress(progress ?? [])), CancellationToken.None);
        run.Status = JobQueue.Succeeded;
        run.ResultJson = json;
        run.FinishedUtc = DateTime.UtcNow;
        await db.SaveChangesAsync();
        return (run.Id, LifetimeRunSummary.Parse(json!));
    }

    public LifetimeService Service() => new(Db.Factory, NullLogger<LifetimeService>.Instance);

    public async Task DisposeAsync() => await Db.DisposeAsync();

    private sealed class ListProgress(List<JobProgress> list) : IProgress<JobProgress>
    {
        public void Report(JobProgress value) => list.Add(value);
    }
}
