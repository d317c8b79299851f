using Dashboard.Data.Entities;
using Dashboard.Data.Summaries;
using Dashboard.Domain.Lifetime;

namespace Dashboard.Features.Lifetime;

/// <summary>A run's snapshot before it is written: one row per customer and the curves of their distinct (x, T).</summary>
public sealed record LifetimeSnapshot(IReadOnlyList<CustomerLifetime> Customers, IReadOnlyList<HistoryCurve> Curves);

/// <summary>Scores every customer of a run from the fitted models (no store access).</summary>
public static class LifetimeScoring
{
    /// <summary>
    /// P(alive), expected purchases over the horizon, expected order value and CLV per customer. The BG/NBD work runs
    /// once per distinct (x, T) (<see cref="LifetimeProjection"/>); per customer only P(alive) and the Gamma-Gamma
    /// expectation are computed.
    /// </summary>
    public static LifetimeSnapshot Score(
        IReadOnlyList<PurchaseSummaryRow> rows, IReadOnlyList<CustomerSummary> summaries,
        BgNbdParameters purchases, GammaGammaParameters spend, ClvSettings settings, PeriodUnit unit)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(summaries);
        var index = new Dictionary<(int, double), int>();
        var keys = new List<(int Frequency, double Age)>();
        var curveOf = new int[summaries.Count];
        for (var i = 0; i < summaries.Count; i++)
        {
            var key = (summaries[i].Frequency, summaries[i].Age);
            if (!index.TryGetValue(key, out var k))
            {
                k = keys.Count;
                index.Add(key, k);
                keys.Add(key);
            }
            curveOf[i] = k;
        }
        var curves = LifetimeProjection.Curves(purchases, keys, LifetimeRunParameters.MaxHorizonMonths, unit);
        var customers = new CustomerLifetime[summaries.Count];
        for (var i = 0; i < summaries.Count; i++)
        {
            var s = summaries[i];
            var curve = curves[curveOf[i]];
            var alive = BgNbdModel.ProbabilityAlive(purchases, s.Frequency, s.Recency, s.Age);
            var value = GammaGammaModel.ConditionalExpectedAverageValue(spend, s.Frequency, s.MonetaryValue);
            customers[i] = new CustomerLifetime
            {
                CustomerId = rows[i].CustomerId,
                FirstPurchaseUtc = rows[i].FirstPurchase.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                X = s.Frequency,
                Tx = s.Recency,
                T = s.Age,
                MeanRepeatValue = s.MonetaryValue,
                PAlive = alive,
                ExpectedPurchases = alive * curve.Purchases[settings.HorizonMonths],
                ExpectedAov = value,
                Clv = LifetimeProjection.Clv(curve, alive, value, settings),
            };
        }
        return new LifetimeSnapshot(customers, curves);
    }
}
