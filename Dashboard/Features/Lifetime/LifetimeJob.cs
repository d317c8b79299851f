using System.Diagnostics;
using Dashboard.Data;
using Dashboard.Data.Summaries;
using Dashboard.Domain.Lifetime;
using Dashboard.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Features.Lifetime;

/// <summary>
/// The "lifetime" model run: per-customer summaries from the database, BG/NBD and Gamma-Gamma fits, an optional
/// holdout check, and a snapshot per customer (P(alive), expected purchases, expected order value, CLV) plus the
/// shared month-by-month curves the page recomputes CLV from for other controls.
/// </summary>
public sealed partial class LifetimeJob(IDbContextFactory<DashboardDbContext> dbFactory, ILogger<LifetimeJob> logger) : IModelJob
{
    public const string KindName = "lifetime";

    public string Kind => KindName;

    public async Task<string?> RunAsync(ModelJobContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parameters = LifetimeRunParameters.Parse(context.ParametersJson);
        try
        {
            var summary = await RunAsync(context.RunId, parameters, context.Progress, ct);
            return summary.ToJson();
        }
        catch (LifetimeDataException ex)
        {
            throw new ModelJobException(ex.Message);
        }
    }

    /// <summary>Runs the whole pipeline for run <paramref name="runId"/> and writes its snapshot.</summary>
    public async Task<LifetimeRunSummary> RunAsync(long runId, LifetimeRunParameters parameters, IProgress<JobProgress> progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(progress);
        var total = Stopwatch.StartNew();
        var stage = Stopwatch.StartNew();
        var unit = parameters.Unit;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var cache = await StoreSql.LargePageCacheAsync(db, 128, ct);

        progress.Report(new JobProgress(0.02, "Summaries"));
        var (dataFrom, dataTo) = await PurchaseSummaries.OrderDaysAsync(db, ct)
            ?? throw new ModelJobException("There are no orders yet, so there is nothing to fit the lifetime models on.");
        var calibrationEnd = parameters.CalibrationEnd ?? dataTo.AddDays(-7 * parameters.HoldoutWeeks);
        if (calibrationEnd > dataTo || calibrationEnd < dataFrom)
        {
            throw new ModelJobException(
                $"The calibration end {calibrationEnd:yyyy-MM-dd} is outside the order history ({dataFrom:yyyy-MM-dd} to {dataTo:yyyy-MM-dd}).");
        }
        // One pass gives both the whole-history summaries (for scoring) and the calibration ones (for the holdout check).
        // The holdout chart's daily repeat purchases are a second scan: read alongside, on their own connection.
        var repeatRead = calibrationEnd < dataTo
            ? dbFactory.ReadAloneAsync(d => PurchaseSummaries.RepeatPurchasesByDayAsync(d, calibrationEnd, dataTo, ct), ct)
            : Task.FromResult<IReadOnlyList<DailyCount>>([]);
        var rows = new List<PurchaseSummaryRow>();
        await foreach (var row in PurchaseSummaries.QueryAsync(db, calibrationEnd, dataTo, ct))
        {
            rows.Add(row);
        }
        progress.Report(new JobProgress(0.15, "Summaries"));
        IReadOnlyList<DailyCount>? repeatDays = calibrationEnd < dataTo ? await repeatRead : null;
        var summaries = rows.Select(r => r.ToSummary(dataTo, unit)).ToList();
        var summarySeconds = Lap(stage);

        progress.Report(new JobProgress(0.25, "Fit BG/NBD"));
        var options = new LifetimeFitOptions(parameters.Penalizer);
        var bgNbd = BgNbdFitter.Fit(summaries, options);
        var bgNbdSeconds = Lap(stage);
        progress.Report(new JobProgress(0.35, "Fit Gamma-Gamma"));
        var gammaGamma = GammaGammaFitter.Fit(summaries, options);
        var gammaGammaSeconds = Lap(stage);

        HoldoutSummary? holdout = null;
        if (repeatDays is not null)
        {
            progress.Report(new JobProgress(0.4, "Holdout validation"));
            holdout = Validate(rows, repeatDays, calibrationEnd, dataTo, unit, options);
        }
        var holdoutSeconds = Lap(stage);

        progress.Report(new JobProgress(0.5, "Scoring"));
        var scored = LifetimeScoring.Score(rows, summaries, bgNbd.Parameters, gammaGamma.Parameters, parameters.Clv, unit);
        var scoringSeconds = Lap(stage);

        progress.Report(new JobProgress(0.6, "Writing"));
        await LifetimeSnapshotWriter.WriteAsync(db, runId, scored,
            f => progress.Report(new JobProgress(0.6 + 0.4 * f, "Writing")), ct);
        var writingSeconds = Lap(stage);

        var result = new LifetimeRunSummary(
            summaries.Count,
            summaries.Count(s => s.Frequency > 0),
            parameters.Period.ToLowerInvariant(),
            dataFrom,
            dataTo,
            parameters.HorizonMonths,
            parameters.AnnualDiscountRate,
            parameters.MarginPercent,
            BgNbdSummary.From(bgNbd),
            GammaGammaSummary.From(gammaGamma),
            bgNbdSeconds + gammaGammaSeconds,
            new LifetimeStageSeconds(summarySeconds, bgNbdSeconds, gammaGammaSeconds, holdoutSeconds, scoringSeconds, writingSeconds,
                total.Elapsed.TotalSeconds),
            LifetimeRunParameters.MaxHorizonMonths,
            scored.Curves.Count,
            scored.Customers.Sum(c => c.PAlive),
            scored.Customers.Sum(c => c.Clv),
            holdout);
        LogFitted(logger, runId, result.Customers, total.Elapsed.TotalSeconds);
        return result;
    }

    /// <summary>Fits on the calibration period only and compares its forecast of the holdout weeks with what happened.</summary>
    private static HoldoutSummary Validate(
        List<PurchaseSummaryRow> rows, IReadOnlyList<DailyCount> repeatDays, DateOnly calibrationEnd, DateOnly observationEnd,
        PeriodUnit unit, LifetimeFitOptions options)
    {
        var holdoutLength = (observationEnd.DayNumber - calibrationEnd.DayNumber) / unit.Days();
        var customers = rows.Where(r => r.InCalibration).Select(r => new CalibrationHoldoutSummary(
            r.ToCalibrationSummary(calibrationEnd, unit), r.FirstPurchase, r.HoldoutDays, holdoutLength, [])).ToList();
        var fit = BgNbdFitter.Fit(customers.Select(c => c.Calibration).ToList(), options);
        var comparison = HoldoutValidation.Compare(customers, repeatDays, fit.Parameters, calibrationEnd, observationEnd, unit);
        return HoldoutSummary.From(comparison, calibrationEnd, observationEnd, fit);
    }

    private static double Lap(Stopwatch stage)
    {
        var seconds = stage.Elapsed.TotalSeconds;
        stage.Restart();
        return seconds;
    }

    [LoggerMessage(LogLevel.Information, "Lifetime run #{RunId}: {Customers} customers scored in {Seconds:F2} s")]
    private static partial void LogFitted(ILogger logger, long runId, int customers, double seconds);
}
