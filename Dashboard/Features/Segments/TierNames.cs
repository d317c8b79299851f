using Dashboard.Resources;
using Microsoft.Extensions.Localization;

namespace Dashboard.Features.Segments;

/// <summary>Localizes generated tier names ("Top 1%", "Next 4%", "Bottom 50%").</summary>
public static class TierNames
{
    public static string Localize(string name, IStringLocalizer<Strings> l)
    {
        foreach (var prefix in new[] { "Top", "Next", "Bottom" })
        {
            if (name.StartsWith(prefix + " ", StringComparison.Ordinal))
            {
                return l[prefix + " {0}", name[(prefix.Length + 1)..]];
            }
        }
        return name;
    }
}
