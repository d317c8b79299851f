using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Features.Lifetime;
using Dashboard.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Cli;

/// <summary>
/// bench lifetime: times the full "lifetime" model run on the configured store (SQL summaries, fits, holdout,
/// scoring, snapshot writing) exactly as the background job does it, records it as a model run, and on the demo
/// brand scores the fitted parameters against the generating ones.
/// </summary>
public sealed class BenchLifetimeVerb : ICliVerb
{
    public string Name => "bench lifetime";

    public string Usage => "bench lifetime [--holdout-weeks N(26)] [--no-recovery] [--json]";

    public async Task<int> RunAsync(CliContext context)
    {
        var holdoutWeeks = context.Args.Int("holdout-weeks", 26, min: 0, max: 520);
        var recovery = !context.Args.Flag("no-recovery");
        var json = context.Json;
        var factory = context.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await context.Services.GetRequiredService<DatabaseInitializer>().MigrateAsync(context.Cancellation);
        var parameters = new LifetimeRunParameters(HoldoutWeeks: holdoutWeeks);
        var runId = await StartRunAsync(factory, parameters, context.Cancellation);
        var job = ActivatorUtilities.CreateInstance<LifetimeJob>(context.Services);
        var watch = Stopwatch.StartNew();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        LifetimeRunSummary summary;
        try
        {
            summary = await job.RunAsync(runId, parameters, new Progress<JobProgress>(), context.Cancellation);
        }
        catch (ModelJobException ex)
        {
            await FinishRunAsync(factory, runId, null, ex.Message);
            throw new CliInputException(ex.Message);
        }
        var seconds = watch.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        await FinishRunAsync(factory, runId, summary.ToJson(), null);
        var peakMegabytes = Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;
        var report = new BenchLifetimeReport(runId, summary.Customers, Math.Round(seconds, 3), Math.Round(cpuSeconds, 3), Math.Round(peakMegabytes),
            summary.Seconds, summary.DistinctCurves, summary.Bgnbd, summary.GammaGamma, summary.Holdout is { } h
                ? new BenchHoldout(h.Periods, h.Actual, h.Predicted, h.Naive, h.ModelMae, h.NaiveMae)
                : null,
            recovery ? await LifetimeRecovery.RunAsync(factory, context.Cancellation) : null);
        if (json)
        {
            await context.WriteJsonAsync(report);
        }
        else
        {
            await context.Out.WriteLineAsync(Describe(report));
        }
        return 0;
    }

    private static async Task<long> StartRunAsync(IDbContextFactory<DashboardDbContext> factory, LifetimeRunParameters parameters, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var run = new ModelRun
        {
            Kind = LifetimeJob.KindName,
            Status = JobQueue.Running,
            RequestedUtc = DateTime.UtcNow,
            StartedUtc = DateTime.UtcNow,
            ParametersJson = parameters.ToJson(),
        };
        db.ModelRuns.Add(run);
        await db.SaveChangesAsync(ct);
        return run.Id;
    }

    private static async Task FinishRunAsync(IDbContextFactory<DashboardDbContext> factory, long runId, string? result, string? error)
    {
        await using var db = await factory.CreateDbContextAsync();
        var run = await db.ModelRuns.SingleAsync(r => r.Id == runId);
        run.Status = error is null ? JobQueue.Succeeded : JobQueue.Failed;
        run.ResultJson = result;
        run.Error = error;
        run.FinishedUtc = DateTime.UtcNow;
        await db.SaveChangesAsync();
    }

    private static string Describe(BenchLifetimeReport r)
    {
        var text = new StringBuilder();
        var s = r.Stages;
        text.AppendLine(CultureInfo.InvariantCulture,
            $"lifetime run #{r.RunId}: {r.Customers:N0} customers in {r.Seconds:F2} s (cpu {r.CpuSeconds:F2} s, peak {r.PeakMegabytes:N0} MB)");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"  summaries {s.Summaries:F2} s, BG/NBD {s.FitBgNbd:F2} s, Gamma-Gamma {s.FitGammaGamma:F2} s, holdout {s.Holdout:F2} s, scoring {s.Scoring:F2} s ({r.DistinctCurves:N0} curves), writing {s.Writing:F2} s");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"  BG/NBD r={r.Bgnbd.R:G4} alpha={r.Bgnbd.Alpha:G4} a={r.Bgnbd.A:G4} b={r.Bgnbd.B:G4}; Gamma-Gamma p={r.GammaGamma.P:G4} q={r.GammaGamma.Q:G4} v={r.GammaGamma.V:G4}");
        if (r.Holdout is { } h)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  holdout {h.Periods:G4} weeks: actual {h.Actual:N0}, model {h.Predicted:N1} (MAE {h.ModelMae:F3}), naive {h.Naive:N1} (MAE {h.NaiveMae:F3})");
        }
        foreach (var fit in r.Recovery?.Fits ?? [])
        {
            var parameters = string.Join(", ", fit.Parameters.Select(p => string.Create(CultureInfo.InvariantCulture,
                $"{p.Name} {p.Fitted:G4} vs {p.Truth:G4} ({p.RelativeError:+0.0%;-0.0%}, {p.StandardErrors:F1} se)")));
            text.AppendLine(CultureInfo.InvariantCulture, $"  recovery ({fit.Orders} orders, {fit.LeftOut:N0} left out): {parameters}");
        }
        return text.ToString().TrimEnd();
    }
}

/// <summary>The JSON shape of bench lifetime.</summary>
public sealed record BenchLifetimeReport(
    long RunId,
    int Customers,
    double Seconds,
    double CpuSeconds,
    double PeakMegabytes,
    LifetimeStageSeconds Stages,
    int DistinctCurves,
    BgNbdSummary Bgnbd,
    GammaGammaSummary GammaGamma,
    BenchHoldout? Holdout,
    LifetimeRecoveryReport? Recovery);

public sealed record BenchHoldout(double Periods, double Actual, double Predicted, double Naive, double ModelMae, double NaiveMae);
