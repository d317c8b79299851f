using System.Globalization;
using Dashboard.Domain.Measurement;
using Dashboard.Shared;

namespace Dashboard.Features.Campaigns;

/// <summary>
/// How measurement figures read on screen: rates as percentages, lifts of rates in percentage points ("pp"),
/// money in the brand's currency, p-values with four decimals (or "&lt; 0.0001").
/// </summary>
public static class LiftFormat
{
    private static CultureInfo Culture => CultureInfo.CurrentCulture;

    public static string Value(MetricInfo metric, double value, Money money) =>
        metric.Kind == MetricKind.Binary ? (value * 100).ToString("0.00", Culture) + "%"
        : metric.IsMoney ? money.Format(value)
        : value.ToString("N3", Culture);

    /// <summary>A difference of two rates in percentage points.</summary>
    public static string Points(double lift) => (lift * 100).ToString("+0.00;-0.00;0.00", Culture) + " pp";

    public static string PointsInterval(double low, double high) => "[" + Points(low) + ", " + Points(high) + "]";

    public static string Lift(MetricInfo metric, double lift, Money money) =>
        metric.Kind == MetricKind.Binary ? Points(lift)
        : metric.IsMoney ? (lift > 0 ? "+" : "") + money.Format(lift)
        : lift.ToString("+#,0.000;-#,0.000;0.000", Culture);

    public static string Interval(MetricInfo metric, double low, double high, Money money) =>
        "[" + Lift(metric, low, money) + ", " + Lift(metric, high, money) + "]";

    public static string Relative(double? relative) =>
        relative is { } r ? (r * 100).ToString("+0.0;-0.0;0.0", Culture) + "%" : "—";

    public static string RelativeInterval(double? low, double? high) =>
        low is { } l && high is { } h ? "[" + Relative(l) + ", " + Relative(h) + "]" : "";

    public static string P(double p) => p < 0.0001 ? "< 0.0001" : p.ToString("0.0000", Culture);

    public static string Percent(double share)
    {
        var value = Math.Round(share * 100, 1);
        return (value == 0 ? 0 : value).ToString("0.0", Culture) + "%"; // never "-0.0%"
    }

    /// <summary>
    /// Significant only when the test and the interval agree: p below 1 − confidence and an interval that excludes 0.
    /// They can disagree because the z-test uses the pooled standard error and the Wald interval the unpooled one
    /// (e.g. a control rate of 0); the page then says "not significant" rather than contradict its own p-value.
    /// </summary>
    public static bool IsSignificant(double pValue, double low, double high, double confidence = 0.95) =>
        pValue < 1 - confidence && (low > 0 || high < 0);

    public static string Count(long n) => n.ToString("N0", Culture);
}
