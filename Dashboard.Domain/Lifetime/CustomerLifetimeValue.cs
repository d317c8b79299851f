namespace Dashboard.Domain.Lifetime;

/// <summary>Settings of the CLV calculation.</summary>
/// <param name="HorizonMonths">How many months ahead to count (whole months, ≥ 1).</param>
/// <param name="AnnualDiscountRate">Annual discount rate as a fraction (0.10 = 10% a year).</param>
/// <param name="Margin">Profit margin as a fraction of revenue (0.30 = 30%; 1 = revenue).</param>
public sealed record ClvSettings(int HorizonMonths = 12, double AnnualDiscountRate = 0.10, double Margin = 1.0)
{
    /// <summary>The equivalent monthly rate, (1 + annual)^(1/12) − 1.</summary>
    public double MonthlyDiscountRate => Math.Pow(1 + AnnualDiscountRate, 1.0 / 12) - 1;

    internal void Validate()
    {
        if (HorizonMonths < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(HorizonMonths), HorizonMonths, "The CLV horizon must be at least one month.");
        }
        if (!(AnnualDiscountRate > -1) || !double.IsFinite(AnnualDiscountRate))
        {
            throw new ArgumentOutOfRangeException(nameof(AnnualDiscountRate), AnnualDiscountRate, "The discount rate must be finite and > −100%.");
        }
        if (!(Margin >= 0) || !double.IsFinite(Margin))
        {
            throw new ArgumentOutOfRangeException(nameof(Margin), Margin, "The margin must be a finite fraction >= 0.");
        }
    }
}

/// <summary>What the models say about one customer.</summary>
/// <param name="CustomerId">The customer's id.</param>
/// <param name="Frequency">x in the calibration summary.</param>
/// <param name="Recency">t_x in periods.</param>
/// <param name="Age">T in periods.</param>
/// <param name="ProbabilityAlive">P(alive) at T.</param>
/// <param name="ExpectedPurchases">Expected repeat purchases over the scoring horizon (periods).</param>
/// <param name="ExpectedAverageValue">Expected mean order value (Gamma-Gamma, conditional on the history).</param>
/// <param name="Clv">Discounted expected margin over the CLV horizon in months (see <see cref="CustomerLifetimeValue"/>).</param>
public sealed record CustomerScore(
    string CustomerId, int Frequency, double Recency, double Age,
    double ProbabilityAlive, double ExpectedPurchases, double ExpectedAverageValue, double Clv);

/// <summary>
/// Customer lifetime value: the discounted expected margin over a horizon, computed as lifetimes'
/// customer_lifetime_value does (discrete monthly cash flows): with L the periods in a month (365.25/12 days),
/// d = (1 + annual rate)^(1/12) − 1 and E[M] the Gamma-Gamma expected order value,
/// CLV = margin × E[M] × Σ_{m=1..H} (E[Y(mL)] − E[Y((m−1)L)]) / (1 + d)^m,
/// i.e. the purchases expected in month m (BG/NBD eq. 10 differences) are valued at the end of month m.
/// (lifetimes takes a monthly rate directly and months of 30 days or 4.345 weeks; we convert an annual rate and use
/// average calendar months.) Purchases and spend are assumed independent, as the Gamma-Gamma model requires.
/// </summary>
public static class CustomerLifetimeValue
{
    /// <summary>CLV of one customer in money units (of the order values the spend model was fitted on).</summary>
    public static double Compute(
        BgNbdParameters purchases, GammaGammaParameters spend, CustomerSummary customer, ClvSettings settings, PeriodUnit unit)
    {
        ArgumentNullException.ThrowIfNull(customer);
        settings.Validate();
        var value = GammaGammaModel.ConditionalExpectedAverageValue(spend, customer.Frequency, customer.MonetaryValue);
        return settings.Margin * value * DiscountedPurchases(purchases, customer.Frequency, customer.Recency, customer.Age, settings, unit);
    }

    /// <summary>Σ_{m=1..H} (E[Y(mL)] − E[Y((m−1)L)]) / (1+d)^m: expected purchases, each month discounted.</summary>
    public static double DiscountedPurchases(
        BgNbdParameters purchases, int frequency, double recency, double age, ClvSettings settings, PeriodUnit unit)
    {
        settings.Validate();
        var periodsPerMonth = unit.PeriodsPerMonth();
        var discount = 1 / (1 + settings.MonthlyDiscountRate);
        var factor = 1.0;
        var previous = 0.0;
        var total = 0.0;
        for (var month = 1; month <= settings.HorizonMonths; month++)
        {
            var cumulative = BgNbdModel.ExpectedPurchases(purchases, month * periodsPerMonth, frequency, recency, age);
            factor *= discount;
            total += (cumulative - previous) * factor;
            previous = cumulative;
        }
        return total;
    }

    /// <summary>
    /// Scores every customer: P(alive), expected purchases over <paramref name="horizonPeriods"/>, expected order value
    /// and CLV. Customers with the same (x, t_x, T) share the purchase-model computations; the work runs in parallel.
    /// </summary>
    public static IReadOnlyList<CustomerScore> Score(
        IReadOnlyList<CustomerSummary> customers, BgNbdParameters purchases, GammaGammaParameters spend,
        double horizonPeriods, ClvSettings settings, PeriodUnit unit)
    {
        ArgumentNullException.ThrowIfNull(customers);
        settings.Validate();
        var histories = customers.Select(c => (c.Frequency, c.Recency, c.Age)).Distinct().ToArray();
        var results = new (double Alive, double Expected, double Discounted)[histories.Length];
        ParallelWork.For(histories.Length, i =>
        {
            var (x, tx, t) = histories[i];
            results[i] = (BgNbdModel.ProbabilityAlive(purchases, x, tx, t),
                BgNbdModel.ExpectedPurchases(purchases, horizonPeriods, x, tx, t),
                DiscountedPurchases(purchases, x, tx, t, settings, unit));
        });
        var byHistory = new Dictionary<(int, double, double), int>(histories.Length);
        for (var i = 0; i < histories.Length; i++)
        {
            byHistory[histories[i]] = i;
        }
        return customers.Select(c =>
        {
            var r = results[byHistory[(c.Frequency, c.Recency, c.Age)]];
            var value = GammaGammaModel.ConditionalExpectedAverageValue(spend, c.Frequency, c.MonetaryValue);
            return new CustomerScore(c.CustomerId, c.Frequency, c.Recency, c.Age, r.Alive, r.Expected, value,
                settings.Margin * value * r.Discounted);
        }).ToList();
    }
}
