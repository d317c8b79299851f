namespace Dashboard.Domain.Lifetime;

/// <summary>Predicted vs actual holdout purchases for customers with a given calibration frequency.</summary>
/// <param name="Label">"0", "1", … or "7+" for the last, open bin (as in FHL 2005 Figure 4).</param>
/// <param name="Customers">Customers in the bin.</param>
/// <param name="Actual">Mean actual repeat purchases in the holdout period.</param>
/// <param name="Predicted">Mean BG/NBD conditional expectation (eq. 10).</param>
/// <param name="Naive">Mean naive forecast (calibration repeat rate × holdout length).</param>
public sealed record FrequencyBin(string Label, int Customers, double Actual, double Predicted, double Naive);

/// <summary>Cumulative repeat purchases of the whole cohort at the end of a week (FHL 2005 Figure 3).</summary>
/// <param name="Week">1-based week since the cohort's first purchase day.</param>
/// <param name="End">Last day of the week.</param>
/// <param name="Actual">Repeat purchases observed up to that day.</param>
/// <param name="Model">BG/NBD unconditional expectation Σ E[X(t − s_i)] (eq. 9) over customers who have arrived (s_i is the first purchase).</param>
/// <param name="ModelConditional">Holdout weeks only: actual at the calibration end plus Σ E[Y(t) | history] (eq. 10).</param>
/// <param name="Naive">Holdout weeks only: actual at the calibration end plus each customer's calibration rate × elapsed time.</param>
public sealed record WeeklyCumulative(int Week, DateOnly End, double Actual, double Model, double? ModelConditional, double? Naive);

/// <summary>How many events (here repeat purchase days) fell on a day.</summary>
public sealed record DailyCount(DateOnly Day, int Count);

/// <summary>How the model and the naive baseline did on the holdout period.</summary>
/// <param name="Customers">Customers in the calibration cohort.</param>
/// <param name="HoldoutPeriods">Length of the holdout period in periods.</param>
/// <param name="Actual">Total repeat purchases in the holdout period.</param>
/// <param name="Predicted">Total BG/NBD conditional expectation.</param>
/// <param name="Naive">Total naive forecast.</param>
/// <param name="ModelMae">Mean absolute error per customer, model.</param>
/// <param name="NaiveMae">Mean absolute error per customer, naive baseline.</param>
/// <param name="ModelRmse">Root mean squared error per customer, model.</param>
/// <param name="NaiveRmse">Root mean squared error per customer, naive baseline.</param>
/// <param name="ByFrequency">Conditional expectations by calibration frequency.</param>
/// <param name="Weekly">Cumulative repeat purchases per week, calibration and holdout.</param>
public sealed record HoldoutComparison(
    int Customers, double HoldoutPeriods, double Actual, double Predicted, double Naive,
    double ModelMae, double NaiveMae, double ModelRmse, double NaiveRmse,
    IReadOnlyList<FrequencyBin> ByFrequency, IReadOnlyList<WeeklyCumulative> Weekly);

/// <summary>
/// Holdout validation as in FHL 2005 section 5: fit on the calibration period, predict each customer's repeat
/// purchases in the holdout period with the conditional expectation (eq. 10), and compare with what happened, by
/// calibration frequency and as cumulative repeat purchases per week, side by side with a naive baseline in which
/// each customer keeps their calibration repeat rate x/T (0 when T = 0).
/// </summary>
public static class HoldoutValidation
{
    /// <summary>Calibration frequencies 0..OpenBin−1 get their own bin; the rest share "OpenBin+".</summary>
    public const int OpenBin = 7;

    /// <summary>Compares the model and the naive baseline with what the customers did in the holdout period.</summary>
    public static HoldoutComparison Compare(
        IReadOnlyList<CalibrationHoldoutSummary> customers, BgNbdParameters parameters,
        DateOnly calibrationEnd, DateOnly observationEnd, PeriodUnit unit)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var perDay = customers.SelectMany(c => c.RepeatPurchaseDays)
            .GroupBy(d => d)
            .Select(g => new DailyCount(g.Key, g.Count()))
            .ToList();
        return Compare(customers, perDay, parameters, calibrationEnd, observationEnd, unit);
    }

    /// <summary>
    /// The same comparison with the cohort's repeat purchase days given as counts per day (what a SQL GROUP BY
    /// over (customer, day) rows returns: every purchase day of a calibration customer after that customer's first,
    /// through the observation end). The customers' <see cref="CalibrationHoldoutSummary.RepeatPurchaseDays"/> are not read.
    /// </summary>
    public static HoldoutComparison Compare(
        IReadOnlyList<CalibrationHoldoutSummary> customers, IReadOnlyList<DailyCount> repeatPurchasesByDay,
        BgNbdParameters parameters, DateOnly calibrationEnd, DateOnly observationEnd, PeriodUnit unit)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(repeatPurchasesByDay);
        if (customers.Count == 0)
        {
            throw new LifetimeDataException("There are no customers to validate on.");
        }
        if (observationEnd <= calibrationEnd)
        {
            throw new LifetimeDataException(
                $"There is no holdout period: the data end on {observationEnd:yyyy-MM-dd}, not after the calibration end {calibrationEnd:yyyy-MM-dd}.");
        }
        var daysPerPeriod = unit.Days();
        var holdout = (observationEnd.DayNumber - calibrationEnd.DayNumber) / daysPerPeriod;
        var expected = new Expectations(customers, parameters);
        var predictedIfAlive = expected.IfAlive([holdout]);

        var n = customers.Count;
        double actualTotal = 0, predictedTotal = 0, naiveTotal = 0, modelAbs = 0, naiveAbs = 0, modelSq = 0, naiveSq = 0;
        var bins = new (int Count, double Actual, double Predicted, double Naive)[OpenBin + 1];
        for (var i = 0; i < n; i++)
        {
            var c = customers[i].Calibration;
            var prediction = expected.Alive[i] * predictedIfAlive[expected.Curve[i]][0];
            var naive = NaiveRate(c) * holdout;
            var actual = (double)customers[i].HoldoutFrequency;
            actualTotal += actual;
            predictedTotal += prediction;
            naiveTotal += naive;
            modelAbs += Math.Abs(prediction - actual);
            naiveAbs += Math.Abs(naive - actual);
            modelSq += (prediction - actual) * (prediction - actual);
            naiveSq += (naive - actual) * (naive - actual);
            var bin = Math.Min(c.Frequency, OpenBin);
            bins[bin] = (bins[bin].Count + 1, bins[bin].Actual + actual, bins[bin].Predicted + prediction, bins[bin].Naive + naive);
        }
        var byFrequency = bins
            .Select((b, i) => (b, i))
            .Where(t => t.b.Count > 0)
            .Select(t => new FrequencyBin(
                t.i == OpenBin ? $"{OpenBin}+" : t.i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                t.b.Count, t.b.Actual / t.b.Count, t.b.Predicted / t.b.Count, t.b.Naive / t.b.Count))
            .ToList();

        return new HoldoutComparison(n, holdout, actualTotal, predictedTotal, naiveTotal,
            modelAbs / n, naiveAbs / n, Math.Sqrt(modelSq / n), Math.Sqrt(naiveSq / n),
            byFrequency, Weekly(customers, repeatPurchasesByDay, expected, parameters, calibrationEnd, observationEnd, unit));
    }

    private static double NaiveRate(CustomerSummary c) => c.Age > 0 ? c.Frequency / c.Age : 0;

    private static List<WeeklyCumulative> Weekly(
        IReadOnlyList<CalibrationHoldoutSummary> customers, IReadOnlyList<DailyCount> repeatPurchasesByDay, Expectations expected,
        BgNbdParameters parameters, DateOnly calibrationEnd, DateOnly observationEnd, PeriodUnit unit)
    {
        var daysPerPeriod = unit.Days();
        var start = customers.Min(c => c.FirstPurchase);
        var weeks = (observationEnd.DayNumber - start.DayNumber) / 7 + 1;
        var ends = Enumerable.Range(1, weeks)
            .Select(w => DateOnly.FromDayNumber(Math.Min(start.DayNumber + 7 * w - 1, observationEnd.DayNumber)))
            .ToArray();

        // Actual: repeat purchase days up to each week's end.
        var actual = new double[weeks];
        var actualAtCalibrationEnd = 0.0;
        foreach (var (day, count) in repeatPurchasesByDay)
        {
            var week = (day.DayNumber - start.DayNumber) / 7;
            if (day >= start && week < weeks)
            {
                actual[week] += count;
            }
            if (day <= calibrationEnd)
            {
                actualAtCalibrationEnd += count;
            }
        }
        for (var w = 1; w < weeks; w++)
        {
            actual[w] += actual[w - 1];
        }

        // Model: Σ over arrival days of (customers arriving that day) × E[X(elapsed)].
        var arrivals = customers.GroupBy(c => c.FirstPurchase.DayNumber).Select(g => (Day: g.Key, Count: g.Count())).ToArray();
        var model = new double[weeks];
        ParallelWork.For(weeks, w =>
        {
            var total = 0.0;
            foreach (var (day, count) in arrivals)
            {
                var elapsed = (ends[w].DayNumber - day) / daysPerPeriod;
                if (elapsed > 0)
                {
                    total += count * BgNbdModel.ExpectedPurchasesNewCustomer(parameters, elapsed);
                }
            }
            model[w] = total;
        });

        // Holdout weeks: conditional model and naive baseline from the calibration end.
        // Σ_i E[Y_i(t)] = Σ over (x, T) of E[Y(t) | alive, x, T] × Σ P(alive) of the customers sharing it.
        var holdoutWeeks = Enumerable.Range(0, weeks).Where(w => ends[w] > calibrationEnd).ToArray();
        var horizons = holdoutWeeks.Select(w => (ends[w].DayNumber - calibrationEnd.DayNumber) / daysPerPeriod).ToArray();
        var ifAlive = expected.IfAlive(horizons);
        var aliveByCurve = expected.AliveByCurve();
        var conditional = new double[holdoutWeeks.Length];
        for (var k = 0; k < ifAlive.Length; k++)
        {
            for (var h = 0; h < horizons.Length; h++)
            {
                conditional[h] += aliveByCurve[k] * ifAlive[k][h];
            }
        }
        var naiveRate = customers.Sum(c => NaiveRate(c.Calibration));
        var result = new List<WeeklyCumulative>(weeks);
        for (var w = 0; w < weeks; w++)
        {
            var h = Array.IndexOf(holdoutWeeks, w);
            double? modelConditional = null, naive = null;
            if (h >= 0)
            {
                modelConditional = actualAtCalibrationEnd + conditional[h];
                naive = actualAtCalibrationEnd + naiveRate * horizons[h];
            }
            result.Add(new WeeklyCumulative(w + 1, ends[w], actual[w], model[w], modelConditional, naive));
        }
        return result;
    }

    /// <summary>
    /// Each customer's P(alive) and the index of their (x, T); E[Y(t) | history] = P(alive) × E[Y(t) | alive, x, T],
    /// so the hypergeometric series runs once per distinct (x, T) and horizon rather than per distinct history.
    /// </summary>
    private sealed class Expectations
    {
        private readonly BgNbdParameters _parameters;
        private readonly (int Frequency, double Age)[] _curves;

        public Expectations(IReadOnlyList<CalibrationHoldoutSummary> customers, BgNbdParameters parameters)
        {
            _parameters = parameters;
            Alive = new double[customers.Count];
            Curve = new int[customers.Count];
            var index = new Dictionary<(int, double), int>();
            for (var i = 0; i < customers.Count; i++)
            {
                var c = customers[i].Calibration;
                Alive[i] = BgNbdModel.ProbabilityAlive(parameters, c.Frequency, c.Recency, c.Age);
                if (!index.TryGetValue((c.Frequency, c.Age), out var k))
                {
                    k = index.Count;
                    index.Add((c.Frequency, c.Age), k);
                }
                Curve[i] = k;
            }
            _curves = new (int, double)[index.Count];
            foreach (var (key, k) in index)
            {
                _curves[k] = key;
            }
        }

        public double[] Alive { get; }

        public int[] Curve { get; }

        public double[][] IfAlive(double[] horizons)
        {
            var values = new double[_curves.Length][];
            ParallelWork.For(_curves.Length, k =>
            {
                var (x, t) = _curves[k];
                values[k] = horizons.Select(h => BgNbdModel.ExpectedPurchasesIfAlive(_parameters, h, x, t)).ToArray();
            });
            return values;
        }

        public double[] AliveByCurve()
        {
            var sums = new double[_curves.Length];
            for (var i = 0; i < Alive.Length; i++)
            {
                sums[Curve[i]] += Alive[i];
            }
            return sums;
        }
    }
}
