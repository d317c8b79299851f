using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Domain.Measurement;
using Dashboard.Navigation;
using Dashboard.Shared;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Features.Campaigns;

/// <summary>
/// Reads campaigns, their assignments and what each targeted customer did around the campaign (aggregated per
/// customer in SQL), and hands the facts to <see cref="CampaignAnalysis"/> and the measurement domain.
/// </summary>
public sealed partial class CampaignsService(IDbContextFactory<DashboardDbContext> dbFactory, ILogger<CampaignsService> logger, ViewCache? cache = null)
{
    /// <summary>Campaigns whose window overlaps <paramref name="range"/> (all when null), newest first, with their headline lift.</summary>
    public Task<CampaignListView> ListAsync(CampaignListQuery query, DayRange? range, CancellationToken ct) =>
        cache.GetOrComputeAsync(ViewCacheExtensions.Key("campaigns", query, range?.From, range?.To), c => ComputeListAsync(query, range, c), ct);

    private async Task<CampaignListView> ComputeListAsync(CampaignListQuery query, DayRange? range, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaigns = db.Campaigns.AsNoTracking();
        if (range is { } r)
        {
            var (from, to) = (r.FromUtc, r.ToExclusiveUtc);
            campaigns = campaigns.Where(c => c.StartUtc < to && c.EndUtc > from);
        }
        var summaries = await Summaries(campaigns).ToListAsync(ct);
        var rows = new List<CampaignListRow>();
        foreach (var campaign in summaries.OrderByDescending(c => c.StartUtc).ThenBy(c => c.Code, StringComparer.Ordinal))
        {
            var windowEnd = campaign.EndUtc.AddDays(query.AttributionDays);
            var targeted = await LoadAssignedAsync(db, campaign, windowEnd, ct);
            var control = targeted.LongCount(t => t.IsControl);
            CampaignHeadline? headline = null;
            string? problem = null;
            try
            {
                if (targeted.Count > 0 && control > 0)
                {
                    headline = CampaignAnalysis.Headline(targeted, campaign);
                }
                else if (targeted.Count > 0)
                {
                    var candidates = await LoadCandidatesAsync(db, campaign, windowEnd, ct);
                    headline = CampaignAnalysis.Headline(CampaignAnalysis.Observational(targeted, candidates, MatchingMethod.ExactStrata), campaign);
                }
            }
            catch (ArgumentException ex)
            {
                problem = ex.Message;
            }
            rows.Add(new CampaignListRow(campaign, targeted.Count, control, headline, problem));
        }
        LogListed(logger, rows.Count, query.AttributionDays);
        return new CampaignListView(rows, query.AttributionDays);
    }

    /// <summary>Everything the campaign page shows; null when there is no such campaign.</summary>
    public Task<CampaignView?> LoadAsync(int id, CampaignQuery query, CancellationToken ct) =>
        cache.GetOrComputeAsync(ViewCacheExtensions.Key("campaign", id, query), c => ComputeAsync(id, query, c), ct);

    private async Task<CampaignView?> ComputeAsync(int id, CampaignQuery query, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = await Summaries(db.Campaigns.AsNoTracking().Where(c => c.Id == id)).SingleOrDefaultAsync(ct);
        if (campaign is null)
        {
            return null;
        }
        var windowEnd = campaign.EndUtc.AddDays(query.AttributionDays);
        var targeted = await LoadAssignedAsync(db, campaign, windowEnd, ct);
        ExperimentView? experiment = null;
        ObservationalView? observational = null;
        IReadOnlyList<CrowdFlowArm>? flow = null;
        CampaignHeadline? headline = null;
        string? problem = null;
        var shown = targeted;
        try
        {
            if (targeted.Count == 0)
            {
                problem = "No customers are assigned to this campaign.";
            }
            else if (targeted.Any(t => t.IsControl))
            {
                experiment = CampaignAnalysis.Experiment(targeted, campaign);
                headline = CampaignAnalysis.Headline(targeted, campaign);
                flow = CampaignAnalysis.CrowdFlow(targeted, CampaignAnalysis.ArmOrder(targeted), experiment.Result.Control.Arm);
            }
            else
            {
                var candidates = await LoadCandidatesAsync(db, campaign, windowEnd, ct);
                observational = CampaignAnalysis.Observational(targeted, candidates, query.Matching);
                headline = CampaignAnalysis.Headline(observational, campaign);
                // The comparison arm of the charts: untargeted customers of the strata the targeted customers occupy.
                var strata = targeted.Select(CampaignAnalysis.Stratum).ToHashSet(StringComparer.Ordinal);
                shown = [.. targeted, .. candidates.Where(c => strata.Contains(CampaignAnalysis.Stratum(c)))];
                flow = CampaignAnalysis.CrowdFlow(shown, ArmsOf(shown), CampaignAnalysis.ComparisonArm);
            }
        }
        catch (ArgumentException ex)
        {
            problem = ex.Message;
        }

        var arms = ArmsOf(shown);
        var view = new CampaignView(campaign, query, windowEnd, experiment, observational, headline,
            CampaignAnalysis.Funnel(shown, arms),
            CampaignAnalysis.Cumulative(shown, arms, campaign.StartUtc, windowEnd),
            CampaignAnalysis.Acquisition(shown, arms),
            CampaignAnalysis.StageMix(shown, arms),
            flow,
            problem);
        LogLoaded(logger, campaign.Code, targeted.Count, query.AttributionDays);
        return view;
    }

    // The comparison arm (observational) goes first, like a control group.
    private static IReadOnlyList<string> ArmsOf(IReadOnlyList<CampaignCustomer> rows)
    {
        var arms = CampaignAnalysis.ArmOrder(rows);
        return arms.Contains(CampaignAnalysis.ComparisonArm) ? [CampaignAnalysis.ComparisonArm, .. arms.Where(a => a != CampaignAnalysis.ComparisonArm)] : arms;
    }

    private static IQueryable<CampaignSummary> Summaries(IQueryable<Campaign> campaigns) =>
        campaigns.Select(c => new CampaignSummary(c.Id, c.Code, c.Name, c.AdChannel!.Name, c.StartUtc, c.EndUtc, c.Cost, c.TargetAudience, c.PlannedControlShare));

    private static async Task<List<CampaignCustomer>> LoadAssignedAsync(DashboardDbContext db, CampaignSummary campaign, DateTime windowEnd, CancellationToken ct)
    {
        var assigned = db.CampaignAssignments.AsNoTracking().Where(a => a.CampaignId == campaign.Id);
        var arms = await assigned.Select(a => new { a.CustomerId, a.Arm, a.IsControl }).ToListAsync(ct);
        var facts = await LoadFactsAsync(db, assigned.Select(a => a.CustomerId), campaign, windowEnd, ct);
        return arms.Select(a => facts.Build(a.CustomerId, a.Arm, a.IsControl)).ToList();
    }

    /// <summary>Untargeted customers who already existed at the start: the pool of an observational comparison.</summary>
    private static async Task<List<CampaignCustomer>> LoadCandidatesAsync(DashboardDbContext db, CampaignSummary campaign, DateTime windowEnd, CancellationToken ct)
    {
        var start = campaign.StartUtc;
        var id = campaign.Id;
        var pool = db.Customers.AsNoTracking()
            .Where(c => c.FirstSeenUtc < start && !db.CampaignAssignments.Any(a => a.CampaignId == id && a.CustomerId == c.Id))
            .Select(c => c.Id);
        var facts = await LoadFactsAsync(db, pool, campaign, windowEnd, ct);
        return facts.Customers.Keys.Select(c => facts.Build(c, CampaignAnalysis.ComparisonArm, false)).ToList();
    }

    /// <summary>Three GROUP BY customer queries (orders, touchpoints, profiles) over the customers in <paramref name="ids"/>.</summary>
    private static async Task<CustomerFacts> LoadFactsAsync(DashboardDbContext db, IQueryable<long> ids, CampaignSummary campaign, DateTime windowEnd, CancellationToken ct)
    {
        var start = campaign.StartUtc;
        var preStart = start.AddDays(-CampaignAnalysis.PrePeriodDays);
        var engagedFrom = start.AddDays(-CampaignStage.EngagementDays);
        var engagedAfterFrom = windowEnd.AddDays(-CampaignStage.EngagementDays);
        var campaignId = campaign.Id;

        var orders = await db.Orders.AsNoTracking()
            .Where(o => o.PlacedAtUtc < windowEnd && ids.Contains(o.CustomerId))
            .GroupBy(o => o.CustomerId)
            .Select(g => new OrderFacts(
                g.Key,
                g.Min(o => o.PlacedAtUtc),
                g.Min(o => o.PlacedAtUtc >= start ? (DateTime?)o.PlacedAtUtc : null),
                g.Sum(o => o.PlacedAtUtc < start ? 1 : 0),
                g.Sum(o => o.PlacedAtUtc >= start ? 1 : 0),
                g.Sum(o => o.PlacedAtUtc >= start ? o.Total : 0.0),
                g.Sum(o => o.PlacedAtUtc >= preStart && o.PlacedAtUtc < start ? o.Total : 0.0)))
            .ToDictionaryAsync(o => o.CustomerId, ct);

        var touches = await db.Touchpoints.AsNoTracking()
            .Where(t => t.OccurredAtUtc >= engagedFrom && t.OccurredAtUtc < windowEnd && ids.Contains(t.CustomerId))
            .GroupBy(t => t.CustomerId)
            .Select(g => new TouchFacts(
                g.Key,
                g.Sum(t => t.CampaignId == campaignId && (t.Type == TouchpointType.Impression || t.Type == TouchpointType.MessageSent) ? 1 : 0),
                g.Sum(t => t.OccurredAtUtc >= start && t.Type == TouchpointType.Click ? 1 : 0),
                g.Sum(t => t.OccurredAtUtc >= start && t.Type == TouchpointType.Visit ? 1 : 0),
                g.Sum(t => t.OccurredAtUtc >= start && t.Type == TouchpointType.AddToCart ? 1 : 0),
                g.Sum(t => t.OccurredAtUtc < start && (t.Type == TouchpointType.Visit || t.Type == TouchpointType.Click || t.Type == TouchpointType.AddToCart) ? 1 : 0),
                g.Sum(t => t.OccurredAtUtc >= engagedAfterFrom && (t.Type == TouchpointType.Visit || t.Type == TouchpointType.Click || t.Type == TouchpointType.AddToCart) ? 1 : 0)))
            .ToDictionaryAsync(t => t.CustomerId, ct);

        var customers = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.CityTier })
            .ToDictionaryAsync(c => c.Id, c => c.CityTier, ct);
        return new CustomerFacts(start, windowEnd, orders, touches, customers);
    }

    private sealed record OrderFacts(long CustomerId, DateTime FirstEver, DateTime? FirstInWindow, int Before, int InWindow, double Revenue, double PreSpend);

    private sealed record TouchFacts(long CustomerId, int Exposures, int Clicks, int Visits, int Carts, int EngagedBefore, int EngagedAfter);

    private sealed record CustomerFacts(
        DateTime StartUtc,
        DateTime WindowEndUtc,
        Dictionary<long, OrderFacts> Orders,
        Dictionary<long, TouchFacts> Touches,
        Dictionary<long, int?> Customers)
    {
        public CampaignCustomer Build(long customerId, string arm, bool isControl)
        {
            var o = Orders.GetValueOrDefault(customerId);
            var t = Touches.GetValueOrDefault(customerId);
            var before = o?.Before ?? 0;
            var inWindow = o?.InWindow ?? 0;
            return new CampaignCustomer(
                customerId,
                arm,
                isControl,
                Customers.GetValueOrDefault(customerId),
                Exposed: t?.Exposures > 0,
                Clicked: t?.Clicks > 0,
                Visited: t?.Visits > 0,
                AddedToCart: t?.Carts > 0,
                Orders: inWindow,
                Revenue: o?.Revenue ?? 0,
                FirstOrderInWindowUtc: o?.FirstInWindow,
                NewCustomer: o is not null && o.FirstEver >= StartUtc,
                PreSpend: o?.PreSpend ?? 0,
                PreOrders: before,
                StageBefore: CampaignStage.Of(before, t?.EngagedBefore > 0),
                StageAfter: CampaignStage.Of(before + inWindow, t?.EngagedAfter > 0));
        }
    }

    [LoggerMessage(LogLevel.Debug, "Listed {Campaigns} campaigns with a {AttributionDays}-day attribution window")]
    private static partial void LogListed(ILogger logger, int campaigns, int attributionDays);

    [LoggerMessage(LogLevel.Debug, "Analyzed campaign {Code}: {Targeted} targeted customers, {AttributionDays}-day attribution window")]
    private static partial void LogLoaded(ILogger logger, string code, int targeted, int attributionDays);
}
