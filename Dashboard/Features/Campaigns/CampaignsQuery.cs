using System.Globalization;
using Dashboard.Domain.Measurement;

namespace Dashboard.Features.Campaigns;

/// <summary>The metric a campaign's lift chart shows.</summary>
public enum CampaignMetric
{
    Conversion,
    Response,
    Revenue,
}

/// <summary>
/// The campaign page's URL state: the attribution window added after the campaign's end (days), the metric of
/// the lift chart, and the matching method of the observational comparison (used only without a holdout).
/// </summary>
public sealed record CampaignQuery(int AttributionDays = CampaignQuery.DefaultAttributionDays, CampaignMetric Metric = CampaignMetric.Conversion, MatchingMethod Matching = MatchingMethod.ExactStrata)
{
    public const int DefaultAttributionDays = 7;
    public const int MaxAttributionDays = 90;
    public const string AttributionParameter = "attr";
    public const string MetricParameter = "metric";
    public const string MatchingParameter = "match";

    /// <summary>The attribution windows offered in the UI (any 0–90 in the URL is accepted).</summary>
    public static IReadOnlyList<int> AttributionChoices { get; } = [0, 3, 7, 14, 30];

    /// <summary>Parses the query values; anything missing or malformed falls back to its default.</summary>
    public static CampaignQuery Parse(string? attribution, string? metric, string? matching) => new(
        ParseAttribution(attribution),
        metric?.ToLowerInvariant() switch
        {
            "response" => CampaignMetric.Response,
            "revenue" => CampaignMetric.Revenue,
            _ => CampaignMetric.Conversion,
        },
        string.Equals(matching, "propensity", StringComparison.OrdinalIgnoreCase) ? MatchingMethod.PropensityScore : MatchingMethod.ExactStrata);

    public static int ParseAttribution(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days <= MaxAttributionDays
            ? days
            : DefaultAttributionDays;

    /// <summary>The URL value of a metric.</summary>
    public static string MetricValue(CampaignMetric metric) => metric.ToString().ToLowerInvariant();

    /// <summary>The URL value of a matching method.</summary>
    public static string MatchingValue(MatchingMethod method) => method == MatchingMethod.PropensityScore ? "propensity" : "exact";
}

/// <summary>The campaign list's URL state: the attribution window of every headline.</summary>
public sealed record CampaignListQuery(int AttributionDays = CampaignQuery.DefaultAttributionDays)
{
    public static CampaignListQuery Parse(string? attribution) => new(CampaignQuery.ParseAttribution(attribution));
}
