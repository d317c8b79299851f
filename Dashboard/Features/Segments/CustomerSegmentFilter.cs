using Dashboard.Domain.Segmentation;

namespace Dashboard.Features.Segments;

/// <summary>
/// Which customers to select from a segment snapshot: every criterion that is set must hold. Shared by the
/// customer list (<c>/customers?tier=0-1&amp;period=2026-10-31</c>), saved audiences and the crowd-package export.
/// </summary>
/// <param name="Tier">A value tier by rank range (see <see cref="TierRange"/>), independent of the pyramid configuration.</param>
/// <param name="VapCell">A VAP cell key such as "HLM" (see <see cref="SegmentKeys.Cell"/>).</param>
/// <param name="Source">Acquisition source code (e.g. "tmall").</param>
/// <param name="Period">The snapshot's period end; null = the latest stored period.</param>
public sealed record CustomerSegmentFilter(
    RfmSegment? Segment = null,
    TierRange? Tier = null,
    LifecycleStage? Stage = null,
    string? VapCell = null,
    VapStrategy? Strategy = null,
    string? Source = null,
    DateOnly? Period = null)
{
    public const string SegmentParameter = "segment";
    public const string TierParameter = "tier";
    public const string StageParameter = "stage";
    public const string VapCellParameter = "vap";
    public const string StrategyParameter = "strategy";
    public const string SourceParameter = "source";
    public const string PeriodParameter = "period";

    /// <summary>True when no criterion is set (every customer of the period).</summary>
    public bool IsEmpty => Segment is null && Tier is null && Stage is null && VapCell is null && Strategy is null && Source is null;

    /// <summary>Parses URL query values; each bad or missing value is left unset (never throws).</summary>
    public static CustomerSegmentFilter Parse(
        string? segment, string? tier, string? stage, string? vapCell, string? strategy, string? source, string? period) =>
        new(SegmentKeys.Segment(segment),
            TierRange.TryParse(tier),
            SegmentKeys.Stage(stage),
            SegmentKeys.Cell(vapCell) is { } c ? SegmentKeys.CellKey(c.Value, c.Attrition, c.Potential) : null,
            SegmentKeys.Strategy(strategy),
            SourceCode(source),
            DateOnly.TryParseExact(period, Navigation.DayRange.Format, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var p) ? p : null);

    /// <summary>Query pairs in a fixed order, unset criteria left out.</summary>
    public IEnumerable<KeyValuePair<string, string?>> ToQuery()
    {
        yield return new(SegmentParameter, Segment?.ToString());
        yield return new(TierParameter, Tier?.Key);
        yield return new(StageParameter, Stage?.ToString());
        yield return new(VapCellParameter, VapCell);
        yield return new(StrategyParameter, Strategy?.ToString());
        yield return new(SourceParameter, Source);
        yield return new(PeriodParameter, Period is { } p ? Navigation.DashboardUrls.Day(p) : null);
    }

    // Source codes are lower-case words ("tmall", "wechat-mini"); anything else is ignored.
    private static string? SourceCode(string? code) =>
        code is { Length: > 0 and <= 40 } && code.All(ch => char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch is '-' or '_') ? code : null;
}
