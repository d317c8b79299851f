namespace Dashboard.Domain.Measurement;

/// <summary>How a metric is tested.</summary>
public enum MetricKind
{
    /// <summary>A 0/1 outcome per customer (visited, converted): a rate, tested with the two-proportion z-test.</summary>
    Binary,

    /// <summary>A number per customer (revenue per targeted customer): a mean, tested with Welch's t-test.</summary>
    Continuous,
}

/// <summary>One metric: a value per customer, aligned with <see cref="ExperimentData.ArmIndex"/>.</summary>
public sealed record MetricColumn(string Name, MetricKind Kind, double[] Values)
{
    /// <summary>A metric whose values are all 0 or 1 is <see cref="MetricKind.Binary"/>, otherwise continuous.</summary>
    public static MetricColumn Infer(string name, double[] values) =>
        new(name, Array.TrueForAll(values, v => v is 0 or 1) ? MetricKind.Binary : MetricKind.Continuous, values);
}

/// <summary>A pre-period covariate for CUPED (e.g. spend in the months before the campaign), one value per customer.</summary>
public sealed record CovariateColumn(string Name, double[] Values);

/// <summary>
/// A per-customer experiment: the arm of each customer (an index into <see cref="Arms"/>), the metrics measured
/// over the campaign plus attribution window, and optionally a pre-period covariate. Arrays rather than row
/// objects keep a million customers to a few megabytes.
/// </summary>
public sealed record ExperimentData(
    IReadOnlyList<string> Arms,
    string ControlArm,
    int[] ArmIndex,
    IReadOnlyList<MetricColumn> Metrics,
    CovariateColumn? Covariate = null)
{
    /// <summary>Builds the arm index from one arm label per customer; arms keep their first-seen order.</summary>
    public static ExperimentData FromLabels(IReadOnlyList<string> armLabels, string controlArm, IReadOnlyList<MetricColumn> metrics, CovariateColumn? covariate = null)
    {
        var arms = new List<string>();
        var lookup = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = new int[armLabels.Count];
        for (var i = 0; i < index.Length; i++)
        {
            if (!lookup.TryGetValue(armLabels[i], out var k))
            {
                k = arms.Count;
                lookup.Add(armLabels[i], k);
                arms.Add(armLabels[i]);
            }
            index[i] = k;
        }
        return new ExperimentData(arms, controlArm, index, metrics, covariate);
    }

    public int CustomerCount => ArmIndex.Length;
}

/// <summary>
/// Settings of an analysis. <see cref="PlannedSplit"/>: weights per arm for the SRM check (null = equal split).
/// <see cref="ConversionMetric"/> / <see cref="RevenueMetric"/> name the metrics behind revenue per converter
/// and incremental revenue. <see cref="ArmCosts"/>: total cost of delivering each treatment arm, in the revenue's
/// currency, for incremental ROI. <see cref="BootstrapResamples"/> &gt; 0 adds a seeded percentile bootstrap
/// interval for continuous metrics.
/// </summary>
public sealed record AnalysisSettings
{
    public double Confidence { get; init; } = 0.95;

    /// <summary>Significance level of the minimum-detectable-effect calculation.</summary>
    public double Alpha { get; init; } = 0.05;

    public double Power { get; init; } = 0.8;

    public IReadOnlyDictionary<string, double>? PlannedSplit { get; init; }

    public double SrmThreshold { get; init; } = SampleRatioMismatch.DefaultThreshold;

    public string? ConversionMetric { get; init; }

    public string? RevenueMetric { get; init; }

    public IReadOnlyDictionary<string, double>? ArmCosts { get; init; }

    public int BootstrapResamples { get; init; }

    public int Seed { get; init; } = 1;
}
