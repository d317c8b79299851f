using System.Globalization;
using System.Text.Json;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Domain.Allocation;
using Dashboard.Features.Budget;
using Dashboard.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Cli;

/// <summary>
/// `budget curves`: runs the "budget-curves" model run on the configured store now (the same job the app runs in the
/// background; the Budget page then reads its snapshot) and prints each channel's fit. When the store holds the demo brand's
/// truth (DemoTruth "channels"), it also prints the recovery errors per channel.
/// </summary>
public sealed class BudgetCurvesVerb : ICliVerb
{
    public string Name => "budget curves";

    public string Usage => "budget curves [--outcome revenue|conversions|both] [--bootstrap N] [--seed N] [--json]";

    public async Task<int> RunAsync(CliContext context)
    {
        var outcome = context.Args.Optional("outcome") ?? "both";
        string[] outcomes = outcome switch
        {
            "both" => ["revenue", "conversions"],
            "revenue" or "conversions" => [outcome],
            _ => throw new CliUsageException($"--outcome must be revenue, conversions or both (got '{outcome}')"),
        };
        var bootstrap = context.Args.Int("bootstrap", 200, min: 0, max: 2000);
        var seed = context.Args.Int("seed", 1);
        var factory = context.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await context.Services.GetRequiredService<DatabaseInitializer>().MigrateAsync(context.Cancellation);

        var runId = await StartRunAsync(factory, context.Cancellation);
        var started = DateTime.UtcNow;
        try
        {
            var job = new BudgetCurvesJob(factory, Options.Create(new BudgetOptions()));
            var parameters = JsonSerializer.Serialize(new BudgetCurvesParameters(outcomes, bootstrap, seed), new JsonSerializerOptions(JsonSerializerDefaults.Web));
            var result = await job.RunAsync(new ModelJobContext(runId, parameters, new Progress<JobProgress>()), context.Cancellation);
            await FinishRunAsync(factory, runId, JobQueue.Succeeded, result, null);
        }
        catch (ModelJobException ex)
        {
            await FinishRunAsync(factory, runId, JobQueue.Failed, null, ex.Message);
            throw new CliInputException(ex.Message);
        }
        var report = await ReportAsync(factory, runId, (DateTime.UtcNow - started).TotalSeconds, context.Cancellation);
        if (context.Json)
        {
            await context.WriteJsonAsync(report);
            return 0;
        }
        await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"run #{report.RunId}: {report.Channels.Count} curves in {report.Seconds:F1} s"));
        foreach (var c in report.Channels)
        {
            var errors = c.Recovery is { } r
                ? string.Create(CultureInfo.InvariantCulture,
                    $"  | truth β {r.Beta:G4} k {r.HalfSaturation:G4} h {r.Shape:G3} θ {r.Carryover:G2}; response error {r.ResponseError:P1}, marginal error {r.MarginalError:P1}")
                : "";
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{c.Outcome,-11} {c.Code,-15} β {c.Beta:G4} k {c.HalfSaturation:G4} h {c.Shape:G3} θ {c.Carryover:G2} base {c.Baseline:G4} R² {c.RSquared:F3}{(c.Shrunk ? " SHRUNK" : "")}{errors}"));
        }
        return 0;
    }

    private static async Task<long> StartRunAsync(IDbContextFactory<DashboardDbContext> factory, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var run = new ModelRun
        {
            Kind = BudgetCurvesJob.JobKind, Status = JobQueue.Running, RequestedUtc = DateTime.UtcNow, StartedUtc = DateTime.UtcNow,
            ParametersJson = "{\"source\":\"cli\"}",
        };
        db.ModelRuns.Add(run);
        await db.SaveChangesAsync(ct);
        return run.Id;
    }

    private static async Task FinishRunAsync(IDbContextFactory<DashboardDbContext> factory, long runId, string status, string? result, string? error)
    {
        await using var db = await factory.CreateDbContextAsync();
        await db.ModelRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, status).SetProperty(r => r.ResultJson, result).SetProperty(r => r.Error, error)
            .SetProperty(r => r.FinishedUtc, DateTime.UtcNow));
    }

    private static async Task<CurvesReport> ReportAsync(IDbContextFactory<DashboardDbContext> factory, long runId, double seconds, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.ChannelCurves.AsNoTracking().Include(c => c.AdChannel).Where(c => c.ModelRunId == runId)
            .OrderBy(c => c.Outcome == "revenue" ? 0 : 1).ThenBy(c => c.AdChannelId).ToListAsync(ct);
        var truthJson = await db.DemoTruths.AsNoTracking().Where(t => t.Key == "channels").Select(t => t.Json).FirstOrDefaultAsync(ct);
        var truth = truthJson is null ? [] : DemoChannelTruth.Read(truthJson);
        var channels = rows.Select(r =>
        {
            var fitted = new ResponseCurve(r.Beta, r.HalfSaturation, r.Shape, r.Carryover);
            var recovery = truth.TryGetValue(r.AdChannel!.Code, out var t) ? t.Recovery(fitted, r.Baseline, r.Outcome) : null;
            return new CurveReport(r.AdChannel.Code, r.Outcome, r.Beta, r.HalfSaturation, r.Shape, r.Carryover, r.Baseline, r.RSquared, r.Weeks,
                r.IsShrunk, r.ShrinkReason, recovery);
        }).ToList();
        return new CurvesReport(runId, Math.Round(seconds, 2), channels);
    }
}

/// <summary>The JSON shape of `budget curves`.</summary>
public sealed record CurvesReport(long RunId, double Seconds, IReadOnlyList<CurveReport> Channels);

/// <summary>One fitted curve and, for the demo brand, its recovery errors.</summary>
public sealed record CurveReport(string Code, string Outcome, double Beta, double HalfSaturation, double Shape, double Carryover, double Baseline,
    double RSquared, int Weeks, bool Shrunk, string? ShrinkReason, CurveRecovery? Recovery);

/// <summary>
/// The demo truth of a channel and the errors of a fit: relative errors of β, k and the baseline, absolute errors of h and θ,
/// and — what budget decisions rest on — the mean absolute relative error of the steady-state response and of the marginal
/// return at ½×, 1× and 2× the channel's base weekly spend.
/// </summary>
public sealed record CurveRecovery(double Beta, double HalfSaturation, double Shape, double Carryover, double Baseline, double BetaError,
    double HalfSaturationError, double ShapeError, double CarryoverError, double BaselineError, double ResponseError, double MarginalError);

/// <summary>Reads DemoTruth "channels" (see Dashboard/Data/Seed/DemoTruthBuilder.cs).</summary>
internal sealed record DemoChannelTruth(string Code, double Theta, double K, double H, double Beta, double Baseline, double ConversionBaseline,
    double ConversionBeta, double BaseWeeklySpend)
{
    public static Dictionary<string, DemoChannelTruth> Read(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("channels").EnumerateArray().Select(c => new DemoChannelTruth(
                c.GetProperty("code").GetString()!, c.GetProperty("theta").GetDouble(), c.GetProperty("k").GetDouble(), c.GetProperty("h").GetDouble(),
                c.GetProperty("beta").GetDouble(), c.GetProperty("baseline").GetDouble(), c.GetProperty("conversionBaseline").GetDouble(),
                c.GetProperty("conversionBeta").GetDouble(), c.GetProperty("baseWeeklySpend").GetDouble()))
            .ToDictionary(c => c.Code, StringComparer.Ordinal);
    }

    public CurveRecovery Recovery(ResponseCurve fitted, double fittedBaseline, string outcome)
    {
        var revenue = outcome == "revenue";
        var truth = new ResponseCurve(revenue ? Beta : ConversionBeta, K, H, Theta);
        var baseline = revenue ? Baseline : ConversionBaseline;
        double[] spends = [0.5 * BaseWeeklySpend, BaseWeeklySpend, 2 * BaseWeeklySpend];
        var response = spends.Average(s => Relative(fitted.Response(s), truth.Response(s)));
        var marginal = spends.Average(s => Relative(fitted.Marginal(s), truth.Marginal(s)));
        return new CurveRecovery(truth.Beta, K, H, Theta, baseline, Round(Relative(fitted.Beta, truth.Beta)), Round(Relative(fitted.HalfSaturation, K)),
            Round(Math.Abs(fitted.Shape - H)), Round(Math.Abs(fitted.Carryover - Theta)), Round(Relative(fittedBaseline, baseline)), Round(response),
            Round(marginal));
    }

    private static double Relative(double estimate, double truth) => truth != 0 ? Math.Abs(estimate - truth) / Math.Abs(truth) : Math.Abs(estimate);

    private static double Round(double value) => Math.Round(value, 4);
}
