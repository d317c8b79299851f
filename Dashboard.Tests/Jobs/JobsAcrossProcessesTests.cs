using System.Collections.Concurrent;
using Dashboard.Data.Entities;
using Dashboard.Jobs;
using Dashboard.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Jobs;

/// <summary>
/// The store is the queue: runs queued by one app instance are claimed by any worker sharing the store, each exactly
/// once, and every instance sees their progress. Each JobQueue here stands for one process.
/// </summary>
public class JobsAcrossProcessesTests
{
    private static readonly JobsOptions Fast = new() { PollMilliseconds = 50, StaleAfterSeconds = 60 };

    private sealed class FakeJob(string kind, Func<ModelJobContext, CancellationToken, Task<string?>> body) : IModelJob
    {
        public string Kind => kind;

        public Task<string?> RunAsync(ModelJobContext context, CancellationToken ct) => body(context, ct);
    }

    private static JobWorker Worker(TestDatabase db, JobQueue queue, IModelJob job, JobsOptions? options = null) =>
        new(queue, [job], db.Factory, TimeProvider.System, Options.Create(options ?? Fast), NullLogger<JobWorker>.Instance);

    private static async Task<ModelRun> RunAsync(TestDatabase db, long id)
    {
        await using var context = await db.Factory.CreateDbContextAsync();
        return await context.ModelRuns.AsNoTracking().SingleAsync(r => r.Id == id);
    }

    private static async Task UntilAsync(Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the model runs");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Claim_TwoWorkersShareAQueue_EachRunExecutesExactlyOnce()
    {
        await using var db = await TestDatabase.CreateAsync();
        var executions = new ConcurrentDictionary<long, int>();
        // The first run to start holds its worker until a second run has started: only the other worker can start it.
        var secondStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var job = new FakeJob("fit", async (ctx, ct) =>
        {
            executions.AddOrUpdate(ctx.RunId, 1, (_, n) => n + 1);
            if (executions.Count == 1)
            {
                await secondStarted.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
            }
            else
            {
                secondStarted.TrySetResult();
            }
            return null;
        });
        var app = new JobQueue(db.Factory, TimeProvider.System);
        var ids = new List<long>();
        for (var i = 0; i < 30; i++)
        {
            ids.Add(await app.EnqueueAsync("fit"));
        }
        var (queueA, queueB) = (new JobQueue(db.Factory, TimeProvider.System), new JobQueue(db.Factory, TimeProvider.System));
        using var workerA = Worker(db, queueA, job);
        using var workerB = Worker(db, queueB, job);

        await workerA.StartAsync(CancellationToken.None);
        await workerB.StartAsync(CancellationToken.None);
        await UntilAsync(async () => (await RunAsync(db, ids[^1])).Status == JobQueue.Succeeded && executions.Count == ids.Count);
        await workerA.StopAsync(CancellationToken.None);
        await workerB.StopAsync(CancellationToken.None);

        Assert.All(ids, id => Assert.Equal(1, executions.GetValueOrDefault(id)));
        await using var context = await db.Factory.CreateDbContextAsync();
        var runs = await context.ModelRuns.AsNoTracking().ToListAsync();
        Assert.All(runs, r => Assert.Equal(JobQueue.Succeeded, r.Status));
        Assert.Equal(2, runs.Select(r => r.Worker).Distinct().Count());
    }

    [Fact]
    public async Task Refresh_RunExecutedByAnotherProcess_PublishesItsProgressAndEnd()
    {
        await using var db = await TestDatabase.CreateAsync();
        var halfway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var proceed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var job = new FakeJob("fit", async (ctx, ct) =>
        {
            ctx.Progress.Report(new JobProgress(0.5, "Fitting"));
            halfway.TrySetResult();
            await proceed.Task.WaitAsync(ct);
            return """{"ok":true}""";
        });
        var app = new JobQueue(db.Factory, TimeProvider.System);
        var seen = new ConcurrentQueue<JobStatus>();
        app.Changed += seen.Enqueue;
        using var worker = Worker(db, new JobQueue(db.Factory, TimeProvider.System), job);
        await worker.StartAsync(CancellationToken.None);

        var id = await app.EnqueueAsync("fit");
        await halfway.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await UntilAsync(async () => { await app.RefreshAsync(CancellationToken.None); return app.Status(id)?.Stage == "Fitting"; });
        proceed.SetResult();
        await UntilAsync(async () => { await app.RefreshAsync(CancellationToken.None); return app.Status(id) is { IsActive: false }; });
        await worker.StopAsync(CancellationToken.None);

        Assert.Equal([JobQueue.Queued, JobQueue.Running, JobQueue.Succeeded], seen.Select(s => s.Status).Distinct());
        Assert.Equal(0.5, seen.First(s => s.Stage == "Fitting").Fraction);
        Assert.Equal(1, app.Status(id)!.Fraction);
        Assert.Null(app.Active("fit"));
    }

    [Fact]
    public async Task Sweep_RunWhoseProcessStoppedBeating_IsRecordedAsInterrupted()
    {
        await using var db = await TestDatabase.CreateAsync();
        long staleId, liveId;
        await using (var context = await db.Factory.CreateDbContextAsync())
        {
            var stale = new ModelRun { Kind = "fit", Status = JobQueue.Running, Worker = "gone/1", HeartbeatUtc = DateTime.UtcNow.AddMinutes(-5) };
            var live = new ModelRun { Kind = "fit", Status = JobQueue.Running, Worker = "alive/2", HeartbeatUtc = DateTime.UtcNow };
            context.ModelRuns.AddRange(stale, live);
            await context.SaveChangesAsync();
            (staleId, liveId) = (stale.Id, live.Id);
        }
        using var worker = Worker(db, new JobQueue(db.Factory, TimeProvider.System), new FakeJob("fit", (_, _) => Task.FromResult<string?>(null)));

        await worker.StartAsync(CancellationToken.None);
        await UntilAsync(async () => (await RunAsync(db, staleId)).Status == JobQueue.Failed);
        await worker.StopAsync(CancellationToken.None);

        Assert.StartsWith("Interrupted", (await RunAsync(db, staleId)).Error, StringComparison.Ordinal);
        Assert.Equal(JobQueue.Running, (await RunAsync(db, liveId)).Status);
    }

    [Fact]
    public async Task Stop_WorkerStopsMidRun_HandsTheRunBackToTheQueue()
    {
        await using var db = await TestDatabase.CreateAsync();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var job = new FakeJob("fit", async (_, ct) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return null;
        });
        var queue = new JobQueue(db.Factory, TimeProvider.System);
        using var worker = Worker(db, queue, job);
        await worker.StartAsync(CancellationToken.None);

        var id = await queue.EnqueueAsync("fit");
        await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await worker.StopAsync(CancellationToken.None);

        var run = await RunAsync(db, id);
        Assert.Equal(JobQueue.Queued, run.Status);
        Assert.Null(run.Worker);
        Assert.Null(run.Error);
    }

    [Fact]
    public async Task WorkerVerb_RunQueuedByTheApp_IsClaimedAndRecorded()
    {
        await using var db = await TestDatabase.CreateAsync();
        var app = new JobQueue(db.Factory, TimeProvider.System);
        using var stop = new CancellationTokenSource();
        var worker = CliRunner.RunAsync(db.Settings, stop.Token, "worker", "--poll-ms", "50");

        // No job is registered for this kind, so the worker records the failure: proof that it claimed and ran it.
        var id = await app.EnqueueAsync("no-such-kind");
        await UntilAsync(async () => (await RunAsync(db, id)).Status != JobQueue.Queued && (await RunAsync(db, id)).FinishedUtc is not null);
        await stop.CancelAsync();
        var result = await worker.WaitAsync(TimeSpan.FromSeconds(60));

        var run = await RunAsync(db, id);
        Assert.Equal(JobQueue.Failed, run.Status);
        Assert.Contains("no-such-kind", run.Error, StringComparison.Ordinal);
        Assert.NotNull(run.Worker);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("waiting for model runs", result.Error, StringComparison.Ordinal);
    }
}
