using System.Diagnostics;
using System.Text.Json;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Domain.Audiences;
using Dashboard.Features.Audiences;
using Dashboard.Features.Segments;
using Dashboard.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Features.Lookalike;

/// <summary>
/// The "lookalike" model run: resolves the seed (segment filter, saved audience or uploaded ids), builds every
/// profile's features in SQL, trains the propensity model (held-out AUC, top-decile lift, feature importance), scores
/// the pool and stores its top 20% as <see cref="LookalikeCandidate"/> rows; the evaluation, the 1–20% trade-off
/// curve and (on the demo brand) the richness in truly high-value people go to the run's result JSON.
/// </summary>
public sealed partial class LookalikeJob(IDbContextFactory<DashboardDbContext> dbFactory, ILogger<LookalikeJob> logger) : IModelJob
{
    public const string JobKind = "lookalike";

    /// <summary>Importance rows kept in the result (the chart shows these).</summary>
    public const int ImportanceKept = 15;

    public string Kind => JobKind;

    public async Task<string?> RunAsync(ModelJobContext context, CancellationToken ct)
    {
        var parameters = LookalikeParameters.FromJson(context.ParametersJson)
            ?? throw new ModelJobException("A lookalike run needs a seed: a segment, tier, stage or VAP filter, a saved audience, or a list of customer ids.");
        var watch = Stopwatch.StartNew();
        context.Progress.Report(new JobProgress(0.02, "Reading the seed"));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var seed = await SeedIdsAsync(db, parameters, ct);
        var asOf = await AsOfAsync(db, ct);

        context.Progress.Report(new JobProgress(0.1, "Building profile features"));
        var table = await ProfileFeatureReader.ReadAsync(db, asOf, ct);

        context.Progress.Report(new JobProgress(0.35, "Training the model"));
        LookalikeTraining training;
        try
        {
            training = LookalikeModel.Train(table, seed, new LookalikeSettings { UsePurchaseFeatures = parameters.UsePurchaseFeatures });
        }
        catch (ArgumentException ex)
        {
            throw new ModelJobException("The lookalike model cannot be trained on this seed: " + ex.Message);
        }

        context.Progress.Report(new JobProgress(0.75, "Scoring the pool"));
        var ranked = training.Model.ScorePool(table, seed);
        if (ranked.Count == 0)
        {
            throw new ModelJobException("Every profile is in the seed: there is nobody left to expand to.");
        }
        var curve = LookalikeExpansion.Curve(ranked);
        var stored = LookalikeExpansion.Select(ranked, LookalikeExpansion.MaxPercent);
        var truth = await TruthCheckAsync(db, ranked, table, ct);

        context.Progress.Report(new JobProgress(0.85, "Saving the top 20%"));
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await BulkInsert.InsertAsync(db, stored.Select((s, i) => new LookalikeCandidate
            {
                ModelRunId = context.RunId, Rank = i + 1, CustomerId = s.ProfileId, Score = s.Score,
            }), ct);
            await transaction.CommitAsync(ct);
        }
        var result = new LookalikeRunResult(
            parameters.SeedKey, seed.Count, training.SeedProfilesFound, training.SeedIdsNotFound.Count, ranked.Count, stored.Count,
            parameters.UsePurchaseFeatures, asOf, training.Evaluation, [.. training.Importance.Take(ImportanceKept)], curve, truth,
            Math.Round(watch.Elapsed.TotalSeconds, 3));
        LogFinished(logger, context.RunId, seed.Count, ranked.Count, training.Evaluation.Auc, training.Evaluation.TopDecileLift);
        return JsonSerializer.Serialize(result, Cli.CliApp.JsonOptions);
    }

    /// <summary>Reads a run's result; null when missing or malformed.</summary>
    public static LookalikeRunResult? ParseResult(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<LookalikeRunResult>(json, Cli.CliApp.JsonOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<HashSet<long>> SeedIdsAsync(DashboardDbContext db, LookalikeParameters p, CancellationToken ct)
    {
        if (p.CustomerIds is { } ids)
        {
            if (ids.Count is 0 or > LookalikeParameters.MaxUploadedIds)
            {
                throw new ModelJobException($"An uploaded seed needs 1 to {LookalikeParameters.MaxUploadedIds:N0} customer ids; it has {ids.Count:N0}.");
            }
            return [.. ids];
        }
        if (p.AudienceId is { } audienceId)
        {
            var members = await AudiencesService.MembersAsync(db, audienceId, null, ct)
                ?? throw new ModelJobException($"Audience #{audienceId} does not exist, or there is no segment snapshot to evaluate it on yet.");
            return [.. await members.ToListAsync(ct)];
        }
        var filter = p.Filter;
        if (filter.IsEmpty)
        {
            throw new ModelJobException("The seed filter selects every customer; choose a segment, tier, stage or VAP cell.");
        }
        var selection = await SegmentMembership.SelectAsync(db, filter, ct)
            ?? throw new ModelJobException("There is no segment snapshot yet: run the segments model first.");
        return [.. await selection.CustomerIds.ToListAsync(ct)];
    }

    /// <summary>Features are computed as of the end of the day of the store's latest order or touchpoint.</summary>
    private static async Task<DateTime> AsOfAsync(DashboardDbContext db, CancellationToken ct)
    {
        var lastOrder = await db.Orders.MaxAsync(o => (DateTime?)o.PlacedAtUtc, ct);
        var lastTouch = await db.Touchpoints.MaxAsync(t => (DateTime?)t.OccurredAtUtc, ct);
        var last = new[] { lastOrder, lastTouch }.Max() ?? throw new ModelJobException("The store has no orders or touchpoints yet.");
        return DateTime.SpecifyKind(last.Date.AddDays(1), DateTimeKind.Utc);
    }

    /// <summary>
    /// On the demo brand only (DemoPeople present): how much richer in truly high-value people the top decile of the
    /// ranked pool is than the pool as a whole. Latent value = λ × mean order value × (alive at the end of the history):
    /// the expected spend per week of a person still buying; "high value" = the top 10% of all demo people by it
    /// (prospects have λ = 0). Customers map to people through the identity truth.
    /// </summary>
    private static async Task<LookalikeTruthCheck?> TruthCheckAsync(DashboardDbContext db, IReadOnlyList<LookalikeScore> ranked, ProfileFeatureTable table, CancellationToken ct)
    {
        var people = await db.DemoPeople.AsNoTracking()
            .Select(p => new { p.Id, Value = p.AliveAtEnd ? p.Lambda * p.MeanOrderValue : 0.0, p.IsProspect }).ToListAsync(ct);
        if (people.Count == 0)
        {
            return null;
        }
        var cut = people.Select(p => p.Value).OrderDescending().ElementAt(Math.Max(0, people.Count / 10 - 1));
        var highPeople = people.Where(p => p.Value >= cut && p.Value > 0).Select(p => p.Id).ToHashSet();
        var map = await db.DemoIdentityTruths.AsNoTracking()
            .Join(db.SourceIdentities, t => t.SourceIdentityId, s => s.Id, (t, s) => new { s.CustomerId, t.PersonId })
            .Distinct().ToListAsync(ct);
        var highCustomers = map.Where(m => highPeople.Contains(m.PersonId)).Select(m => m.CustomerId).ToHashSet();
        var richness = LookalikeMetrics.Richness(ranked, highCustomers.Contains, 0.1);
        var buyers = table.Rows.Where(r => r.OrderCount > 0).Select(r => r.ProfileId).ToHashSet();
        var top = ranked.Take(Math.Max(1, (int)Math.Round(ranked.Count * 0.1))).ToList();
        return new LookalikeTruthCheck(
            "top 10% of demo people by λ × mean order value × alive at end", highCustomers.Count,
            richness.TopRate, richness.BaseRate, richness.Lift,
            top.Count(t => !buyers.Contains(t.ProfileId)) / (double)top.Count);
    }

    [LoggerMessage(LogLevel.Information, "Lookalike run {RunId}: seed {Seed}, pool {Pool}, AUC {Auc:F3}, top-decile lift {Lift:F2}")]
    private static partial void LogFinished(ILogger logger, long runId, int seed, int pool, double auc, double lift);
}

/// <summary>The result JSON of a "lookalike" run.</summary>
/// <param name="SeedSize">Ids the seed definition gave.</param>
/// <param name="SeedFound">Of those, profiles present in the feature table.</param>
/// <param name="Pool">Profiles outside the seed that were ranked.</param>
/// <param name="Stored">Top candidates stored (20% of the pool).</param>
/// <param name="Curve">Expansion size (1–20% of the pool) versus mean similarity.</param>
/// <param name="Truth">Demo brand only: richness of the top decile in truly high-value people.</param>
public sealed record LookalikeRunResult(
    string SeedKey,
    int SeedSize,
    int SeedFound,
    int SeedNotFound,
    int Pool,
    int Stored,
    bool UsePurchaseFeatures,
    DateTime AsOfUtc,
    LookalikeEvaluation Evaluation,
    IReadOnlyList<FeatureImportance> Importance,
    IReadOnlyList<ExpansionPoint> Curve,
    LookalikeTruthCheck? Truth,
    double Seconds);

/// <summary>Ground-truth check on the demo brand.</summary>
/// <param name="TopDecileRate">Share of high-value people in the top 10% of the ranked pool.</param>
/// <param name="BaseRate">Their share in the whole pool (a random pick).</param>
/// <param name="Richness">TopDecileRate / BaseRate.</param>
/// <param name="TopDecileProspectShare">Share of the top decile who never ordered.</param>
public sealed record LookalikeTruthCheck(string Definition, int HighValueCustomers, double TopDecileRate, double BaseRate, double Richness, double TopDecileProspectShare);
