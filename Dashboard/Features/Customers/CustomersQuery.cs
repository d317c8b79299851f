using System.Globalization;
using Dashboard.Features.Segments;

namespace Dashboard.Features.Customers;

/// <summary>The sortable columns of the customer list (each has an index: see the README).</summary>
public enum CustomerSort
{
    Id,
    Name,
    FirstSeen,
    LastOrder,
    Revenue,
}

/// <summary>
/// The customer list's URL state: search, filters, sort and page. Parsed from query values, where a bad value
/// falls back to its default (never throws); <c>DashboardUrls.Customers(CustomersQuery, DayRange)</c> writes it back.
/// The segment criteria (segment, tier, stage, vap, strategy, period) are those of the Segments page's links
/// (<see cref="CustomerSegmentFilter"/>); "source" here means "has an identity in that source" (any source, not only
/// the acquisition source), so a link from a segment's row lists a superset of that row's customers.
/// </summary>
/// <param name="Search">Name prefix, phone, e-mail, member number or any source id.</param>
/// <param name="Source">A source code (customers with an identity there).</param>
/// <param name="CityTier">1..5.</param>
/// <param name="Page">0-based page (1-based in the URL).</param>
/// <param name="Segments">Segment snapshot criteria (without source); null when none is set.</param>
public sealed record CustomersQuery(
    string? Search = null,
    string? Source = null,
    int? CityTier = null,
    DateOnly? SeenFrom = null,
    DateOnly? SeenTo = null,
    DateOnly? BoughtFrom = null,
    DateOnly? BoughtTo = null,
    CustomerSort Sort = CustomerSort.Id,
    bool Descending = false,
    int Page = 0,
    int PageSize = CustomersQuery.DefaultPageSize,
    CustomerSegmentFilter? Segments = null)
{
    public const int DefaultPageSize = 25;

    public static readonly int[] PageSizes = [10, 25, 50, 100];

    public static CustomersQuery Default { get; } = new();

    /// <summary>Search and filters only (what decides the result set, not which page of it).</summary>
    public CustomersQuery Filters => this with { Sort = CustomerSort.Id, Descending = false, Page = 0, PageSize = DefaultPageSize };

    public bool HasFilters => Filters != Default;

    public static CustomersQuery Parse(Func<string, string?> value) => new(
        Search: Text(value("q"), 100),
        Source: Text(value("source"), 40)?.ToLowerInvariant(),
        CityTier: int.TryParse(value("city"), NumberStyles.None, CultureInfo.InvariantCulture, out var tier) && tier is >= 1 and <= 5 ? tier : null,
        SeenFrom: Day(value("seenFrom")),
        SeenTo: Day(value("seenTo")),
        BoughtFrom: Day(value("boughtFrom")),
        BoughtTo: Day(value("boughtTo")),
        Sort: Enum.TryParse<CustomerSort>(value("sort"), ignoreCase: true, out var sort) && Enum.IsDefined(sort) && !int.TryParse(value("sort"), out _)
            ? sort : CustomerSort.Id,
        Descending: value("desc") is "1" or "true",
        Page: int.TryParse(value("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page is >= 1 and <= 1_000_000 ? page - 1 : 0,
        PageSize: int.TryParse(value("size"), NumberStyles.None, CultureInfo.InvariantCulture, out var size) && PageSizes.Contains(size) ? size : DefaultPageSize,
        Segments: CustomerSegmentFilter.Parse(value(CustomerSegmentFilter.SegmentParameter), value(CustomerSegmentFilter.TierParameter),
            value(CustomerSegmentFilter.StageParameter), value(CustomerSegmentFilter.VapCellParameter), value(CustomerSegmentFilter.StrategyParameter),
            null, value(CustomerSegmentFilter.PeriodParameter)) is { IsEmpty: false } segments ? segments : null);

    private static string? Text(string? value, int max)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed.Length > max ? trimmed[..max] : trimmed;
    }

    private static DateOnly? Day(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}

/// <summary>The single customer view's URL state: the timeline's channel (source code) and type filters and page.</summary>
/// <param name="Type">"order" or a touchpoint type in camel case ("click", "visit", ...).</param>
public sealed record CustomerQuery(string? Channel = null, string? Type = null, int Page = 0)
{
    public const int TimelinePageSize = 20;

    public static readonly string[] Types = ["order", "impression", "click", "visit", "messageSent", "messageOpened", "addToCart"];

    public static CustomerQuery Parse(Func<string, string?> value) => new(
        Channel: value("channel")?.Trim().ToLowerInvariant() is { Length: > 0 and <= 40 } channel ? channel : null,
        Type: Types.FirstOrDefault(t => string.Equals(t, value("type")?.Trim(), StringComparison.OrdinalIgnoreCase)),
        Page: int.TryParse(value("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page is >= 1 and <= 100_000 ? page - 1 : 0);
}
