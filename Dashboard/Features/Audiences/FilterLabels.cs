using System.Globalization;
using Dashboard.Domain.Segmentation;
using Dashboard.Features.Segments;
using Dashboard.Resources;
using Microsoft.Extensions.Localization;

namespace Dashboard.Features.Audiences;

/// <summary>Readable, localized labels for filter values (chips, select items).</summary>
public static class FilterLabels
{
    public static string Segment(RfmSegment s, IStringLocalizer<Strings> l) => l[RfmSegmentation.NameOf(s)];

    public static string Stage(LifecycleStage s, IStringLocalizer<Strings> l) => l[Lifecycle.NameOf(s)];

    public static string Strategy(VapStrategy s, IStringLocalizer<Strings> l) => l[SegmentKeys.StrategyName(s)];

    /// <summary>"Top 1%" for a default tier, else "20–50%".</summary>
    public static string Tier(TierRange t, IStringLocalizer<Strings> l)
    {
        var i = TierRange.Default.ToList().IndexOf(t);
        return i >= 0
            ? TierNames.Localize(ValuePyramid.DefaultTiers[i].Name, l)
            : string.Create(CultureInfo.InvariantCulture, $"{t.FromPercent:0.##}–{t.ToPercent:0.##}%");
    }

    /// <summary>"V high · A low · P medium".</summary>
    public static string Cell(string key, IStringLocalizer<Strings> l) => SegmentKeys.Cell(key) is { } c
        ? $"V {l[c.Value.ToString()]} · A {l[c.Attrition.ToString()]} · P {l[c.Potential.ToString()]}"
        : key;

    /// <summary>Every VAP cell key, high value first.</summary>
    public static IReadOnlyList<string> AllCells { get; } =
        (from v in Enum.GetValues<VapLevel>().Reverse()
         from a in Enum.GetValues<VapLevel>()
         from p in Enum.GetValues<VapLevel>()
         select SegmentKeys.CellKey(v, a, p)).ToList();
}
