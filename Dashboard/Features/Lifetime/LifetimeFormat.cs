using System.Globalization;

namespace Dashboard.Features.Lifetime;

/// <summary>Number formats of the lifetime components.</summary>
public static class LifetimeFormat
{
    /// <summary>"24%": a fraction as a whole percent with the reader's digits, no space before the sign.</summary>
    public static string Percent(double fraction) => (fraction * 100).ToString("N0", CultureInfo.CurrentCulture) + "%";

    /// <summary>"+52%" / "−8%": the signed relative difference of a forecast from the actual ("—" without an actual).</summary>
    public static string Difference(double value, double actual) =>
        actual > 0 ? (value / actual - 1 >= 0 ? "+" : "−") + Percent(Math.Abs(value / actual - 1)) : "—";
}
