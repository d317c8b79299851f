using System.Globalization;

namespace Dashboard.Domain.Measurement;

/// <summary>
/// The entry point of holdout measurement: every treatment arm against the control arm on every metric, with
/// the guard rails (sample-ratio check, minimum detectable effect, CUPED when a covariate is given) and the
/// money view. Pure: the same data and settings give the same result; randomness (bootstrap) is seeded.
/// </summary>
public static class ExperimentAnalyzer
{
    /// <summary>
    /// Analyzes <paramref name="data"/>. Throws <see cref="ArgumentException"/> with a message naming the problem
    /// (fewer than two arms, unknown control, an arm with fewer than two customers, misaligned or non-finite values).
    /// </summary>
    public static ExperimentResult Analyze(ExperimentData data, AnalysisSettings settings)
    {
        Validate(data, settings);
        var armCount = data.Arms.Count;
        var control = IndexOf(data.Arms, data.ControlArm);
        var counts = new long[armCount];
        foreach (var k in data.ArmIndex)
        {
            counts[k]++;
        }
        for (var k = 0; k < armCount; k++)
        {
            if (counts[k] < 2)
            {
                throw new ArgumentException($"arm '{data.Arms[k]}' has {counts[k]} customer(s); every arm needs at least 2");
            }
        }

        var srm = SampleRatioMismatch.Test(data.Arms.Select((a, k) => (a, counts[k])).ToList(), settings.PlannedSplit, settings.SrmThreshold);
        var perMetric = new Dictionary<string, (MetricColumn Column, CovariateMoments[] Moments, CupedAdjustment? Cuped)>(StringComparer.Ordinal);
        foreach (var metric in data.Metrics)
        {
            var moments = ArmMoments(data.ArmIndex, armCount, metric.Values, data.Covariate?.Values);
            var cuped = data.Covariate is null ? null : Cuped.Adjust(moments);
            perMetric[metric.Name] = (metric, moments, cuped);
        }

        var arms = new List<ArmResult>();
        for (var k = 0; k < armCount; k++)
        {
            if (k == control)
            {
                continue;
            }
            var metrics = data.Metrics.Select(m => AnalyzeMetric(data, settings, perMetric[m.Name], k, control)).ToList();
            arms.Add(new ArmResult(data.Arms[k], counts[k], metrics, Economics(data, settings, perMetric, metrics, k, control)));
        }

        var warnings = new List<string>();
        if (srm.Warning is not null)
        {
            warnings.Add(srm.Warning);
        }
        var theta = data.Covariate is null ? null : perMetric.ToDictionary(p => p.Key, p => p.Value.Cuped!.Theta, StringComparer.Ordinal);
        return new ExperimentResult(new ArmSize(data.ControlArm, counts[control]), arms, srm, theta, settings.Confidence, warnings);
    }

    private static ArmMetricResult AnalyzeMetric(
        ExperimentData data, AnalysisSettings settings,
        (MetricColumn Column, CovariateMoments[] Moments, CupedAdjustment? Cuped) m, int arm, int control)
    {
        var t = ToMoments(m.Moments[arm]);
        var c = ToMoments(m.Moments[control]);
        var binary = m.Column.Kind == MetricKind.Binary;
        var estimate = binary ? LiftTests.TwoProportion(t, c, settings.Confidence) : LiftTests.Welch(t, c, settings.Confidence);
        var mde = binary
            ? MinimumDetectableEffect.ForProportions(c.Mean, t.N, c.N, settings.Alpha, settings.Power)
            : MinimumDetectableEffect.ForMeans(c.Variance, t.N, c.N, settings.Alpha, settings.Power);
        var incremental = new IncrementalTotal(estimate.Lift * t.N, estimate.LiftLow * t.N, estimate.LiftHigh * t.N);

        CupedEstimate? cuped = null;
        if (m.Cuped is not null)
        {
            // Adjusted values are no longer 0/1, so every metric's adjusted lift uses Welch's test.
            var adjusted = LiftTests.Welch(m.Cuped.AdjustedArms[arm], m.Cuped.AdjustedArms[control], settings.Confidence);
            var rawVariance = t.VarianceOfMean + c.VarianceOfMean;
            var reduction = rawVariance > 0 ? 1 - adjusted.StandardError * adjusted.StandardError / rawVariance : 0;
            cuped = new CupedEstimate(data.Covariate!.Name, m.Cuped.Theta, adjusted.Mean, adjusted.ControlMean, adjusted, reduction);
        }

        Interval? bootstrap = null;
        if (!binary && settings.BootstrapResamples > 0)
        {
            bootstrap = BootstrapInterval.DifferenceInMeans(
                ValuesOf(data.ArmIndex, m.Column.Values, arm), ValuesOf(data.ArmIndex, m.Column.Values, control),
                settings.BootstrapResamples, settings.Confidence, settings.Seed);
        }
        return new ArmMetricResult(m.Column.Name, m.Column.Kind, estimate, mde, c.Mean != 0 ? mde / Math.Abs(c.Mean) : null, incremental, cuped, bootstrap);
    }

    private static ArmEconomics Economics(
        ExperimentData data, AnalysisSettings settings,
        Dictionary<string, (MetricColumn Column, CovariateMoments[] Moments, CupedAdjustment? Cuped)> perMetric,
        List<ArmMetricResult> metrics, int arm, int control)
    {
        var conversion = settings.ConversionMetric is { } cm ? metrics.Single(r => r.Metric == cm) : null;
        var revenue = settings.RevenueMetric is { } rm ? metrics.Single(r => r.Metric == rm) : null;
        double? perConverter = null, controlPerConverter = null;
        if (conversion is not null && revenue is not null)
        {
            perConverter = PerConverter(perMetric[settings.RevenueMetric!].Moments[arm], perMetric[settings.ConversionMetric!].Moments[arm]);
            controlPerConverter = PerConverter(perMetric[settings.RevenueMetric!].Moments[control], perMetric[settings.ConversionMetric!].Moments[control]);
        }
        double? cost = settings.ArmCosts is not null && settings.ArmCosts.TryGetValue(data.Arms[arm], out var c) ? c : null;
        IncrementalTotal? roi = null;
        if (revenue is not null && cost is > 0)
        {
            var inc = revenue.Incremental;
            roi = new IncrementalTotal((inc.Value - cost.Value) / cost.Value, (inc.Low - cost.Value) / cost.Value, (inc.High - cost.Value) / cost.Value);
        }
        return new ArmEconomics(perConverter, controlPerConverter, conversion?.Incremental, revenue?.Incremental, cost, roi);
    }

    private static double? PerConverter(CovariateMoments revenue, CovariateMoments conversions)
    {
        var converters = conversions.MeanY * conversions.N;
        return converters > 0.5 ? revenue.MeanY * revenue.N / converters : null;
    }

    private static Moments ToMoments(CovariateMoments m) => new(m.N, m.MeanY, m.N > 1 ? m.Syy / (m.N - 1) : 0);

    /// <summary>Per-arm centred sums in two passes over the rows (the covariate is 0 when absent).</summary>
    private static CovariateMoments[] ArmMoments(int[] armIndex, int armCount, double[] y, double[]? x)
    {
        var n = new long[armCount];
        var sy = new double[armCount];
        var sx = new double[armCount];
        for (var i = 0; i < armIndex.Length; i++)
        {
            var k = armIndex[i];
            n[k]++;
            sy[k] += y[i];
            if (x is not null)
            {
                sx[k] += x[i];
            }
        }
        var my = new double[armCount];
        var mx = new double[armCount];
        for (var k = 0; k < armCount; k++)
        {
            my[k] = sy[k] / n[k];
            mx[k] = sx[k] / n[k];
        }
        var syy = new double[armCount];
        var sxx = new double[armCount];
        var sxy = new double[armCount];
        for (var i = 0; i < armIndex.Length; i++)
        {
            var k = armIndex[i];
            var dy = y[i] - my[k];
            syy[k] += dy * dy;
            if (x is not null)
            {
                var dx = x[i] - mx[k];
                sxx[k] += dx * dx;
                sxy[k] += dx * dy;
            }
        }
        return Enumerable.Range(0, armCount).Select(k => new CovariateMoments(n[k], my[k], mx[k], syy[k], sxx[k], sxy[k])).ToArray();
    }

    private static double[] ValuesOf(int[] armIndex, double[] values, int arm)
    {
        var list = new List<double>();
        for (var i = 0; i < armIndex.Length; i++)
        {
            if (armIndex[i] == arm)
            {
                list.Add(values[i]);
            }
        }
        return [.. list];
    }

    private static int IndexOf(IReadOnlyList<string> arms, string arm)
    {
        for (var k = 0; k < arms.Count; k++)
        {
            if (string.Equals(arms[k], arm, StringComparison.Ordinal))
            {
                return k;
            }
        }
        return -1;
    }

    private static void Validate(ExperimentData data, AnalysisSettings settings)
    {
        if (data.Arms.Count < 2)
        {
            throw new ArgumentException(data.Arms.Count == 0
                ? "the experiment has no customers"
                : $"the experiment has a single arm ('{data.Arms[0]}'); a lift needs a treatment arm and a control arm");
        }
        if (IndexOf(data.Arms, data.ControlArm) < 0)
        {
            throw new ArgumentException($"control arm '{data.ControlArm}' not found; the arms are: {string.Join(", ", data.Arms.Select(a => $"'{a}'"))}");
        }
        if (data.Metrics.Count == 0)
        {
            throw new ArgumentException("no metrics to analyze");
        }
        if (data.ArmIndex.Any(k => k < 0 || k >= data.Arms.Count))
        {
            throw new ArgumentException("an arm index points outside the list of arms");
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var metric in data.Metrics)
        {
            if (!names.Add(metric.Name))
            {
                throw new ArgumentException($"metric '{metric.Name}' is given twice");
            }
            RequireAligned(metric.Name, metric.Values, data.CustomerCount);
        }
        if (data.Covariate is not null)
        {
            RequireAligned(data.Covariate.Name, data.Covariate.Values, data.CustomerCount);
        }
        foreach (var name in new[] { settings.ConversionMetric, settings.RevenueMetric })
        {
            if (name is not null && !names.Contains(name))
            {
                throw new ArgumentException($"metric '{name}' named in the settings is not among the metrics");
            }
        }
        if (!(settings.Confidence is > 0 and < 1))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"confidence must lie strictly between 0 and 1 (got {settings.Confidence})"));
        }
    }

    private static void RequireAligned(string name, double[] values, int count)
    {
        if (values.Length != count)
        {
            throw new ArgumentException($"'{name}' has {values.Length} values for {count} customers");
        }
        var bad = Array.FindIndex(values, v => !double.IsFinite(v));
        if (bad >= 0)
        {
            throw new ArgumentException($"'{name}' of customer #{bad + 1} is not a finite number");
        }
    }
}
