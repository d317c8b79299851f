using Dashboard.Data;
using Dashboard.Domain.Allocation;
using Dashboard.Domain.Segmentation;
using Dashboard.Features.Lookalike;
using Dashboard.Jobs;
using Dashboard.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Features.Budget;

/// <summary>
/// Reads the stored snapshots behind the customer-group split: the latest segment period with VAP (membership, CLV,
/// P(alive)), the lifetime run it used (the value of recent new buyers) and the latest lookalike run (the prospects to
/// acquire). Everything is summed in SQL, one row per group; no model is fitted here.
/// </summary>
public sealed partial class CustomerGroupsService(
    IDbContextFactory<DashboardDbContext> dbFactory,
    IOptions<BudgetOptions> options,
    ILogger<CustomerGroupsService> logger,
    ViewCache? cache = null)
{
    /// <summary>A buyer whose first purchase falls this many days before the period end counts as a recent new buyer.</summary>
    public const int NewBuyerDays = 90;

    private static readonly VapStrategy[] Strategies = [VapStrategy.Retain, VapStrategy.Develop, VapStrategy.WinBack];

    /// <summary>The groups' response curves; null when no segment period has VAP yet (lifetime and segment runs needed).</summary>
    public Task<CustomerGroupsModel?> LoadAsync(CancellationToken ct) =>
        cache.GetOrComputeAsync(ViewCacheExtensions.Key("budget-groups"), ComputeAsync, ct);

    private async Task<CustomerGroupsModel?> ComputeAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var period = await db.SegmentPeriods.AsNoTracking().Where(p => p.LifetimeRunId != null)
            .OrderByDescending(p => p.PeriodEnd).Select(p => new { p.PeriodEnd, p.LifetimeRunId }).FirstOrDefaultAsync(ct);
        if (period is null)
        {
            return null;
        }
        var scored = db.CustomerSegmentSnapshots.AsNoTracking()
            .Where(s => s.PeriodEnd == period.PeriodEnd && s.PredictedClv != null && s.PAlive != null);
        var scoredCount = await scored.CountAsync(ct);
        if (scoredCount == 0)
        {
            return null;
        }
        var topQuartile = await TopQuartileAsync(scored, scoredCount, ct);
        var meanClv = await scored.AverageAsync(s => s.PredictedClv!.Value, ct);
        const double floor = CustomerGroupSplit.AliveFloor;
        var sums = await scored.Where(s => s.VapStrategy != null && Strategies.Contains(s.VapStrategy.Value))
            .GroupBy(s => s.VapStrategy!.Value)
            .Select(g => new
            {
                Strategy = g.Key,
                Customers = g.Count(),
                Clv = g.Sum(s => s.PredictedClv!.Value),
                IfAlive = g.Sum(s => s.PAlive!.Value > floor ? s.PredictedClv!.Value / s.PAlive!.Value : s.PredictedClv!.Value / floor),
                Headroom = g.Sum(s => s.PredictedClv!.Value < topQuartile ? topQuartile - s.PredictedClv!.Value : 0),
            })
            .ToListAsync(ct);
        GroupMembers Members(VapStrategy strategy) => sums.FirstOrDefault(x => x.Strategy == strategy) is { } x
            ? new GroupMembers(x.Customers, x.Clv, x.IfAlive, x.Headroom)
            : GroupMembers.None;

        var since = period.PeriodEnd.AddDays(-NewBuyerDays).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var newBuyers = db.CustomerLifetimes.AsNoTracking().Where(l => l.ModelRunId == period.LifetimeRunId && l.FirstPurchaseUtc > since);
        var newBuyerCount = await newBuyers.CountAsync(ct);
        var newCustomerValue = newBuyerCount > 0 ? await newBuyers.AverageAsync(l => l.Clv, ct) : 0;
        var pool = await LookalikePoolAsync(db, ct);

        var settings = options.Value.Groups;
        GroupResponse[] groups =
        [
            CustomerGroupSplit.AtRisk(CustomerGroup.Retain, Members(VapStrategy.Retain), settings.Retain.ToDomain()),
            CustomerGroupSplit.Develop(Members(VapStrategy.Develop), settings.Develop.ToDomain()),
            CustomerGroupSplit.AtRisk(CustomerGroup.WinBack, Members(VapStrategy.WinBack), settings.WinBack.ToDomain()),
            CustomerGroupSplit.Acquire(pool?.Prospects ?? 0, newCustomerValue, settings.Acquire.ToDomain()),
        ];
        LogLoaded(logger, period.PeriodEnd, scoredCount, pool?.RunId);
        return new CustomerGroupsModel(period.PeriodEnd, period.LifetimeRunId!.Value, pool?.RunId, scoredCount, meanClv, topQuartile, newBuyerCount,
            newCustomerValue, groups);
    }

    /// <summary>
    /// Demo brand only (null without DemoPeople): each VAP strategy's members against their true latent behaviour. A customer
    /// is matched to the true person behind their oldest identity; value = purchase rate λ × mean order value (spend per week
    /// while alive), dropout = the per-purchase dropout probability p, gone = not alive at the end of the history.
    /// </summary>
    public async Task<IReadOnlyList<GroupTruth>?> TruthCheckAsync(DateOnly periodEnd, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.DemoPeople.AnyAsync(ct))
        {
            return null;
        }
        var persons = db.SourceIdentities.Join(db.DemoIdentityTruths, si => si.Id, t => t.SourceIdentityId, (si, t) => new { si.CustomerId, t.PersonId })
            .GroupBy(x => x.CustomerId).Select(g => new { CustomerId = g.Key, PersonId = g.Min(x => x.PersonId) });
        var rows = await db.CustomerSegmentSnapshots.AsNoTracking()
            .Where(s => s.PeriodEnd == periodEnd && s.PredictedClv != null && s.VapStrategy != null)
            .Join(persons, s => s.CustomerId, m => m.CustomerId, (s, m) => new { Strategy = s.VapStrategy!.Value, m.PersonId })
            .Join(db.DemoPeople, x => x.PersonId, p => p.Id, (x, p) => new { x.Strategy, Value = p.Lambda * p.MeanOrderValue, p.DropoutProbability, Gone = p.AliveAtEnd ? 0.0 : 1.0 })
            .GroupBy(x => x.Strategy)
            .Select(g => new { Strategy = g.Key, Count = g.Count(), Value = g.Sum(x => x.Value), Dropout = g.Sum(x => x.DropoutProbability), Gone = g.Sum(x => x.Gone) })
            .ToListAsync(ct);
        var all = new GroupTruth("all", rows.Sum(r => r.Count), rows.Sum(r => r.Value) / Math.Max(1, rows.Sum(r => r.Count)),
            rows.Sum(r => r.Dropout) / Math.Max(1, rows.Sum(r => r.Count)), rows.Sum(r => r.Gone) / Math.Max(1, rows.Sum(r => r.Count)), 1);
        return rows.OrderBy(r => r.Strategy)
            .Select(r => new GroupTruth(r.Strategy.ToString(), r.Count, r.Value / r.Count, r.Dropout / r.Count, r.Gone / r.Count, r.Value / r.Count / all.MeanValue))
            .Append(all).ToList();
    }

    /// <summary>The 75th percentile of predicted CLV (type 7, as VAP's peer quartile) from two rows read in order.</summary>
    private static async Task<double> TopQuartileAsync(IQueryable<Dashboard.Data.Entities.CustomerSegmentSnapshot> scored, int count, CancellationToken ct)
    {
        var h = (count - 1) * 0.75;
        var lo = (int)Math.Floor(h);
        var values = await scored.OrderBy(s => s.PredictedClv).Skip(lo).Take(2).Select(s => s.PredictedClv!.Value).ToListAsync(ct);
        return values.Count == 2 ? values[0] + (h - lo) * (values[1] - values[0]) : values[0];
    }

    /// <summary>The latest successful lookalike run and how many of its stored candidates have never ordered.</summary>
    private static async Task<(long RunId, int Prospects)?> LookalikePoolAsync(DashboardDbContext db, CancellationToken ct)
    {
        var runId = await db.ModelRuns.AsNoTracking().Where(r => r.Kind == LookalikeJob.JobKind && r.Status == JobQueue.Succeeded)
            .OrderByDescending(r => r.Id).Select(r => (long?)r.Id).FirstOrDefaultAsync(ct);
        if (runId is not { } id)
        {
            return null;
        }
        // Profiles that never ordered (the profile's order summary, kept by identity resolution).
        var neverOrdered = db.Customers.Where(c => c.OrderCount == 0).Select(c => c.Id);
        var prospects = await db.LookalikeCandidates.AsNoTracking()
            .Where(c => c.ModelRunId == id && neverOrdered.Contains(c.CustomerId)).CountAsync(ct);
        return (id, prospects);
    }

    [LoggerMessage(LogLevel.Debug, "Loaded customer groups of period {PeriodEnd}: {Scored} scored customers, lookalike run {LookalikeRun}")]
    private static partial void LogLoaded(ILogger logger, DateOnly periodEnd, int scored, long? lookalikeRun);
}

/// <summary>What the group split is built on, loaded once per page visit.</summary>
/// <param name="PeriodEnd">The segment period whose VAP membership is used.</param>
/// <param name="LifetimeRunId">The lifetime run that period's CLV and P(alive) come from.</param>
/// <param name="LookalikeRunId">The lookalike run whose prospects form the Acquire pool; null when none has run.</param>
/// <param name="ScoredCustomers">Customers with a CLV in the period.</param>
/// <param name="MeanClv">Their mean predicted CLV (the "average customer" the groups are compared with).</param>
/// <param name="TopQuartileClv">The 75th percentile of predicted CLV: the Develop group's target level.</param>
/// <param name="NewBuyers">Buyers whose first purchase was within <see cref="CustomerGroupsService.NewBuyerDays"/> days.</param>
/// <param name="NewCustomerValue">Their mean predicted CLV: the value of an acquired customer.</param>
/// <param name="Groups">Retain, Develop, Win back, Acquire.</param>
public sealed record CustomerGroupsModel(
    DateOnly PeriodEnd,
    long LifetimeRunId,
    long? LookalikeRunId,
    int ScoredCustomers,
    double MeanClv,
    double TopQuartileClv,
    int NewBuyers,
    double NewCustomerValue,
    IReadOnlyList<GroupResponse> Groups);

/// <summary>A VAP strategy's members against the demo brand's truth (see <see cref="CustomerGroupsService.TruthCheckAsync"/>).</summary>
/// <param name="MeanValue">Mean true spend per week while alive (λ × mean order value, currency).</param>
/// <param name="MeanDropout">Mean true dropout probability per purchase.</param>
/// <param name="GoneShare">Share of members truly gone at the end of the history.</param>
/// <param name="Richness">MeanValue / the mean over every scored customer.</param>
public sealed record GroupTruth(string Strategy, int Customers, double MeanValue, double MeanDropout, double GoneShare, double Richness);
