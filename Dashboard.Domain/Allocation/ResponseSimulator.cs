using MathNet.Numerics.Distributions;

namespace Dashboard.Domain.Allocation;

/// <summary>
/// Generates weekly histories from a known curve (for the demo brand and for recovery tests): outcome_t = baseline +
/// β·Hill(adstock_t) + ε_t with ε_t ~ N(0, noise²) independent.
/// </summary>
public static class ResponseSimulator
{
    public static IReadOnlyList<WeeklyObservation> Simulate(ResponseCurve curve, double baseline, IReadOnlyList<double> spend, double noiseSd,
        DateOnly firstWeek, int seed)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var random = new Random(seed);
        var adstock = ResponseCurve.Adstock(spend, curve.Carryover);
        return adstock.Select((a, t) => new WeeklyObservation(firstWeek.AddDays(7 * t), spend[t],
            baseline + curve.ResponseToAdstock(a) + (noiseSd > 0 ? Normal.Sample(random, 0, noiseSd) : 0))).ToArray();
    }

    /// <summary>
    /// A varied weekly spend plan: log-normal around <paramref name="typical"/> (σ = <paramref name="spread"/> on the log scale)
    /// with a share of dark weeks (no spend), the on/off pattern that makes a curve identifiable.
    /// </summary>
    public static double[] SpendPlan(int weeks, double typical, double spread, double darkShare, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, weeks)
            .Select(_ => random.NextDouble() < darkShare ? 0 : typical * Math.Exp(Normal.Sample(random, 0, spread)))
            .ToArray();
    }
}
