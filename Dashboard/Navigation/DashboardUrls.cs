using System.Globalization;
using Dashboard.Domain.Measurement;
using Dashboard.Features.Campaigns;
using Dashboard.Features.Lifetime;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Navigation;

/// <summary>
/// Builds every shareable link. Defaults are left out, values use the invariant culture, and
/// parameters keep a fixed order so equal views give equal links.
/// </summary>
public static class DashboardUrls
{
    public const string FromParameter = "from";
    public const string ToParameter = "to";

    public static string Overview(DayRange? range = null) => WithRange("/", range);

    public static string Data() => "/data";

    /// <summary>The team's saved views.</summary>
    public static string SavedViews() => "/views";

    /// <summary>A saved view's short link.</summary>
    public static string SavedView(string token) => "/v/" + Uri.EscapeDataString(token);

    /// <summary>User administration (Admin).</summary>
    public static string Users() => "/admin/users";

    /// <summary>The audit log (Admin), optionally narrowed to one action code.</summary>
    public static string Audit(string? action = null) => Build("/admin/audit", [new("action", action)]);

    /// <summary>The campaign list; a non-default attribution window is written as attr=N.</summary>
    public static string Campaigns(CampaignListQuery? query = null, DayRange? range = null) =>
        Build("/campaigns", RangePairs(range).Append(Attribution(query?.AttributionDays ?? CampaignQuery.DefaultAttributionDays)));

    /// <summary>One campaign: attribution window, lift-chart metric and matching method, each only when not the default.</summary>
    public static string Campaign(int id, CampaignQuery? query = null, DayRange? range = null)
    {
        query ??= new CampaignQuery();
        return Build("/campaigns/" + id.ToString(CultureInfo.InvariantCulture), RangePairs(range).Concat(
        [
            Attribution(query.AttributionDays),
            new(CampaignQuery.MetricParameter, query.Metric == CampaignMetric.Conversion ? null : CampaignQuery.MetricValue(query.Metric)),
            new(CampaignQuery.MatchingParameter, query.Matching == MatchingMethod.ExactStrata ? null : CampaignQuery.MatchingValue(query.Matching)),
        ]));
    }

    /// <summary>The "Analyze a file" page (its state is the uploaded file, which cannot live in a link).</summary>
    public static string AnalyzeFile() => "/campaigns/analyze";

    private static KeyValuePair<string, string?> Attribution(int days) =>
        new(CampaignQuery.AttributionParameter, days == CampaignQuery.DefaultAttributionDays ? null : days.ToString(CultureInfo.InvariantCulture));
    /// <summary>The Budget page with its split, bounds and questions (defaults left out), keeping the date range.</summary>
    public static string Budget(Features.Budget.BudgetQuery? query = null, DayRange? range = null) =>
        Build("/budget", RangePairs(range).Concat(query?.ToPairs() ?? []));

    /// <summary>The Segments page; the app bar's range is kept when given.</summary>
    public static string Segments(Features.Segments.SegmentsQuery query, DayRange? range = null) =>
        Build("/segments", RangePairs(range).Concat(query.ToQuery()));

    /// <summary>
    /// The customer list filtered by segment, tier, stage, VAP cell or strategy, source and period, e.g.
    /// /customers?tier=0-1&amp;period=2026-10-31 (the list reads it with <see cref="Features.Segments.CustomerSegmentFilter.Parse"/>).
    /// </summary>
    public static string Customers(Features.Segments.CustomerSegmentFilter filter) => Build("/customers", filter.ToQuery());

    /// <summary>The audiences page; a filter pre-fills the new-audience form (e.g. from a segment's row).</summary>
    public static string Audiences(Features.Segments.CustomerSegmentFilter? filter = null) =>
        Build("/audiences", (filter ?? new()).ToQuery());

    public static string Audience(long id) => "/audiences/" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The lookalike page: seed (filter, audience or run), expansion size and feature choice, defaults left out.</summary>
    public static string Lookalike(Features.Lookalike.LookalikeQuery? query = null) =>
        Build("/audiences/lookalike", (query ?? Features.Lookalike.LookalikeQuery.Default).ToQuery());

    /// <summary>The next best products of an audience's members as CSV (customer_id, rank, sku).</summary>
    public static string AudienceRecommendations(long id, long? snapshotId = null) =>
        Build(Audience(id) + "/recommendations.csv", [new("snapshot", snapshotId?.ToString(CultureInfo.InvariantCulture))]);

    /// <summary>A product page (cold start: the audience its campaign signals found).</summary>
    public static string Product(string sku) => "/products/" + Uri.EscapeDataString(sku);

    public static string Products() => "/products";

    /// <summary>The crowd-package CSV of an audience: its definition evaluated now, or a frozen snapshot.</summary>
    public static string AudienceExport(long id, string preset, long? snapshotId = null) =>
        Build(Audience(id) + "/export", [new("preset", preset), new("snapshot", snapshotId?.ToString(CultureInfo.InvariantCulture))]);
    /// <summary>The customer list with its search, filters, sort and page (defaults left out); the date range rides along.</summary>
    public static string Customers(Features.Customers.CustomersQuery? query = null, DayRange? range = null)
    {
        var q = query ?? Features.Customers.CustomersQuery.Default;
        return Build("/customers", RangePairs(range).Concat(
        [
            new("q", q.Search),
            new("source", q.Source),
            new("city", q.CityTier?.ToString(CultureInfo.InvariantCulture)),
            new("seenFrom", q.SeenFrom is { } a ? Day(a) : null),
            new("seenTo", q.SeenTo is { } b ? Day(b) : null),
            new("boughtFrom", q.BoughtFrom is { } c ? Day(c) : null),
            new("boughtTo", q.BoughtTo is { } d ? Day(d) : null),
            new("sort", q.Sort == Features.Customers.CustomerSort.Id ? null : Camel(q.Sort.ToString())),
            new("desc", q.Descending ? "1" : null),
            new("page", q.Page > 0 ? (q.Page + 1).ToString(CultureInfo.InvariantCulture) : null),
            new("size", q.PageSize == Features.Customers.CustomersQuery.DefaultPageSize ? null : q.PageSize.ToString(CultureInfo.InvariantCulture)),
        ]).Concat((q.Segments ?? new()).ToQuery().Where(p => p.Key != Features.Segments.CustomerSegmentFilter.SourceParameter)));
    }

    /// <summary>One customer's page, with its timeline filters and page; the date range rides along.</summary>
    public static string Customer(long id, Features.Customers.CustomerQuery? query = null, DayRange? range = null)
    {
        var q = query ?? new Features.Customers.CustomerQuery();
        return Build($"/customers/{id.ToString(CultureInfo.InvariantCulture)}", RangePairs(range).Concat(
        [
            new("channel", q.Channel),
            new("type", q.Type),
            new("page", q.Page > 0 ? (q.Page + 1).ToString(CultureInfo.InvariantCulture) : null),
        ]));
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>The Lifetime value page with its CLV controls (defaults left out), keeping the app bar's range when given.</summary>
    public static string Lifetime(LifetimeQuery? query = null, DayRange? range = null)
    {
        var q = query ?? new LifetimeQuery();
        return Build("/lifetime", RangePairs(range).Concat(
        [
            new(LifetimeQuery.HorizonParameter, q.HorizonMonths == LifetimeQuery.DefaultHorizon ? null : q.HorizonMonths.ToString(CultureInfo.InvariantCulture)),
            new(LifetimeQuery.DiscountParameter, q.DiscountPercent == LifetimeQuery.DefaultDiscount ? null : q.DiscountPercent.ToString("0.#", CultureInfo.InvariantCulture)),
            new(LifetimeQuery.MarginParameter, q.MarginPercent == LifetimeQuery.DefaultMargin ? null : q.MarginPercent.ToString("0.#", CultureInfo.InvariantCulture)),
        ]));
    }

    /// <summary>A customer's 360 view.</summary>
    public static string Customer(long customerId) => "/customers/" + customerId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The same page and query with the date range replaced (or removed when null).</summary>
    public static string WithDateRange(string pathAndQuery, DayRange? range)
    {
        var queryStart = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? pathAndQuery : pathAndQuery[..queryStart];
        var query = queryStart < 0 ? [] : QueryHelpers.ParseQuery(pathAndQuery[queryStart..]);
        var kept = query.Where(kv => kv.Key is not FromParameter and not ToParameter)
            .SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string?>(kv.Key, v)));
        return Build(path, RangePairs(range).Concat(kept));
    }

    private static string WithRange(string path, DayRange? range) => Build(path, RangePairs(range));

    private static IEnumerable<KeyValuePair<string, string?>> RangePairs(DayRange? range) => range is { } r
        ? [new(FromParameter, Day(r.From)), new(ToParameter, Day(r.To))]
        : [];

    internal static string Day(DateOnly day) => day.ToString(DayRange.Format, CultureInfo.InvariantCulture);

    internal static string Build(string path, IEnumerable<KeyValuePair<string, string?>> pairs)
    {
        var list = pairs.Where(p => !string.IsNullOrEmpty(p.Value)).ToList();
        return list.Count == 0 ? path : QueryHelpers.AddQueryString(path, list);
    }
}
