using Dashboard.Jobs;
using Dashboard.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Jobs;

public class JobWorkerTests
{
    private sealed class FakeJob(string kind, Func<ModelJobContext, Task<string?>> body) : IModelJob
    {
        public string Kind => kind;

        public Task<string?> RunAsync(ModelJobContext context, CancellationToken ct) => body(context);
    }

    private static async Task<Dashboard.Data.Entities.ModelRun> RunOneAsync(TestDatabase db, string kind, params IModelJob[] jobs)
    {
        var queue = new JobQueue(db.Factory, TimeProvider.System);
        var finished = new TaskCompletionSource<JobStatus>(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.Changed += s => { if (!s.IsActive) { finished.TrySetResult(s); } };
        using var worker = new JobWorker(queue, jobs, db.Factory, TimeProvider.System, Options.Create(new JobsOptions()), NullLogger<JobWorker>.Instance);
        await worker.StartAsync(CancellationToken.None);

        var id = await queue.EnqueueAsync(kind, """{"horizon":12}""");
        await finished.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await worker.StopAsync(CancellationToken.None);

        await using var context = await db.Factory.CreateDbContextAsync();
        return await context.ModelRuns.SingleAsync(r => r.Id == id);
    }

    [Fact]
    public async Task Run_JobSucceeds_RecordsResultAndTimes()
    {
        await using var db = await TestDatabase.CreateAsync();
        var job = new FakeJob("fit", ctx =>
        {
            ctx.Progress.Report(new JobProgress(0.5, "Halfway"));
            return Task.FromResult<string?>("{\"params\":" + ctx.ParametersJson + "}");
        });

        var run = await RunOneAsync(db, "fit", job);

        Assert.Equal(JobQueue.Succeeded, run.Status);
        Assert.Equal("""{"params":{"horizon":12}}""", run.ResultJson);
        Assert.NotNull(run.StartedUtc);
        Assert.True(run.FinishedUtc >= run.StartedUtc);
        Assert.Null(run.Error);
    }

    [Fact]
    public async Task Run_JobReportsUserError_RecordsFailureWithItsMessage()
    {
        await using var db = await TestDatabase.CreateAsync();
        var job = new FakeJob("fit", _ => throw new ModelJobException("No repeat buyers: the model cannot be fitted."));

        var run = await RunOneAsync(db, "fit", job);

        Assert.Equal(JobQueue.Failed, run.Status);
        Assert.Equal("No repeat buyers: the model cannot be fitted.", run.Error);
    }

    [Fact]
    public async Task Run_JobCrashes_RecordsFailureWithoutInternals()
    {
        await using var db = await TestDatabase.CreateAsync();
        var job = new FakeJob("fit", _ => throw new InvalidOperationException("secret stack detail"));

        var run = await RunOneAsync(db, "fit", job);

        Assert.Equal(JobQueue.Failed, run.Status);
        Assert.DoesNotContain("secret", run.Error);
        Assert.Contains("server log", run.Error);
    }

    [Fact]
    public async Task Run_UnknownKind_RecordsFailure()
    {
        await using var db = await TestDatabase.CreateAsync();

        var run = await RunOneAsync(db, "nobody");

        Assert.Equal(JobQueue.Failed, run.Status);
        Assert.Contains("nobody", run.Error);
    }
}
