using Dashboard.Data.Entities;
using MathNet.Numerics.Distributions;

namespace Dashboard.Data.Seed;

/// <summary>
/// Weekly spend per ad channel and the outcome it drives. Known per-channel curves:
/// adstock a_t = s_t + θ·a_(t−1) (a_(−1) = 0, geometric carry-over), response
/// Hill(a) = a^h / (a^h + k^h), and
/// revenue_t = baseline + β·Hill(a_t) + ε (ε ~ Normal(0, σ), floored at 0),
/// conversions_t ~ Poisson(conversionBaseline + conversionBeta·Hill(a_t)).
/// Spend follows the festival calendar (Double Eleven and 618 peaks) with random week-to-week
/// variation and dark weeks, so the curves are identifiable.
/// </summary>
internal static class DemoChannels
{
    /// <summary>Truth of one channel at the reference size (20,000 buyers); money in CNY per week.</summary>
    public sealed record Curve(
        int AdChannelId,
        string Code,
        double BaseWeeklySpend,
        double SpendVolatility,
        double DarkWeekRate,
        double Theta,
        double K,
        double H,
        double Beta,
        double Baseline,
        double NoiseSd,
        double ConversionBaseline,
        double ConversionBeta);

    // Ids and codes as in ReferenceData. douyin_ads and kol_live are S-shaped (h > 1: little effect
    // until spend is large), search and app_push nearly concave (h ≤ 1: diminishing from the first yuan).
    public static readonly Curve[] Curves =
    [
        new(1, "tmall_ads", 12_000, 0.35, 0.03, Theta: 0.30, K: 15_000, H: 1.2, Beta: 60_000, Baseline: 20_000, NoiseSd: 3_000, ConversionBaseline: 70, ConversionBeta: 200),
        new(2, "jd_ads", 6_000, 0.40, 0.05, Theta: 0.20, K: 6_000, H: 1.0, Beta: 25_000, Baseline: 8_000, NoiseSd: 1_500, ConversionBaseline: 26, ConversionBeta: 80),
        new(3, "douyin_ads", 10_000, 0.45, 0.06, Theta: 0.50, K: 20_000, H: 2.5, Beta: 70_000, Baseline: 5_000, NoiseSd: 1_500, ConversionBaseline: 20, ConversionBeta: 260),
        new(4, "wechat_moments", 5_000, 0.40, 0.10, Theta: 0.40, K: 8_000, H: 1.8, Beta: 20_000, Baseline: 3_000, NoiseSd: 1_000, ConversionBaseline: 10, ConversionBeta: 65),
        new(5, "search", 4_000, 0.30, 0.02, Theta: 0.10, K: 2_000, H: 0.8, Beta: 12_000, Baseline: 6_000, NoiseSd: 800, ConversionBaseline: 22, ConversionBeta: 45),
        new(6, "kol_live", 8_000, 0.50, 0.55, Theta: 0.60, K: 25_000, H: 3.0, Beta: 90_000, Baseline: 4_000, NoiseSd: 1_500, ConversionBaseline: 12, ConversionBeta: 280),
        new(7, "sms", 800, 0.30, 0.15, Theta: 0.10, K: 600, H: 1.0, Beta: 5_000, Baseline: 1_000, NoiseSd: 300, ConversionBaseline: 4, ConversionBeta: 18),
        new(8, "app_push", 300, 0.30, 0.10, Theta: 0.05, K: 200, H: 0.9, Beta: 3_000, Baseline: 1_500, NoiseSd: 250, ConversionBaseline: 6, ConversionBeta: 11),
    ];

    /// <summary>A curve with every money amount multiplied by <paramref name="scale"/> (brand size).</summary>
    public static Curve Scaled(Curve c, double scale) => c with
    {
        BaseWeeklySpend = c.BaseWeeklySpend * scale,
        K = c.K * scale,
        Beta = c.Beta * scale,
        Baseline = c.Baseline * scale,
        NoiseSd = c.NoiseSd * scale,
        ConversionBaseline = c.ConversionBaseline * scale,
        ConversionBeta = c.ConversionBeta * scale,
    };

    public static double Hill(double x, double k, double h) => x <= 0 ? 0 : 1 / (1 + Math.Pow(k / x, h));

    /// <summary>104 weeks of spend and outcome for one channel.</summary>
    public static IEnumerable<ChannelSpend> Weeks(Curve curve, Random rng)
    {
        var adstock = 0.0;
        for (var w = 0; w < DemoCalendar.SpendWeeks; w++)
        {
            var weekStart = DemoCalendar.FirstSpendWeekUtc.AddDays(7 * w);
            // Budgets follow the festivals: the mean festival factor over the week (peak day factor ≈ 6).
            var season = 0.0;
            for (var d = 0; d < 7; d++)
            {
                season += DemoCalendar.FestivalFactor(weekStart.AddDays(d), peakScale: 0.6) / 7;
            }
            var dark = DemoRandom.Chance(rng, curve.DarkWeekRate * (season > 1.5 ? 0.2 : 1));
            var spend = dark ? 0 : curve.BaseWeeklySpend * season * Math.Exp(Normal.Sample(rng, 0, curve.SpendVolatility));
            spend = Math.Round(spend, 2);
            adstock = spend + curve.Theta * adstock;
            var response = Hill(adstock, curve.K, curve.H);
            var revenue = Math.Max(0, curve.Baseline + curve.Beta * response + Normal.Sample(rng, 0, curve.NoiseSd));
            var conversions = Poisson.Sample(rng, curve.ConversionBaseline + curve.ConversionBeta * response);
            yield return new ChannelSpend
            {
                AdChannelId = curve.AdChannelId,
                WeekStartUtc = weekStart,
                Spend = spend,
                Revenue = Math.Round(revenue, 2),
                Conversions = conversions,
            };
        }
    }
}
