using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Domain.Allocation;
using Dashboard.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Features.Budget;

/// <summary>
/// Reads the latest fitted curves and the current spend into a <see cref="BudgetModel"/> (once per page load; slider moves
/// never reach the store), and saves, lists and approves scenarios.
/// </summary>
public sealed partial class BudgetService(
    IDbContextFactory<DashboardDbContext> dbFactory,
    ModelRunReader runs,
    TimeProvider clock,
    IOptions<BudgetOptions> options,
    ILogger<BudgetService> logger)
{
    /// <summary>The curves of <paramref name="outcome"/> from the latest successful run; null when there is none yet.</summary>
    public async Task<BudgetModel?> LoadAsync(BudgetOutcome outcome, CancellationToken ct)
    {
        var run = await runs.LatestAsync(BudgetCurvesJob.JobKind, succeededOnly: true, ct);
        if (run is null)
        {
            return null;
        }
        var label = OutcomeLabel(outcome);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var curves = await db.ChannelCurves.AsNoTracking().Include(c => c.AdChannel)
            .Where(c => c.ModelRunId == run.Id && c.Outcome == label)
            .OrderBy(c => c.AdChannelId).ToListAsync(ct);
        if (curves.Count == 0)
        {
            return null;
        }
        var weeks = options.Value.CurrentWeeks;
        var lastWeek = await db.ChannelSpends.AsNoTracking().MaxAsync(s => (DateTime?)s.WeekStartUtc, ct) ?? curves.Max(c => c.LastWeekUtc);
        var since = lastWeek.AddDays(-7 * (weeks - 1));
        var recent = await db.ChannelSpends.AsNoTracking().Where(s => s.WeekStartUtc >= since)
            .GroupBy(s => s.AdChannelId).Select(g => new { g.Key, Spend = g.Sum(s => s.Spend) })
            .ToDictionaryAsync(x => x.Key, x => x.Spend, ct);
        var channels = curves.Select(c => ToModel(c, recent.GetValueOrDefault(c.AdChannelId) / weeks)).ToList();
        LogLoaded(logger, label, run.Id, channels.Count);
        return new BudgetModel(run.Id, run.FinishedUtc ?? run.RequestedUtc, outcome, weeks, DateOnly.FromDateTime(lastWeek), channels);
    }

    public async Task<IReadOnlyList<ScenarioSummary>> ScenariosAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.BudgetScenarios.AsNoTracking().OrderByDescending(s => s.Id).ToListAsync(ct);
        return rows.Select(Summary).ToList();
    }

    public async Task<SavedScenario?> ScenarioAsync(long id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var s = await db.BudgetScenarios.AsNoTracking().Include(x => x.Channels).ThenInclude(c => c.AdChannel)
            .SingleOrDefaultAsync(x => x.Id == id, ct);
        return s is null
            ? null
            : new SavedScenario(Summary(s), s.TotalLocked, s.ModelRunId, s.ApprovedBy, s.ApprovedUtc,
                s.Channels.OrderBy(c => c.AdChannelId)
                    .Select(c => new ScenarioChannel(c.AdChannel!.Code, c.AdChannel.Name, c.Spend, c.Lower, c.Upper, c.LowerPercent, c.UpperPercent))
                    .ToList());
    }

    /// <summary>Saves a draft scenario; returns its id, or a message when the name is empty or already taken.</summary>
    public async Task<(long? Id, string? Problem)> SaveScenarioAsync(ScenarioDraft draft, CancellationToken ct)
    {
        var name = draft.Name.Trim();
        if (name.Length is 0 or > 200)
        {
            return (null, "name-required");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.BudgetScenarios.AnyAsync(s => s.Name == name, ct))
        {
            return (null, "name-taken");
        }
        var codes = draft.Channels.Select(c => c.Code).ToList();
        var ids = await db.AdChannels.AsNoTracking().Where(c => codes.Contains(c.Code)).ToDictionaryAsync(c => c.Code, c => c.Id, ct);
        var scenario = new BudgetScenario
        {
            Name = name,
            Outcome = OutcomeLabel(draft.Outcome),
            TotalSpend = draft.Channels.Sum(c => c.Spend),
            TotalLocked = draft.TotalLocked,
            ProjectedResponse = draft.ProjectedResponse,
            ModelRunId = draft.ModelRunId,
            Status = BudgetScenarioStatus.Draft,
            CreatedBy = draft.CreatedBy,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
            Channels = draft.Channels.Where(c => ids.ContainsKey(c.Code)).Select(c => new BudgetScenarioChannel
            {
                AdChannelId = ids[c.Code], Spend = c.Spend, Lower = c.Lower, Upper = c.Upper, LowerPercent = c.LowerPercent, UpperPercent = c.UpperPercent,
            }).ToList(),
        };
        db.BudgetScenarios.Add(scenario);
        await db.SaveChangesAsync(ct);
        LogSaved(logger, scenario.Id, name);
        return (scenario.Id, null);
    }

    /// <summary>Sets a scenario's status (approval roles come later); returns false when it does not exist.</summary>
    public async Task<bool> SetStatusAsync(long id, BudgetScenarioStatus status, string by, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scenario = await db.BudgetScenarios.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (scenario is null)
        {
            return false;
        }
        scenario.Status = status;
        var approved = status == BudgetScenarioStatus.Approved;
        scenario.ApprovedBy = approved ? by : null;
        scenario.ApprovedUtc = approved ? clock.GetUtcNow().UtcDateTime : null;
        await db.SaveChangesAsync(ct);
        return true;
    }

    public static string OutcomeLabel(BudgetOutcome outcome) => outcome == BudgetOutcome.Revenue ? "revenue" : "conversions";

    private static ScenarioSummary Summary(BudgetScenario s) => new(s.Id, s.Name,
        s.Outcome == "conversions" ? BudgetOutcome.Conversions : BudgetOutcome.Revenue, s.TotalSpend, s.ProjectedResponse, s.Status, s.CreatedBy,
        s.CreatedUtc);

    private static BudgetChannelModel ToModel(ChannelCurve c, double current)
    {
        var curve = new ResponseCurve(c.Beta, c.HalfSaturation, c.Shape, c.Carryover);
        var bootstrap = CurveSnapshot.ReadCurves(c.BootstrapJson);
        var history = CurveSnapshot.ReadWeeks(c.WeeksJson);
        var reference = current > 0 ? current : c.MeanSpend;
        var maxSpend = Math.Max(2.5 * reference, history.Select(w => w.Spend).DefaultIfEmpty(0).Max());
        return new BudgetChannelModel(c.AdChannelId, c.AdChannel!.Code, c.AdChannel.Name, curve, c.Baseline, c.RSquared,
            new ParameterInterval(c.Beta, c.BetaLower, c.BetaUpper),
            new ParameterInterval(c.HalfSaturation, c.HalfSaturationLower, c.HalfSaturationUpper),
            new ParameterInterval(c.Shape, c.ShapeLower, c.ShapeUpper),
            new ParameterInterval(c.Carryover, c.CarryoverLower, c.CarryoverUpper),
            bootstrap, c.IsShrunk, c.ShrinkReason, current, c.MeanSpend, history,
            BudgetWorkbench.Grid(curve, bootstrap, Math.Max(maxSpend, 1)));
    }

    [LoggerMessage(LogLevel.Debug, "Loaded {Outcome} curves of run {RunId}: {Channels} channels")]
    private static partial void LogLoaded(ILogger logger, string outcome, long runId, int channels);

    [LoggerMessage(LogLevel.Information, "Saved budget scenario {ScenarioId} '{Name}'")]
    private static partial void LogSaved(ILogger logger, long scenarioId, string name);
}
