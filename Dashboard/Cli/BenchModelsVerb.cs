using System.Diagnostics;
using System.Globalization;
using Dashboard.Data;
using Dashboard.Features.Lifetime;
using Dashboard.Features.Segments;
using Dashboard.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Cli;

/// <summary>
/// `bench models`: the model runs the app does on the configured store, in a worker host of this process, timed.
/// On a freshly seeded store that is what a first start queues (lifetime with its SQL purchase summaries, segments
/// for every month end, budget curves); otherwise a lifetime run, then the segments run it triggers for VAP. Reports
/// each run's time from its run row, the progress reports seen (the stages a page shows) and the process's peak memory.
/// </summary>
public sealed class BenchModelsVerb : ICliVerb
{
    public string Name => "bench models";

    public string Usage => "bench models [--json]   (the configured store, seeded with seed-demo; runs and times what the app would run)";

    public async Task<int> RunAsync(CliContext context)
    {
        var json = context.Json;
        using var host = JobHost.Build(context, 200, LogLevel.Warning);
        var factory = host.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await host.Services.GetRequiredService<DatabaseInitializer>().MigrateAsync(context.Cancellation);
        long before;
        await using (var db = await factory.CreateDbContextAsync(context.Cancellation))
        {
            if (!await db.Orders.AnyAsync(context.Cancellation))
            {
                throw new CliInputException("The store has no orders: seed it first (seed-demo --customers N).");
            }
            before = await db.ModelRuns.MaxAsync(r => (long?)r.Id, context.Cancellation) ?? 0;
        }

        var queue = host.Services.GetRequiredService<JobQueue>();
        var watch = Stopwatch.StartNew();
        var progress = new List<ProgressReport>();
        queue.Changed += status =>
        {
            lock (progress)
            {
                if (progress.LastOrDefault(p => p.RunId == status.RunId) is not { } last || last.Stage != status.Stage)
                {
                    progress.Add(new ProgressReport(status.RunId, status.Kind, status.Stage, Math.Round(status.Fraction, 3), Math.Round(watch.Elapsed.TotalSeconds, 1)));
                    if (!json)
                    {
                        context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"  {watch.Elapsed.TotalSeconds,6:F1} s  #{status.RunId} {status.Kind,-14} {status.Fraction,4:P0}  {status.Stage}"));
                    }
                }
            }
        };
        using var memory = new PeakMemorySampler();
        await host.StartAsync(context.Cancellation);
        try
        {
            // A fresh store gets its first-start runs from the startup services; otherwise ask for a lifetime run.
            await Task.Delay(TimeSpan.FromSeconds(2), context.Cancellation);
            if ((await RunsSinceAsync(factory, before, context.Cancellation)).Count == 0)
            {
                await queue.EnqueueAsync(LifetimeJob.KindName, LifetimeStartupRun.Defaults.ToJson(), context.Cancellation);
            }
            while (!Done(await RunsSinceAsync(factory, before, context.Cancellation)))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), context.Cancellation);
            }
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
        var runs = await RunsSinceAsync(factory, before, context.Cancellation);
        var report = new BenchModelsReport(
            runs.Select(r => new BenchModelRun(r.Id, r.Kind, r.Status, r.Seconds, r.Error)).ToList(),
            Math.Round(watch.Elapsed.TotalSeconds, 1),
            Math.Round(runs.Where(r => r.Kind is LifetimeJob.KindName or SegmentsJob.JobKind).Sum(r => r.Seconds), 1),
            Math.Round(PeakMemorySampler.PeakWorkingSetMb),
            Math.Round(memory.PeakManagedMb),
            progress);
        if (json)
        {
            await context.WriteJsonAsync(report);
        }
        else
        {
            foreach (var run in report.Runs)
            {
                await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"#{run.Id} {run.Kind,-14} {run.Status,-10} {run.Seconds,7:F1} s{(run.Error is null ? "" : "  " + run.Error)}"));
            }
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"lifetime + segments {report.LifetimeAndSegmentsSeconds:F1} s, all runs {report.ElapsedSeconds:F1} s; " +
                $"peak working set {report.PeakWorkingSetMb:F0} MB, peak managed heap {report.PeakManagedMb:F0} MB; {report.Progress.Count} progress stages reported"));
        }
        return report.Runs.All(r => r.Status == JobQueue.Succeeded) ? 0 : 1;
    }

    /// <summary>Finished when nothing is queued or running, and a lifetime run that succeeded was followed by a finished segments run.</summary>
    private static bool Done(IReadOnlyList<RunRow> runs)
    {
        if (runs.Count == 0 || runs.Any(r => r.Status is JobQueue.Queued or JobQueue.Running))
        {
            return false;
        }
        var lifetime = runs.LastOrDefault(r => r.Kind == LifetimeJob.KindName);
        return lifetime is null || lifetime.Status != JobQueue.Succeeded || runs.Any(r => r.Kind == SegmentsJob.JobKind && r.Id > lifetime.Id);
    }

    private static async Task<IReadOnlyList<RunRow>> RunsSinceAsync(IDbContextFactory<DashboardDbContext> factory, long after, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.ModelRuns.AsNoTracking().Where(r => r.Id > after).OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.Kind, r.Status, r.StartedUtc, r.FinishedUtc, r.Error }).ToListAsync(ct);
        return rows.Select(r => new RunRow(r.Id, r.Kind, r.Status,
            r.StartedUtc is { } s && r.FinishedUtc is { } f ? Math.Round((f - s).TotalSeconds, 1) : 0, r.Error)).ToList();
    }

    private sealed record RunRow(long Id, string Kind, string Status, double Seconds, string? Error);
}

/// <summary>
/// The process's peaks: the working set as the OS tracks it, and the managed heap, which nothing tracks, sampled every
/// 100 ms.
/// </summary>
internal sealed class PeakMemorySampler : IDisposable
{
    private readonly Timer _timer;
    private long _peakManaged;

    public PeakMemorySampler() => _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));

    public static double PeakWorkingSetMb
    {
        get
        {
            using var process = Process.GetCurrentProcess();
            return process.PeakWorkingSet64 / 1048576.0;
        }
    }

    public double PeakManagedMb
    {
        get
        {
            Sample();
            return Interlocked.Read(ref _peakManaged) / 1048576.0;
        }
    }

    private void Sample()
    {
        var managed = GC.GetTotalMemory(false);
        var seen = Interlocked.Read(ref _peakManaged);
        while (managed > seen && Interlocked.CompareExchange(ref _peakManaged, managed, seen) != seen)
        {
            seen = Interlocked.Read(ref _peakManaged);
        }
    }

    public void Dispose() => _timer.Dispose();
}

/// <summary>Output of bench models.</summary>
public sealed record BenchModelsReport(
    IReadOnlyList<BenchModelRun> Runs,
    double ElapsedSeconds,
    double LifetimeAndSegmentsSeconds,
    double PeakWorkingSetMb,
    double PeakManagedMb,
    IReadOnlyList<ProgressReport> Progress);

/// <summary>One model run of bench models: seconds from its start to its end, as its run row records them.</summary>
public sealed record BenchModelRun(long Id, string Kind, string Status, double Seconds, string? Error);

/// <summary>A progress stage reported while the runs went, and when (seconds since the bench started).</summary>
public sealed record ProgressReport(long RunId, string Kind, string Stage, double Fraction, double AtSeconds);
