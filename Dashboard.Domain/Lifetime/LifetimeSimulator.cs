using MathNet.Numerics.Distributions;

namespace Dashboard.Domain.Lifetime;

/// <summary>The generating parameters of a customer base: BG/NBD purchasing and Gamma-Gamma spend.</summary>
public sealed record LifetimeTruth(BgNbdParameters Purchases, GammaGammaParameters Spend);

/// <summary>One simulated customer: the latent traits drawn for them and what they did up to their age T.</summary>
/// <param name="PurchaseRate">λ: purchases per period while alive.</param>
/// <param name="DropoutProbability">p: chance of dropping out after each repeat purchase.</param>
/// <param name="SpendRate">ν: the rate of the Gamma order-value distribution.</param>
/// <param name="MeanOrderValue">The customer's expected order value p/ν (money units of γ).</param>
/// <param name="Age">T: periods observed after the first purchase.</param>
/// <param name="RepeatPurchaseTimes">Times of the repeat purchases, in periods after the first purchase, ascending, all ≤ T.</param>
/// <param name="OrderValues">The first purchase's value followed by each repeat purchase's value.</param>
/// <param name="AliveAtEnd">Whether the customer had not dropped out by T.</param>
public sealed record SimulatedCustomer(
    double PurchaseRate,
    double DropoutProbability,
    double SpendRate,
    double MeanOrderValue,
    double Age,
    IReadOnlyList<double> RepeatPurchaseTimes,
    IReadOnlyList<double> OrderValues,
    bool AliveAtEnd)
{
    /// <summary>Mean value of the repeat orders (0 without repeat purchases): the m_x the Gamma-Gamma model sees.</summary>
    public double MeanRepeatValue => RepeatPurchaseTimes.Count == 0 ? 0 : OrderValues.Skip(1).Average();
}

/// <summary>
/// Seeded simulation from the BG/NBD and Gamma-Gamma processes, so fits can be scored against known parameters and a
/// demo brand can be generated from the same behaviour the product fits:
/// λ ~ Gamma(r, rate α) and p ~ Beta(a, b) per customer; while alive, purchases arrive as a Poisson process with rate
/// λ; after each repeat purchase the customer drops out with probability p (FHL 2005, assumptions i–v; the first
/// purchase at time 0 cannot be followed by a dropout, as in the paper and lifetimes' generator);
/// ν ~ Gamma(q, rate γ) per customer and each order value ~ Gamma(p, rate ν) (FHL 2005 JMR spend model).
/// </summary>
public static class LifetimeSimulator
{
    // Fixed, so results do not depend on the number of cores.
    private const int Chunks = 64;

    /// <summary>Simulates one customer observed for <paramref name="age"/> periods after their first purchase.</summary>
    public static SimulatedCustomer SimulateCustomer(LifetimeTruth truth, double age, Random random)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(random);
        truth.Purchases.Validate();
        truth.Spend.Validate();
        if (!(age >= 0) || !double.IsFinite(age))
        {
            throw new ArgumentOutOfRangeException(nameof(age), age, "The age must be a finite number of periods >= 0.");
        }
        var (bg, spend) = (truth.Purchases, truth.Spend);
        var lambda = Gamma.Sample(random, bg.R, bg.Alpha);
        var dropout = Beta.Sample(random, bg.A, bg.B);
        var spendRate = Gamma.Sample(random, spend.Q, spend.V);
        var times = new List<double>();
        var values = new List<double> { Gamma.Sample(random, spend.P, spendRate) };
        var alive = true;
        var t = 0.0;
        while (lambda > 0)
        {
            t += Exponential.Sample(random, lambda);
            if (t > age)
            {
                break;
            }
            times.Add(t);
            values.Add(Gamma.Sample(random, spend.P, spendRate));
            if (random.NextDouble() < dropout)
            {
                alive = false;
                break;
            }
        }
        return new SimulatedCustomer(lambda, dropout, spendRate, spend.P / spendRate, age, times, values, alive);
    }

    /// <summary>
    /// Simulates <paramref name="count"/> customer summaries with ages uniform in [<paramref name="minAge"/>,
    /// <paramref name="maxAge"/>] periods. With a <paramref name="timeResolution"/> (e.g. 1/7 for whole days when
    /// the period is a week) T is drawn on that grid and t_x is rounded to it, as summaries from dated orders are;
    /// x and the spend are exact. Deterministic for a seed (chunks with their own seeds, run in parallel).
    /// </summary>
    public static SummaryColumns SimulateSummaries(
        LifetimeTruth truth, int count, double minAge, double maxAge, int seed, double? timeResolution = null)
    {
        ArgumentNullException.ThrowIfNull(truth);
        if (count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "The count must be >= 0.");
        }
        if (!(minAge >= 0 && maxAge >= minAge) || !double.IsFinite(maxAge))
        {
            throw new ArgumentOutOfRangeException(nameof(maxAge), $"Ages must satisfy 0 <= min <= max (got {minAge}..{maxAge}).");
        }
        if (timeResolution is { } step && !(step > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(timeResolution), step, "The time resolution must be > 0.");
        }
        var columns = new SummaryColumns(new int[count], new double[count], new double[count], new double[count]);
        Parallel.For(0, Chunks, chunk =>
        {
            // HashCode.Combine is randomised per process, so the chunk seeds are mixed by hand.
            var random = new Random(unchecked((seed * 1_000_003) + (chunk * 7_919)));
            var start = (int)((long)count * chunk / Chunks);
            var end = (int)((long)count * (chunk + 1) / Chunks);
            for (var i = start; i < end; i++)
            {
                var age = minAge + random.NextDouble() * (maxAge - minAge);
                if (timeResolution is { } resolution)
                {
                    age = Math.Round(age / resolution) * resolution;
                }
                var customer = SimulateCustomer(truth, age, random);
                var x = customer.RepeatPurchaseTimes.Count;
                var recency = x > 0 ? customer.RepeatPurchaseTimes[^1] : 0;
                if (timeResolution is { } grid)
                {
                    recency = Math.Min(Math.Round(recency / grid) * grid, age);
                }
                columns.Frequency[i] = x;
                columns.Recency[i] = recency;
                columns.Age[i] = age;
                columns.MonetaryValue[i] = customer.MeanRepeatValue;
            }
        });
        return columns;
    }

    /// <summary>
    /// Simulates a cohort as dated purchases: <paramref name="count"/> customers whose first purchase day is uniform in
    /// [<paramref name="firstPurchaseFrom"/>, <paramref name="firstPurchaseTo"/>], observed through
    /// <paramref name="observationEnd"/>. Purchase times fall on the day they occur in (whole periods of
    /// <paramref name="unit"/> after the first purchase), so two purchases on one day can happen, as in real order
    /// data. Customers are numbered 0..count−1 in the result; each carries its latent traits.
    /// </summary>
    public static IReadOnlyList<SimulatedCohortCustomer> SimulateCohort(
        LifetimeTruth truth, int count, DateOnly firstPurchaseFrom, DateOnly firstPurchaseTo, DateOnly observationEnd,
        PeriodUnit unit, int seed)
    {
        ArgumentNullException.ThrowIfNull(truth);
        if (count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "The count must be >= 0.");
        }
        if (firstPurchaseTo < firstPurchaseFrom || observationEnd < firstPurchaseTo)
        {
            throw new ArgumentException("Need firstPurchaseFrom <= firstPurchaseTo <= observationEnd.");
        }
        var random = new Random(seed);
        var daysPerPeriod = unit.Days();
        var span = firstPurchaseTo.DayNumber - firstPurchaseFrom.DayNumber + 1;
        var result = new List<SimulatedCohortCustomer>(count);
        for (var i = 0; i < count; i++)
        {
            var first = firstPurchaseFrom.AddDays(random.Next(span));
            // Observed through the end of the observation day.
            var age = (observationEnd.DayNumber - first.DayNumber + 1) / daysPerPeriod;
            var behaviour = SimulateCustomer(truth, age, random);
            var purchases = new List<Purchase>(behaviour.OrderValues.Count)
            {
                new(i.ToString(System.Globalization.CultureInfo.InvariantCulture), first, behaviour.OrderValues[0]),
            };
            for (var k = 0; k < behaviour.RepeatPurchaseTimes.Count; k++)
            {
                var day = first.AddDays((int)Math.Floor(behaviour.RepeatPurchaseTimes[k] * daysPerPeriod));
                if (day <= observationEnd)
                {
                    purchases.Add(purchases[0] with { Date = day, Amount = behaviour.OrderValues[k + 1] });
                }
            }
            result.Add(new SimulatedCohortCustomer(i, first, behaviour, purchases));
        }
        return result;
    }
}

/// <summary>A simulated customer of a dated cohort: their first purchase day, latent behaviour and dated purchases.</summary>
public sealed record SimulatedCohortCustomer(int Index, DateOnly FirstPurchase, SimulatedCustomer Behaviour, IReadOnlyList<Purchase> Purchases);
