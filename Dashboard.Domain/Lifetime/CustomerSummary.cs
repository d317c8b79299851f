namespace Dashboard.Domain.Lifetime;

/// <summary>One purchase record: a customer, the calendar day and the amount spent (money, any currency).</summary>
public sealed record Purchase(string CustomerId, DateOnly Date, double Amount);

/// <summary>
/// A customer's calibration-period history in the form the BG/NBD and Gamma-Gamma models use
/// (Fader, Hardie &amp; Lee 2005). Times are in the chosen <see cref="PeriodUnit"/>, measured from the first purchase.
/// </summary>
/// <param name="CustomerId">The customer's id as given in the input.</param>
/// <param name="Frequency">x: number of repeat purchases (purchase days after the first purchase day).</param>
/// <param name="Recency">t_x: time from the first purchase to the last repeat purchase (0 when x = 0).</param>
/// <param name="Age">T: time from the first purchase to the end of the calibration period.</param>
/// <param name="MonetaryValue">Mean value of the repeat purchases (same-day records summed; first purchase excluded); 0 when x = 0.</param>
public sealed record CustomerSummary(string CustomerId, int Frequency, double Recency, double Age, double MonetaryValue);

/// <summary>A calibration summary plus what the same customer did in the holdout period that follows it.</summary>
/// <param name="Calibration">The summary as of the end of the calibration period.</param>
/// <param name="FirstPurchase">The day of the first purchase (entry into the cohort).</param>
/// <param name="HoldoutFrequency">Purchase days in the holdout period (all are repeat purchases).</param>
/// <param name="HoldoutLength">Length of the holdout period, in periods.</param>
/// <param name="RepeatPurchaseDays">Every repeat purchase day, calibration and holdout, in order.</param>
public sealed record CalibrationHoldoutSummary(
    CustomerSummary Calibration,
    DateOnly FirstPurchase,
    int HoldoutFrequency,
    double HoldoutLength,
    IReadOnlyList<DateOnly> RepeatPurchaseDays);

/// <summary>Builds per-customer summaries from purchase records.</summary>
public static class CustomerSummaryBuilder
{
    /// <summary>
    /// Summaries as of <paramref name="calibrationEnd"/> (inclusive), as lifetimes' summary_data_from_transaction_data
    /// with freq "D": several records of one customer on one day are one purchase with their amounts summed;
    /// x = purchase days − 1; t_x = (last − first day); T = (calibration end − first day); both divided by the
    /// days in a period. Purchases after the calibration end are ignored, and so are customers whose first purchase
    /// is after it. The result keeps the order in which customers first appear.
    /// </summary>
    public static IReadOnlyList<CustomerSummary> Build(IEnumerable<Purchase> purchases, DateOnly calibrationEnd, PeriodUnit unit) =>
        BuildWithHoldout(purchases, calibrationEnd, calibrationEnd, unit).Select(s => s.Calibration).ToList();

    /// <summary>
    /// Calibration summaries (see <see cref="Build"/>) plus each customer's purchase days in the holdout period
    /// (the day after <paramref name="calibrationEnd"/> through <paramref name="observationEnd"/>, inclusive).
    /// Purchases after the observation end are ignored.
    /// </summary>
    public static IReadOnlyList<CalibrationHoldoutSummary> BuildWithHoldout(
        IEnumerable<Purchase> purchases, DateOnly calibrationEnd, DateOnly observationEnd, PeriodUnit unit)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        if (observationEnd < calibrationEnd)
        {
            throw new ArgumentException("The observation end is before the calibration end.", nameof(observationEnd));
        }
        var byCustomer = new Dictionary<string, List<(int Day, double Amount)>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var purchase in purchases)
        {
            if (!double.IsFinite(purchase.Amount))
            {
                throw new ArgumentException($"The amount of a purchase of customer '{purchase.CustomerId}' is not a finite number.", nameof(purchases));
            }
            if (purchase.Date > observationEnd)
            {
                continue;
            }
            if (!byCustomer.TryGetValue(purchase.CustomerId, out var list))
            {
                list = [];
                byCustomer.Add(purchase.CustomerId, list);
                order.Add(purchase.CustomerId);
            }
            list.Add((purchase.Date.DayNumber, purchase.Amount));
        }

        var daysPerPeriod = unit.Days();
        var holdoutLength = (observationEnd.DayNumber - calibrationEnd.DayNumber) / daysPerPeriod;
        var result = new List<CalibrationHoldoutSummary>(order.Count);
        foreach (var id in order)
        {
            var days = MergeSameDay(byCustomer[id]);
            var first = days[0].Day;
            if (first > calibrationEnd.DayNumber)
            {
                continue;
            }
            var calibrationDays = 0;
            var repeatSpend = 0.0;
            var lastCalibrationDay = first;
            var repeatDays = new List<DateOnly>(days.Count - 1);
            for (var i = 0; i < days.Count; i++)
            {
                if (days[i].Day <= calibrationEnd.DayNumber)
                {
                    calibrationDays++;
                    lastCalibrationDay = days[i].Day;
                    if (i > 0)
                    {
                        repeatSpend += days[i].Amount;
                    }
                }
                if (i > 0)
                {
                    repeatDays.Add(DateOnly.FromDayNumber(days[i].Day));
                }
            }
            var frequency = calibrationDays - 1;
            var summary = new CustomerSummary(
                id,
                frequency,
                (lastCalibrationDay - first) / daysPerPeriod,
                (calibrationEnd.DayNumber - first) / daysPerPeriod,
                frequency > 0 ? repeatSpend / frequency : 0);
            result.Add(new CalibrationHoldoutSummary(
                summary, DateOnly.FromDayNumber(first), days.Count - calibrationDays, holdoutLength, repeatDays));
        }
        return result;
    }

    /// <summary>
    /// A summary from per-customer aggregates, as one SQL GROUP BY over (customer, purchase day) rows computes them
    /// (calibration-period rows only): first and last purchase day, number of purchase days, total spend and the
    /// spend on the first day. Same rules as <see cref="Build"/>.
    /// </summary>
    public static CustomerSummary FromAggregates(
        string customerId, DateOnly firstPurchase, DateOnly lastPurchase, int purchaseDays, double totalSpend, double firstDaySpend,
        DateOnly calibrationEnd, PeriodUnit unit)
    {
        if (purchaseDays < 1 || lastPurchase < firstPurchase || calibrationEnd < lastPurchase
            || (purchaseDays == 1 && lastPurchase != firstPurchase) || purchaseDays > lastPurchase.DayNumber - firstPurchase.DayNumber + 1)
        {
            throw new ArgumentException(
                $"Customer '{customerId}': inconsistent aggregates (first {firstPurchase}, last {lastPurchase}, {purchaseDays} purchase days, calibration end {calibrationEnd}).");
        }
        var daysPerPeriod = unit.Days();
        var frequency = purchaseDays - 1;
        return new CustomerSummary(
            customerId,
            frequency,
            (lastPurchase.DayNumber - firstPurchase.DayNumber) / daysPerPeriod,
            (calibrationEnd.DayNumber - firstPurchase.DayNumber) / daysPerPeriod,
            frequency > 0 ? (totalSpend - firstDaySpend) / frequency : 0);
    }

    private static List<(int Day, double Amount)> MergeSameDay(List<(int Day, double Amount)> records)
    {
        records.Sort((x, y) => x.Day.CompareTo(y.Day));
        var merged = new List<(int Day, double Amount)>(records.Count);
        foreach (var record in records)
        {
            if (merged.Count > 0 && merged[^1].Day == record.Day)
            {
                merged[^1] = (record.Day, merged[^1].Amount + record.Amount);
            }
            else
            {
                merged.Add(record);
            }
        }
        return merged;
    }
}
