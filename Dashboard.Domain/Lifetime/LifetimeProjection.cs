namespace Dashboard.Domain.Lifetime;

/// <summary>
/// What the BG/NBD expects, month by month, of a customer who is alive now, for one (x, T): the factors that
/// customers with the same frequency and age share. Multiply by the customer's own P(alive | x, t_x, T).
/// </summary>
/// <param name="Frequency">x.</param>
/// <param name="Age">T, in periods.</param>
/// <param name="Purchases">Index m: E[Y(m months) | alive, x, T], cumulative expected repeat purchases by the end of month m (index 0 = 0).</param>
/// <param name="Survival">Index m: P(still alive m months later | alive now, x, T) (index 0 = 1).</param>
public sealed record HistoryCurve(int Frequency, double Age, double[] Purchases, double[] Survival)
{
    /// <summary>Months covered (the arrays hold <see cref="Months"/> + 1 values).</summary>
    public int Months => Purchases.Length - 1;
}

/// <summary>
/// Month-by-month projections shared by customers with the same (x, T), so that CLV for any horizon up to the
/// computed one, any discount rate and any margin is a short sum per customer (no hypergeometric function):
/// CLV = margin × E[M | x, m_x] × P(alive | x, t_x, T) × Σ_{m=1..H} (C_m − C_{m−1}) / (1+d)^m
/// with C_m = <see cref="HistoryCurve.Purchases"/>[m]; identical to <see cref="CustomerLifetimeValue.Compute"/>
/// because eq. 10 factors as P(alive) × E[Y(t) | alive, x, T].
/// </summary>
public static class LifetimeProjection
{
    /// <summary>The curve of one (x, T) over <paramref name="months"/> average calendar months.</summary>
    public static HistoryCurve Curve(BgNbdParameters parameters, int frequency, double age, int months, PeriodUnit unit)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfLessThan(months, 1);
        var periodsPerMonth = unit.PeriodsPerMonth();
        var purchases = new double[months + 1];
        var survival = new double[months + 1];
        survival[0] = 1;
        for (var m = 1; m <= months; m++)
        {
            purchases[m] = Math.Max(purchases[m - 1], BgNbdModel.ExpectedPurchasesIfAlive(parameters, m * periodsPerMonth, frequency, age));
            survival[m] = Math.Min(survival[m - 1], BgNbdModel.SurvivalIfAlive(parameters, m * periodsPerMonth, frequency, age));
        }
        return new HistoryCurve(frequency, age, purchases, survival);
    }

    /// <summary>Curves for each distinct (x, T), computed in parallel, in the order given.</summary>
    public static IReadOnlyList<HistoryCurve> Curves(
        BgNbdParameters parameters, IReadOnlyList<(int Frequency, double Age)> histories, int months, PeriodUnit unit)
    {
        ArgumentNullException.ThrowIfNull(histories);
        var curves = new HistoryCurve[histories.Count];
        ParallelWork.For(histories.Count, i => curves[i] = Curve(parameters, histories[i].Frequency, histories[i].Age, months, unit));
        return curves;
    }

    /// <summary>
    /// Σ_{m=1..H} (C_m − C_{m−1}) / (1+d)^m for an alive customer: each month's expected purchases valued at the
    /// month's end, d the monthly rate of <paramref name="settings"/>. Needs H ≤ <see cref="HistoryCurve.Months"/>.
    /// </summary>
    public static double DiscountedPurchasesIfAlive(HistoryCurve curve, ClvSettings settings)
    {
        ArgumentNullException.ThrowIfNull(curve);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        if (settings.HorizonMonths > curve.Months)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.HorizonMonths,
                $"The curve covers {curve.Months} months; the CLV horizon cannot be longer.");
        }
        var discount = 1 / (1 + settings.MonthlyDiscountRate);
        var factor = 1.0;
        var total = 0.0;
        for (var m = 1; m <= settings.HorizonMonths; m++)
        {
            factor *= discount;
            total += (curve.Purchases[m] - curve.Purchases[m - 1]) * factor;
        }
        return total;
    }

    /// <summary>CLV of a customer from the curve of their (x, T), their P(alive) and expected order value.</summary>
    public static double Clv(HistoryCurve curve, double probabilityAlive, double expectedOrderValue, ClvSettings settings) =>
        settings.Margin * expectedOrderValue * probabilityAlive * DiscountedPurchasesIfAlive(curve, settings);

    /// <summary>
    /// Expected number of customers still alive at the end of each month 0..<paramref name="months"/>:
    /// Σ_i P(alive_i | x_i, t_x,i, T_i) × S(m | x_i, T_i), where S is <see cref="HistoryCurve.Survival"/>.
    /// Month 0 is today's expected active customers, Σ P(alive). Assumes no new customers arrive.
    /// </summary>
    /// <param name="aliveByCurve">For each curve, the sum of P(alive) over the customers who share its (x, T).</param>
    public static double[] ExpectedAlive(IReadOnlyList<HistoryCurve> curves, IReadOnlyList<double> aliveByCurve, int months)
    {
        ArgumentNullException.ThrowIfNull(curves);
        ArgumentNullException.ThrowIfNull(aliveByCurve);
        if (curves.Count != aliveByCurve.Count)
        {
            throw new ArgumentException("One sum of P(alive) is needed per curve.", nameof(aliveByCurve));
        }
        var result = new double[months + 1];
        for (var i = 0; i < curves.Count; i++)
        {
            var survival = curves[i].Survival;
            if (survival.Length <= months)
            {
                throw new ArgumentOutOfRangeException(nameof(months), months, $"The curves cover {survival.Length - 1} months.");
            }
            for (var m = 0; m <= months; m++)
            {
                result[m] += aliveByCurve[i] * survival[m];
            }
        }
        return result;
    }
}
