using System.Globalization;
using System.Text.Json;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Domain.Allocation;
using Dashboard.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Features.Budget;

/// <summary>Settings of one "budget-curves" run (its parameters JSON).</summary>
/// <param name="Outcomes">Which outcomes to fit: "revenue", "conversions" or both (the page lets the user pick).</param>
/// <param name="Bootstrap">Bootstrap refits per channel; null = the configured default.</param>
/// <param name="Seed">Seed of the fits' random starts and bootstrap.</param>
public sealed record BudgetCurvesParameters(IReadOnlyList<string>? Outcomes = null, int? Bootstrap = null, int Seed = 1);

/// <summary>
/// The background model run "budget-curves": fits each channel's response curve on its weekly history (ChannelSpend) for
/// revenue and for conversions (<see cref="CurveFitter.FitAll"/>: bootstrap bands, shrinkage of uninformative channels,
/// R² and residuals) and stores them as a <see cref="ChannelCurve"/> snapshot carrying the run id.
/// </summary>
public sealed class BudgetCurvesJob(IDbContextFactory<DashboardDbContext> dbFactory, IOptions<BudgetOptions> options) : IModelJob
{
    public const string JobKind = "budget-curves";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Kind => JobKind;

    public async Task<string?> RunAsync(ModelJobContext context, CancellationToken ct)
    {
        var parameters = ReadParameters(context.ParametersJson);
        var outcomes = (parameters.Outcomes is { Count: > 0 } o ? o : ["revenue", "conversions"])
            .Select(ParseOutcome).Distinct().ToList();
        var settings = new FitSettings(BootstrapReplicates: parameters.Bootstrap ?? options.Value.BootstrapReplicates, Seed: parameters.Seed);
        context.Progress.Report(new JobProgress(0.02, "Reading weekly spend"));
        var (histories, skipped) = await LoadHistoriesAsync(ct);
        if (histories.Count == 0)
        {
            throw new ModelJobException(skipped.Count == 0
                ? "No weekly channel spend in the store: import spend per channel and week first."
                : "No channel has enough weekly history to fit: " + string.Join("; ", skipped.Select(s => s.Code + ": " + s.Reason)));
        }

        var rows = new List<ChannelCurve>();
        var steps = outcomes.Count * histories.Count;
        for (var k = 0; k < outcomes.Count; k++)
        {
            var outcome = outcomes[k];
            var label = outcome == BudgetOutcome.Revenue ? "revenue" : "conversions";
            var done = k * histories.Count;
            var progress = new Reporter(n => context.Progress.Report(new JobProgress(0.05 + 0.9 * (done + n) / steps, $"Fitting {label} curves")));
            var input = histories.Select(h => (h.Code, (IReadOnlyList<WeeklyObservation>)h.Weeks(outcome))).ToList();
            var fits = await Task.Run(() => CurveFitter.FitAll(input, settings, progress), ct);
            rows.AddRange(fits.Select((f, i) => ToRow(context.RunId, histories[i], label, f)));
            ct.ThrowIfCancellationRequested();
        }

        context.Progress.Report(new JobProgress(0.97, "Saving curves"));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ChannelCurves.AddRange(rows);
        await db.SaveChangesAsync(ct);
        return JsonSerializer.Serialize(new
        {
            outcomes = outcomes.Select(x => x == BudgetOutcome.Revenue ? "revenue" : "conversions"),
            channels = rows.Select(r => new { code = histories.First(h => h.AdChannelId == r.AdChannelId).Code, outcome = r.Outcome, r.RSquared, shrunk = r.IsShrunk, r.Weeks }),
            skipped = skipped.Select(s => new { code = s.Code, reason = s.Reason }),
        }, Json);
    }

    private static BudgetCurvesParameters ReadParameters(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new BudgetCurvesParameters();
        }
        try
        {
            return JsonSerializer.Deserialize<BudgetCurvesParameters>(json, Json) ?? new BudgetCurvesParameters();
        }
        catch (JsonException ex)
        {
            throw new ModelJobException($"The run's parameters are not valid JSON ({ex.Message}).");
        }
    }

    private static BudgetOutcome ParseOutcome(string text) => text.ToLowerInvariant() switch
    {
        "revenue" => BudgetOutcome.Revenue,
        "conversions" => BudgetOutcome.Conversions,
        _ => throw new ModelJobException($"Unknown outcome '{text}': use \"revenue\" or \"conversions\"."),
    };

    /// <summary>
    /// Each channel's most recent run of consecutive weeks (a gap ends the usable history: the fit needs an unbroken weekly
    /// series for the adstock), oldest first. Channels with fewer than 4 such weeks or no spend at all are skipped, with why.
    /// </summary>
    private async Task<(List<ChannelHistory> Histories, List<(string Code, string Reason)> Skipped)> LoadHistoriesAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var channels = await db.AdChannels.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct);
        var rows = await db.ChannelSpends.AsNoTracking()
            .OrderBy(s => s.AdChannelId).ThenBy(s => s.WeekStartUtc)
            .Select(s => new SpendRow(s.AdChannelId, s.WeekStartUtc, s.Spend, s.Revenue, s.Conversions))
            .ToListAsync(ct);
        var histories = new List<ChannelHistory>();
        var skipped = new List<(string, string)>();
        foreach (var channel in channels)
        {
            var weeks = rows.Where(r => r.AdChannelId == channel.Id).ToList();
            if (weeks.Count == 0)
            {
                continue;
            }
            var start = weeks.Count - 1;
            while (start > 0 && (weeks[start].WeekStartUtc - weeks[start - 1].WeekStartUtc).TotalDays == 7)
            {
                start--;
            }
            var recent = weeks.Skip(start).ToList();
            if (recent.Count < 4)
            {
                skipped.Add((channel.Code, string.Create(CultureInfo.InvariantCulture, $"only {recent.Count} consecutive weeks (at least 4 are needed)")));
            }
            else if (recent.All(r => r.Spend == 0))
            {
                skipped.Add((channel.Code, "no spend in its recent weeks"));
            }
            else
            {
                histories.Add(new ChannelHistory(channel.Id, channel.Code, recent));
            }
        }
        return (histories, skipped);
    }

    private static ChannelCurve ToRow(long runId, ChannelHistory history, string outcome, ChannelFit f) => new()
    {
        ModelRunId = runId,
        AdChannelId = history.AdChannelId,
        Outcome = outcome,
        Baseline = f.Baseline,
        Beta = f.Curve.Beta,
        HalfSaturation = f.Curve.HalfSaturation,
        Shape = f.Curve.Shape,
        Carryover = f.Curve.Carryover,
        BetaLower = f.Beta.Lower,
        BetaUpper = f.Beta.Upper,
        HalfSaturationLower = f.HalfSaturation.Lower,
        HalfSaturationUpper = f.HalfSaturation.Upper,
        ShapeLower = f.Shape.Lower,
        ShapeUpper = f.Shape.Upper,
        CarryoverLower = f.Carryover.Lower,
        CarryoverUpper = f.Carryover.Upper,
        RSquared = f.RSquared,
        Weeks = f.Weeks.Count,
        FirstWeekUtc = history.Rows[0].WeekStartUtc,
        LastWeekUtc = history.Rows[^1].WeekStartUtc,
        MeanSpend = history.Rows.Average(r => r.Spend),
        SpendVariation = f.SpendVariation,
        IsShrunk = f.IsShrunk,
        ShrinkReason = f.ShrinkReason,
        BootstrapJson = CurveSnapshot.WriteCurves(f.BootstrapCurves),
        WeeksJson = CurveSnapshot.WriteWeeks(f.Weeks.Select((w, t) => new FitWeek(w, history.Rows[t].Spend, f.Fitted[t] + f.Residuals[t], f.Fitted[t]))),
    };

    private sealed record SpendRow(int AdChannelId, DateTime WeekStartUtc, double Spend, double Revenue, double Conversions);

    private sealed record ChannelHistory(int AdChannelId, string Code, IReadOnlyList<SpendRow> Rows)
    {
        public WeeklyObservation[] Weeks(BudgetOutcome outcome) => Rows
            .Select(r => new WeeklyObservation(DateOnly.FromDateTime(r.WeekStartUtc), r.Spend, outcome == BudgetOutcome.Revenue ? r.Revenue : r.Conversions))
            .ToArray();
    }

    // Reports on the fitting thread (Progress<T> would post to a captured context); the job's progress sink is thread-safe.
    private sealed class Reporter(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
