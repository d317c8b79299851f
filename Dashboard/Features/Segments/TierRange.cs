using System.Globalization;
using Dashboard.Domain.Segmentation;

namespace Dashboard.Features.Segments;

/// <summary>
/// A value tier as a slice of buyers ranked by value (highest first): from <see cref="FromPercent"/> to
/// <see cref="ToPercent"/>. Its key ("0-1" = the top 1%, "50-100" = the bottom half) is what URLs and saved
/// audiences carry, so a tier means the same customers whatever pyramid configuration produced the link.
/// </summary>
public readonly record struct TierRange(double FromPercent, double ToPercent)
{
    /// <summary>Tier keys of <see cref="ValuePyramid.DefaultTiers"/>, top first.</summary>
    public static IReadOnlyList<TierRange> Default { get; } = FromTiers(ValuePyramid.DefaultTiers);

    public string Key => Format(FromPercent) + "-" + Format(ToPercent);

    /// <summary>
    /// 1-based ranks in the tier are (Start, End]: the same boundaries as <see cref="ValuePyramid.Build"/>
    /// (rank boundary = round-half-up(buyers × cumulative percent / 100)), so a tier here and a pyramid tier agree.
    /// </summary>
    public (int Start, int End) RankBounds(int buyers) => (Boundary(buyers, FromPercent), Boundary(buyers, ToPercent));

    /// <summary>Consecutive ranges from tier shares (top first, summing to 100).</summary>
    public static IReadOnlyList<TierRange> FromTiers(IReadOnlyList<PyramidTier> tiers)
    {
        var result = new List<TierRange>(tiers.Count);
        double from = 0;
        for (var i = 0; i < tiers.Count; i++)
        {
            var to = i == tiers.Count - 1 ? 100 : from + tiers[i].Percent;
            result.Add(new TierRange(from, to));
            from = to;
        }
        return result;
    }

    /// <summary>Parses "a-b" with 0 ≤ a &lt; b ≤ 100 (invariant culture); anything else is null.</summary>
    public static TierRange? TryParse(string? key)
    {
        var parts = key?.Split('-');
        if (parts is not { Length: 2 }
            || !double.TryParse(parts[0], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var from)
            || !double.TryParse(parts[1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var to)
            || !(from >= 0 && from < to && to <= 100))
        {
            return null;
        }
        return new TierRange(from, to);
    }

    // Percent values are rounded to 4 decimals so that float sums (0.1 + 0.2) still give short, stable keys.
    private static string Format(double percent) => Math.Round(percent, 4).ToString("0.####", CultureInfo.InvariantCulture);

    private static int Boundary(int n, double percent) =>
        percent >= 100 ? n : (int)Math.Min(n, Math.Floor(n * percent / 100 + 0.5));
}
