using System.Globalization;
using System.Text.Json;
using Dashboard.Domain.Audiences;
using Dashboard.Features.Segments;

namespace Dashboard.Features.Lookalike;

/// <summary>
/// The /audiences/lookalike URL state: the seed (segment filter parameters as on /customers, or audience=ID), an optional
/// pinned run (run=ID, e.g. a run on an uploaded list), the expansion size in percent of the pool (size=1..20) and
/// whether purchase features are used (purchases=off to reach prospects). Bad values fall back to defaults.
/// </summary>
public sealed record LookalikeQuery(CustomerSegmentFilter Filter, long? AudienceId = null, long? RunId = null, int SizePercent = LookalikeQuery.DefaultSize, bool UsePurchases = true)
{
    public const int DefaultSize = 5;
    public const string AudienceParameter = "audience";
    public const string RunParameter = "run";
    public const string SizeParameter = "size";
    public const string PurchasesParameter = "purchases";

    public static LookalikeQuery Default { get; } = new(new CustomerSegmentFilter());

    /// <summary>True when the URL names a seed (a filter, an audience or a run).</summary>
    public bool HasSeed => !Filter.IsEmpty || AudienceId is not null || RunId is not null;

    /// <summary>The seed these parameters describe (an audience wins over a filter); null without one.</summary>
    public LookalikeParameters? Parameters => AudienceId is { } a
        ? new LookalikeParameters { AudienceId = a, UsePurchaseFeatures = UsePurchases }
        : Filter.IsEmpty ? null : LookalikeParameters.FromFilter(Filter, UsePurchases);

    public static LookalikeQuery Parse(
        string? segment, string? tier, string? stage, string? vap, string? strategy, string? source, string? period,
        string? audience, string? run, string? size, string? purchases) =>
        new(CustomerSegmentFilter.Parse(segment, tier, stage, vap, strategy, source, period),
            Id(audience), Id(run),
            int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s is >= LookalikeExpansion.MinPercent and <= LookalikeExpansion.MaxPercent ? s : DefaultSize,
            !string.Equals(purchases, "off", StringComparison.Ordinal));

    /// <summary>Query pairs in a fixed order, defaults left out.</summary>
    public IEnumerable<KeyValuePair<string, string?>> ToQuery()
    {
        foreach (var pair in Filter.ToQuery())
        {
            yield return pair;
        }
        yield return new(AudienceParameter, AudienceId?.ToString(CultureInfo.InvariantCulture));
        yield return new(RunParameter, RunId?.ToString(CultureInfo.InvariantCulture));
        yield return new(SizeParameter, SizePercent == DefaultSize ? null : SizePercent.ToString(CultureInfo.InvariantCulture));
        yield return new(PurchasesParameter, UsePurchases ? null : "off");
    }

    private static long? Id(string? value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
}

/// <summary>
/// The parameters of a "lookalike" model run (its ParametersJson): exactly one seed — a segment filter (the
/// <see cref="CustomerSegmentFilter"/> URL keys), a saved audience, or an uploaded list of customer ids — and whether
/// the model may use purchase features.
/// </summary>
public sealed record LookalikeParameters
{
    /// <summary>At most this many ids in an uploaded seed list.</summary>
    public const int MaxUploadedIds = 1_000_000;

    public string? Segment { get; init; }
    public string? Tier { get; init; }
    public string? Stage { get; init; }
    public string? Vap { get; init; }
    public string? Strategy { get; init; }
    public string? Source { get; init; }
    public string? Period { get; init; }
    public long? AudienceId { get; init; }
    public IReadOnlyList<long>? CustomerIds { get; init; }
    /// <summary>A name for an uploaded list (its file name), shown on the page.</summary>
    public string? ListName { get; init; }
    public bool UsePurchaseFeatures { get; init; } = true;

    public CustomerSegmentFilter Filter => CustomerSegmentFilter.Parse(Segment, Tier, Stage, Vap, Strategy, Source, Period);

    /// <summary>Identifies the seed (not the feature choice), to find the latest run for a URL: "filter:...", "audience:ID" or "list".</summary>
    public string SeedKey => CustomerIds is not null ? "list"
        : AudienceId is { } a ? "audience:" + a.ToString(CultureInfo.InvariantCulture)
        : "filter:" + string.Join("&", Filter.ToQuery().Where(p => p.Value is not null).Select(p => p.Key + "=" + p.Value));

    public static LookalikeParameters FromFilter(CustomerSegmentFilter f, bool usePurchases)
    {
        var q = f.ToQuery().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        return new LookalikeParameters
        {
            Segment = q[CustomerSegmentFilter.SegmentParameter],
            Tier = q[CustomerSegmentFilter.TierParameter],
            Stage = q[CustomerSegmentFilter.StageParameter],
            Vap = q[CustomerSegmentFilter.VapCellParameter],
            Strategy = q[CustomerSegmentFilter.StrategyParameter],
            Source = q[CustomerSegmentFilter.SourceParameter],
            Period = q[CustomerSegmentFilter.PeriodParameter],
            UsePurchaseFeatures = usePurchases,
        };
    }

    public string ToJson() => JsonSerializer.Serialize(this, Cli.CliApp.JsonOptions);

    /// <summary>Reads a run's parameters; null when missing or malformed.</summary>
    public static LookalikeParameters? FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<LookalikeParameters>(json, Cli.CliApp.JsonOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
