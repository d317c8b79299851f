using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Features.Overview;
using Dashboard.Jobs;
using Dashboard.Navigation;
using Dashboard.Shared;
using Dashboard.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Tests.Data;

/// <summary>Views computed once per state of the store: what changes the stamp, what the cache shares and forgets.</summary>
public sealed class ViewCacheTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await OrderRows.InsertAsync(_db, [(1, new DateTime(2026, 3, 1), 100), (2, new DateTime(2026, 3, 2), 50)]);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task SameStoreState_ComputesOnce_AndAnOrderAddedComputesAgain()
    {
        var cache = new ViewCache(_db.Factory);
        var computed = 0;
        Task<int> Compute(CancellationToken _) => Task.FromResult(Interlocked.Increment(ref computed));

        Assert.Equal(1, await cache.GetAsync("v", Compute, CancellationToken.None));
        Assert.Equal(1, await cache.GetAsync("v", Compute, CancellationToken.None));
        await OrderRows.InsertAsync(_db, [(1, new DateTime(2026, 4, 1), 10)]);

        Assert.Equal(2, await cache.GetAsync("v", Compute, CancellationToken.None));
        Assert.Equal(3, await cache.GetAsync("other key", Compute, CancellationToken.None));
    }

    [Fact]
    public async Task Stamp_MovesWithImportsModelRunsAndMerges()
    {
        async Task<string> Stamp()
        {
            await using var db = await _db.Factory.CreateDbContextAsync();
            return await StoreStamp.ReadAsync(db, CancellationToken.None);
        }
        var stamps = new List<string> { await Stamp() };
        await using (var db = await _db.Factory.CreateDbContextAsync())
        {
            var import = new ImportRun { Kind = "orders", FileName = "o.csv", StartedUtc = DateTime.UtcNow, Status = "running" };
            db.ImportRuns.Add(import);
            await db.SaveChangesAsync();
            stamps.Add(await Stamp());
            import.FinishedUtc = DateTime.UtcNow;
            import.Status = "succeeded";
            await db.SaveChangesAsync();
            stamps.Add(await Stamp());
            var run = new ModelRun { Kind = "lifetime", Status = JobQueue.Queued, RequestedUtc = DateTime.UtcNow };
            db.ModelRuns.Add(run);
            await db.SaveChangesAsync();
            stamps.Add(await Stamp());
            run.Status = JobQueue.Succeeded;
            run.FinishedUtc = DateTime.UtcNow;
            await db.SaveChangesAsync();
            stamps.Add(await Stamp());
            db.CustomerMerges.Add(new CustomerMerge { AbsorbedCustomerId = 2, SurvivorCustomerId = 1, MergedUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
            stamps.Add(await Stamp());
        }

        Assert.Equal(stamps.Count, stamps.Distinct().Count());
        Assert.Equal(stamps[^1], await Stamp());
    }

    [Fact]
    public async Task ConcurrentRequests_ShareOneComputation()
    {
        var cache = new ViewCache(_db.Factory);
        var computed = 0;
        var release = new TaskCompletionSource();
        async Task<int> Compute(CancellationToken _)
        {
            Interlocked.Increment(ref computed);
            await release.Task;
            return 42;
        }

        var requests = Enumerable.Range(0, 20).Select(_ => cache.GetAsync("slow", Compute, CancellationToken.None)).ToList();
        await Task.Delay(200);
        release.SetResult();

        Assert.All(await Task.WhenAll(requests), v => Assert.Equal(42, v));
        Assert.Equal(1, computed);
    }

    [Fact]
    public async Task AFailedComputation_IsSeenOnce_ThenComputedAgain()
    {
        var cache = new ViewCache(_db.Factory);
        var calls = 0;
        Task<int> Compute(CancellationToken _) =>
            Interlocked.Increment(ref calls) == 1 ? throw new InvalidOperationException("store busy") : Task.FromResult(7);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetAsync("flaky", Compute, CancellationToken.None));

        Assert.Equal("store busy", ex.Message);
        Assert.Equal(7, await cache.GetAsync("flaky", Compute, CancellationToken.None));
    }

    [Fact]
    public async Task ARequestGivingUp_DoesNotCancelTheComputationOthersWaitFor()
    {
        var cache = new ViewCache(_db.Factory);
        var release = new TaskCompletionSource();
        async Task<int> Compute(CancellationToken _)
        {
            await release.Task;
            return 5;
        }
        using var leaving = new CancellationTokenSource();

        var first = cache.GetAsync("shared", Compute, leaving.Token);
        var second = cache.GetAsync("shared", Compute, CancellationToken.None);
        await leaving.CancelAsync();
        release.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.Equal(5, await second);
    }

    [Fact]
    public async Task Overview_ThroughTheCache_ShowsAnOrderImportedAfterTheFirstLoad()
    {
        var service = new OverviewService(_db.Factory, NullLogger<OverviewService>.Instance, new ViewCache(_db.Factory));
        var range = new DayRange(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
        var before = await service.LoadAsync(range, CancellationToken.None);

        await OrderRows.InsertAsync(_db, [(3, new DateTime(2026, 5, 1), 30)]);
        var after = await service.LoadAsync(range, CancellationToken.None);

        Assert.Equal(2, before.Kpis.Orders);
        Assert.Equal(3, after.Kpis.Orders);
        Assert.Equal(before.Kpis.Revenue + 30, after.Kpis.Revenue, 6);
    }

    private sealed record SampleView(string Name, IReadOnlyList<double> Values, IReadOnlyDictionary<string, int> Counts, DateOnly Day, double Missing);

    private static SampleView Sample(string name) =>
        new(name, [1.5, 2.25], new Dictionary<string, int> { ["Top 1%"] = 3 }, new DateOnly(2026, 3, 2), double.NaN);

    private static Task<T> NotComputed<T>(CancellationToken _) => throw new InvalidOperationException("computed again");

    private async Task<int> StoredRowsAsync()
    {
        await using var db = await _db.Factory.CreateDbContextAsync();
        return await db.StoredViews.CountAsync();
    }

    [Fact]
    public async Task AComputedView_IsStored_AndAnInstanceStartingOnTheSameStoreReadsItInsteadOfComputing()
    {
        var first = new ViewCache(_db.Factory);
        await first.GetAsync("pyramid", _ => Task.FromResult(Sample("pyramid")), CancellationToken.None);
        await first.FlushAsync();

        var restarted = new ViewCache(_db.Factory);
        var read = await restarted.GetAsync<SampleView>("pyramid", NotComputed<SampleView>, CancellationToken.None);

        Assert.Equal("pyramid", read.Name);
        Assert.Equal([1.5, 2.25], read.Values);
        Assert.Equal(3, read.Counts["Top 1%"]);
        Assert.Equal(new DateOnly(2026, 3, 2), read.Day);
        Assert.True(double.IsNaN(read.Missing));
        Assert.Equal((0, 1), (restarted.Computed, restarted.Loaded));
        Assert.Equal((1, 0), (first.Computed, first.Loaded));
    }

    [Fact]
    public async Task AStoredViewOfAnEarlierStoreState_IsNotRead_AndTheNextWriteRemovesIt()
    {
        var first = new ViewCache(_db.Factory);
        await first.GetAsync("v", _ => Task.FromResult(Sample("before")), CancellationToken.None);
        await first.GetAsync("w", _ => Task.FromResult(Sample("other")), CancellationToken.None);
        await first.FlushAsync();
        Assert.Equal(2, await StoredRowsAsync());
        await OrderRows.InsertAsync(_db, [(1, new DateTime(2026, 4, 1), 10)]);

        var restarted = new ViewCache(_db.Factory);
        var read = await restarted.GetAsync("v", _ => Task.FromResult(Sample("after")), CancellationToken.None);
        await restarted.FlushAsync();

        Assert.Equal("after", read.Name);
        Assert.Equal((1, 0), (restarted.Computed, restarted.Loaded));
        Assert.Equal(1, await StoredRowsAsync());
        Assert.Equal("after", (await new ViewCache(_db.Factory).GetAsync<SampleView>("v", NotComputed<SampleView>, CancellationToken.None)).Name);
    }

    [Fact]
    public async Task AViewTheStoreMovedOnFromWhileItWasComputed_IsServedButNotStored()
    {
        var cache = new ViewCache(_db.Factory);
        var release = new TaskCompletionSource();
        async Task<SampleView> Compute(CancellationToken _)
        {
            await release.Task;
            return Sample("stale");
        }

        var request = cache.GetAsync("v", Compute, CancellationToken.None);
        await OrderRows.InsertAsync(_db, [(2, new DateTime(2026, 4, 2), 20)]);
        release.SetResult();

        Assert.Equal("stale", (await request).Name);
        await cache.FlushAsync();
        Assert.Equal(0, await StoredRowsAsync());
    }

    [Fact]
    public async Task AStoredViewOfAnotherType_IsNotReadForThisOne()
    {
        var first = new ViewCache(_db.Factory);
        await first.GetAsync("v", _ => Task.FromResult(41), CancellationToken.None);
        await first.FlushAsync();

        var restarted = new ViewCache(_db.Factory);

        Assert.Equal("fresh", (await restarted.GetAsync("v", _ => Task.FromResult(Sample("fresh")), CancellationToken.None)).Name);
        Assert.Equal(41, await restarted.GetAsync<int>("v", NotComputed<int>, CancellationToken.None));
    }

    [Fact]
    public async Task AViewOfModelRunSnapshots_StaysThroughAnImport_AndIsComputedAgainAfterARun()
    {
        var cache = new ViewCache(_db.Factory);
        var computed = 0;
        Task<int> Compute(CancellationToken _) => Task.FromResult(Interlocked.Increment(ref computed));
        Task<int> Get() => cache.GetAsync("segments", Compute, CancellationToken.None, StampScope.ModelRuns);

        Assert.Equal(1, await Get());
        await OrderRows.InsertAsync(_db, [(1, new DateTime(2026, 4, 1), 10)]);
        Assert.Equal(1, await Get());
        await using (var db = await _db.Factory.CreateDbContextAsync())
        {
            db.ModelRuns.Add(new ModelRun { Kind = "segments", Status = JobQueue.Queued, RequestedUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        Assert.Equal(2, await Get());
    }

    [Fact]
    public async Task StoredViewsOfTheTwoScopes_DoNotRemoveEachOther()
    {
        var first = new ViewCache(_db.Factory);
        await first.GetAsync("segments", _ => Task.FromResult(Sample("runs")), CancellationToken.None, StampScope.ModelRuns);
        await first.GetAsync("overview", _ => Task.FromResult(Sample("store")), CancellationToken.None);
        await first.FlushAsync();
        await OrderRows.InsertAsync(_db, [(2, new DateTime(2026, 4, 3), 10)]);
        await first.GetAsync("overview", _ => Task.FromResult(Sample("store after the import")), CancellationToken.None);
        await first.FlushAsync();

        var restarted = new ViewCache(_db.Factory);

        Assert.Equal("runs", (await restarted.GetAsync<SampleView>("segments", NotComputed<SampleView>, CancellationToken.None, StampScope.ModelRuns)).Name);
        Assert.Equal("store after the import", (await restarted.GetAsync<SampleView>("overview", NotComputed<SampleView>, CancellationToken.None)).Name);
        Assert.Equal(2, await StoredRowsAsync());
    }
}
