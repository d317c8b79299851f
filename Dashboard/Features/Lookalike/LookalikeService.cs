using System.Globalization;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Domain.Audiences;
using Dashboard.Features.Audiences;
using Dashboard.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Features.Lookalike;

/// <summary>A lookalike run as the page shows it.</summary>
/// <param name="Parameters">The run's seed and feature choice.</param>
/// <param name="SeedAudienceName">The seed audience's name when the seed is a saved audience.</param>
public sealed record LookalikeRunView(long RunId, DateTime? FinishedUtc, LookalikeParameters Parameters, LookalikeRunResult Result, string? SeedAudienceName)
{
    /// <summary>The expansion point for a size in percent (1–20), from the stored curve.</summary>
    public ExpansionPoint? PointAt(int percent) => Result.Curve.FirstOrDefault(p => p.SharePercent == percent);
}

/// <summary>What the seed picker offers: saved audiences to expand from.</summary>
public sealed record SeedAudienceOption(long Id, string Name);

/// <summary>
/// Reads lookalike runs for the page (the latest successful run for the URL's seed, or a pinned run), queues runs on
/// uploaded lists, and saves a chosen expansion as an audience with a frozen snapshot.
/// </summary>
public sealed partial class LookalikeService(IDbContextFactory<DashboardDbContext> dbFactory, JobQueue queue, TimeProvider clock, ILogger<LookalikeService> logger)
{
    /// <summary>Runs searched for a matching seed (newest first).</summary>
    private const int RunsSearched = 200;

    /// <summary>The run the query points at: the pinned run, or the latest successful run with the same seed and feature choice.</summary>
    public async Task<LookalikeRunView?> LoadAsync(LookalikeQuery query, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var runs = db.ModelRuns.AsNoTracking().Where(r => r.Kind == LookalikeJob.JobKind && r.Status == JobQueue.Succeeded);
        ModelRun? run;
        if (query.RunId is { } id)
        {
            run = await runs.FirstOrDefaultAsync(r => r.Id == id, ct);
        }
        else if (query.Parameters is { } wanted)
        {
            var recent = await runs.OrderByDescending(r => r.Id).Take(RunsSearched).ToListAsync(ct);
            run = recent.FirstOrDefault(r => LookalikeParameters.FromJson(r.ParametersJson) is { } p
                && p.SeedKey == wanted.SeedKey && p.UsePurchaseFeatures == wanted.UsePurchaseFeatures);
        }
        else
        {
            return null;
        }
        if (run is null || LookalikeParameters.FromJson(run.ParametersJson) is not { } parameters || LookalikeJob.ParseResult(run.ResultJson) is not { } result)
        {
            return null;
        }
        var audienceName = parameters.AudienceId is { } a
            ? await db.Audiences.AsNoTracking().Where(x => x.Id == a).Select(x => x.Name).FirstOrDefaultAsync(ct)
            : null;
        return new LookalikeRunView(run.Id, run.FinishedUtc, parameters, result, audienceName);
    }

    public async Task<IReadOnlyList<SeedAudienceOption>> AudiencesAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Audiences.AsNoTracking().OrderBy(a => a.Name).Select(a => new SeedAudienceOption(a.Id, a.Name)).ToListAsync(ct);
    }

    /// <summary>Queues a run on an uploaded list of ids; returns the run id (the page pins it in the URL).</summary>
    public Task<long> EnqueueListAsync(IReadOnlyList<long> ids, string? listName, bool usePurchases) =>
        queue.EnqueueAsync(LookalikeJob.JobKind, new LookalikeParameters { CustomerIds = ids, ListName = listName, UsePurchaseFeatures = usePurchases }.ToJson());

    /// <summary>
    /// Saves the top <paramref name="percent"/>% of the run's ranked pool as an audience with one frozen snapshot
    /// (an audience without filters, tied to the run). Returns the new id or a message naming what is wrong.
    /// </summary>
    public async Task<SaveAudienceResult> SaveAsync(long runId, int percent, string? name, CancellationToken ct)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length is 0 or > 120)
        {
            return new SaveAudienceResult(null, SaveAudienceResult.NameMissing, trimmed);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.ModelRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId && r.Kind == LookalikeJob.JobKind && r.Status == JobQueue.Succeeded, ct);
        if (run is null || LookalikeJob.ParseResult(run.ResultJson) is not { } result
            || result.Curve.FirstOrDefault(p => p.SharePercent == percent) is not { } point)
        {
            return new SaveAudienceResult(null, NoRun, trimmed);
        }
        if (await db.Audiences.AnyAsync(a => a.Name == trimmed, ct))
        {
            return new SaveAudienceResult(null, SaveAudienceResult.NameTaken, trimmed);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var audience = new Audience { Name = trimmed, CreatedUtc = now, LookalikeRunId = runId };
        db.Audiences.Add(audience);
        await db.SaveChangesAsync(ct);
        var members = db.LookalikeCandidates.Where(c => c.ModelRunId == runId && c.Rank <= point.Size).Select(c => c.CustomerId);
        var snapshot = new AudienceSnapshot
        {
            AudienceId = audience.Id, TakenUtc = now, PeriodEnd = DateOnly.FromDateTime(result.AsOfUtc.AddDays(-1)),
            Customers = await members.CountAsync(ct),
            Revenue = await db.Orders.Where(o => members.Contains(o.CustomerId)).SumAsync(o => o.Total, ct),
        };
        db.AudienceSnapshots.Add(snapshot);
        await db.SaveChangesAsync(ct);
        var ids = await members.OrderBy(c => c).ToListAsync(ct);
        await BulkInsert.InsertAsync(db, ids.Select(c => new AudienceMember { AudienceSnapshotId = snapshot.Id, CustomerId = c }), ct);
        await transaction.CommitAsync(ct);
        LogSaved(logger, audience.Id, trimmed, snapshot.Customers, runId, percent);
        return new SaveAudienceResult(audience.Id, null, trimmed);
    }

    public const string NoRun = "That lookalike run or expansion size no longer exists; run the model again.";

    /// <summary>
    /// Reads customer ids from pasted or uploaded text: one or more per line, separated by commas, semicolons, tabs or
    /// spaces; a first line that is not a number is taken as a header. Returns the distinct ids, or a message naming the
    /// first bad line and column (1-based).
    /// </summary>
    public static (IReadOnlyList<long> Ids, string? Error) ParseIds(string? text)
    {
        var ids = new List<long>();
        var seen = new HashSet<long>();
        var lines = (text ?? "").Split('\n');
        for (var l = 0; l < lines.Length; l++)
        {
            var line = lines[l].TrimEnd('\r');
            var column = 1;
            foreach (var token in line.Split([',', ';', '\t', ' ']))
            {
                var value = token.Trim().Trim('"');
                if (value.Length > 0)
                {
                    if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
                    {
                        if (l == 0 && ids.Count == 0)
                        {
                            break; // a header line
                        }
                        return ([], string.Create(CultureInfo.InvariantCulture, $"line {l + 1}, column {column}: '{Shorten(value)}' is not a customer id (a positive whole number)"));
                    }
                    if (seen.Add(id))
                    {
                        ids.Add(id);
                    }
                }
                column += token.Length + 1;
            }
        }
        if (ids.Count > LookalikeParameters.MaxUploadedIds)
        {
            return ([], string.Create(CultureInfo.InvariantCulture, $"the list has {ids.Count:N0} ids; at most {LookalikeParameters.MaxUploadedIds:N0} are allowed"));
        }
        return ids.Count < 2 ? ([], "the list needs at least 2 customer ids") : (ids, null);
    }

    private static string Shorten(string s) => s.Length <= 20 ? s : s[..20] + "…";

    [LoggerMessage(LogLevel.Information, "Saved lookalike audience #{AudienceId} '{Name}': {Customers} customers, top {Percent}% of run {RunId}")]
    private static partial void LogSaved(ILogger logger, long audienceId, string name, int customers, long runId, int percent);
}
