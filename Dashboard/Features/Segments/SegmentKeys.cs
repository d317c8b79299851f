using Dashboard.Domain.Segmentation;

namespace Dashboard.Features.Segments;

/// <summary>
/// The keys segments, stages, strategies and VAP cells have in URLs and saved audiences: enum names
/// ("CantLoseThem", "FirstPurchase", "WinBack") and, for a VAP cell, three letters L/M/H for value, attrition and
/// potential ("HLM" = high value, low attrition, medium potential). Parsing is case-insensitive; bad keys are null.
/// </summary>
public static class SegmentKeys
{
    public static RfmSegment? Segment(string? key) => ParseEnum<RfmSegment>(key);

    public static LifecycleStage? Stage(string? key) => ParseEnum<LifecycleStage>(key);

    public static VapStrategy? Strategy(string? key) => ParseEnum<VapStrategy>(key);

    public static string CellKey(VapLevel value, VapLevel attrition, VapLevel potential) =>
        string.Concat(Letter(value), Letter(attrition), Letter(potential));

    public static (VapLevel Value, VapLevel Attrition, VapLevel Potential)? Cell(string? key)
    {
        if (key is not { Length: 3 })
        {
            return null;
        }
        var levels = key.ToUpperInvariant().Select(c => c switch { 'L' => VapLevel.Low, 'M' => VapLevel.Medium, 'H' => VapLevel.High, _ => (VapLevel?)null }).ToArray();
        return levels.All(l => l.HasValue) ? (levels[0]!.Value, levels[1]!.Value, levels[2]!.Value) : null;
    }

    /// <summary>The level's English name ("Low"), for display (localized by the page).</summary>
    public static string LevelName(VapLevel level) => level.ToString();

    /// <summary>The strategy's English display name ("Win back").</summary>
    public static string StrategyName(VapStrategy strategy) => strategy switch
    {
        VapStrategy.WinBack => "Win back",
        VapStrategy.LetGo => "Let go",
        _ => strategy.ToString(),
    };

    private static char Letter(VapLevel level) => level switch { VapLevel.Low => 'L', VapLevel.Medium => 'M', _ => 'H' };

    private static T? ParseEnum<T>(string? key) where T : struct, Enum =>
        !string.IsNullOrWhiteSpace(key) && !key.Any(char.IsDigit) && Enum.TryParse<T>(key, ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : null;
}
