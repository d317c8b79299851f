using System.Globalization;
using Dashboard.Domain.Lifetime;

namespace Dashboard.Features.Lifetime;

/// <summary>
/// The Lifetime value page's controls as they live in the URL: CLV horizon (months), annual discount rate and margin
/// (both in percent). Bad or out-of-range values fall back to the defaults; parsing never throws.
/// </summary>
public sealed record LifetimeQuery(int HorizonMonths = LifetimeQuery.DefaultHorizon, double DiscountPercent = LifetimeQuery.DefaultDiscount,
    double MarginPercent = LifetimeQuery.DefaultMargin)
{
    public const string HorizonParameter = "horizon";
    public const string DiscountParameter = "discount";
    public const string MarginParameter = "margin";
    public const int DefaultHorizon = 12;
    public const double DefaultDiscount = 10;
    public const double DefaultMargin = 100;
    public const double MaxDiscount = 50;

    /// <summary>Horizons offered by the page (any whole month from 1 to 36 is accepted in the URL).</summary>
    public static IReadOnlyList<int> HorizonOptions { get; } = [3, 6, 12, 24, 36];

    public static LifetimeQuery Parse(string? horizon, string? discount, string? margin) => new(
        int.TryParse(horizon, NumberStyles.None, CultureInfo.InvariantCulture, out var h) && h is >= 1 and <= LifetimeRunParameters.MaxHorizonMonths
            ? h : DefaultHorizon,
        ParsePercent(discount, 0, MaxDiscount) ?? DefaultDiscount,
        ParsePercent(margin, 1, 100) ?? DefaultMargin);

    /// <summary>The domain's CLV settings (fractions).</summary>
    public ClvSettings Clv => new(HorizonMonths, DiscountPercent / 100, MarginPercent / 100);

    private static double? ParsePercent(string? text, double min, double max) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? Math.Round(value, 1, MidpointRounding.AwayFromZero)
            : null;
}
