using System.Globalization;
using Dashboard.Domain.Segmentation;
using Dashboard.Navigation;

namespace Dashboard.Features.Segments;

/// <summary>What crowd flow compares: RFM segments or lifecycle stages.</summary>
public enum FlowKind
{
    Segments,
    Stages,
}

/// <summary>
/// The Segments page's URL state. Null periods mean "the latest" (period) and "the last two stored periods"
/// (flow); <see cref="Tiers"/> are the pyramid's shares in percent, top first.
/// </summary>
public sealed record SegmentsQuery(
    DateOnly? Period = null, DateOnly? FlowFrom = null, DateOnly? FlowTo = null, FlowKind Flow = FlowKind.Segments,
    IReadOnlyList<double>? Tiers = null)
{
    public const string PeriodParameter = "period";
    public const string FlowFromParameter = "from-period";
    public const string FlowToParameter = "to-period";
    public const string FlowParameter = "flow";
    public const string TiersParameter = "tiers";

    public static SegmentsQuery Default { get; } = new();

    /// <summary>The pyramid tiers to draw: the configured shares, named "Top x%", "Next y%", …, "Bottom z%".</summary>
    public IReadOnlyList<PyramidTier> PyramidTiers => Tiers is { } t ? NameTiers(t) : ValuePyramid.DefaultTiers;

    /// <summary>Parses URL values; each bad value falls back to its default (never throws).</summary>
    public static SegmentsQuery Parse(string? period, string? flowFrom, string? flowTo, string? flow, string? tiers) => new(
        Day(period), Day(flowFrom), Day(flowTo),
        string.Equals(flow, "stages", StringComparison.OrdinalIgnoreCase) ? FlowKind.Stages : FlowKind.Segments,
        ParseTiers(tiers));

    /// <summary>"1,4,15,30,50" → shares; null unless 1–10 shares, each &gt; 0, summing to 100 (± 0.01).</summary>
    public static IReadOnlyList<double>? ParseTiers(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var shares = new List<double>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(part, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var share) || !(share > 0))
            {
                return null;
            }
            shares.Add(share);
        }
        if (shares.Count is < 1 or > 10 || Math.Abs(shares.Sum() - 100) > 0.01)
        {
            return null;
        }
        var defaults = ValuePyramid.DefaultTiers.Select(t => t.Percent);
        return shares.SequenceEqual(defaults) ? null : shares;
    }

    public static string FormatTiers(IReadOnlyList<double> shares) =>
        string.Join(',', shares.Select(s => s.ToString("0.##", CultureInfo.InvariantCulture)));

    public IEnumerable<KeyValuePair<string, string?>> ToQuery()
    {
        yield return new(PeriodParameter, Period is { } p ? DashboardUrls.Day(p) : null);
        yield return new(FlowFromParameter, FlowFrom is { } f ? DashboardUrls.Day(f) : null);
        yield return new(FlowToParameter, FlowTo is { } t ? DashboardUrls.Day(t) : null);
        yield return new(FlowParameter, Flow == FlowKind.Stages ? "stages" : null);
        yield return new(TiersParameter, Tiers is { } tiers ? FormatTiers(tiers) : null);
    }

    private static IReadOnlyList<PyramidTier> NameTiers(IReadOnlyList<double> shares) => shares.Select((s, i) =>
    {
        var percent = s.ToString("0.##", CultureInfo.InvariantCulture) + "%";
        var name = i == 0 ? "Top " + percent : i == shares.Count - 1 ? "Bottom " + percent : "Next " + percent;
        return new PyramidTier(name, s);
    }).ToList();

    private static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text, DayRange.Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
