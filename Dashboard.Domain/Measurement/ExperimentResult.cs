namespace Dashboard.Domain.Measurement;

/// <summary>The size of an arm.</summary>
public sealed record ArmSize(string Arm, long N);

/// <summary>Lift × treated customers: the extra conversions (or revenue) the arm produced, with its interval.</summary>
public sealed record IncrementalTotal(double Value, double Low, double High);

/// <summary>
/// The CUPED-adjusted comparison: adjusted means, the lift with its (narrower) interval, and the variance
/// reduction 1 − SE²(adjusted)/SE²(raw) of the lift estimate.
/// </summary>
public sealed record CupedEstimate(string Covariate, double Theta, double AdjustedMean, double AdjustedControlMean, LiftEstimate Estimate, double VarianceReduction);

/// <summary>
/// One metric of one treatment arm: the test (<see cref="Estimate"/>), the minimum detectable effect for these
/// sample sizes (absolute, and relative to the control mean when it is not 0), incremental total, and the
/// optional CUPED and bootstrap results.
/// </summary>
public sealed record ArmMetricResult(
    string Metric,
    MetricKind Kind,
    LiftEstimate Estimate,
    double MinimumDetectableEffect,
    double? RelativeMinimumDetectableEffect,
    IncrementalTotal Incremental,
    CupedEstimate? Cuped,
    Interval? Bootstrap);

/// <summary>
/// Money view of an arm: revenue per converter (revenue / conversions, null without conversions), incremental
/// conversions and revenue (lift × treated n), the delivery cost and the incremental ROI
/// (incremental revenue − cost)/cost with the interval carried over from the revenue lift's interval.
/// </summary>
public sealed record ArmEconomics(
    double? RevenuePerConverter,
    double? ControlRevenuePerConverter,
    IncrementalTotal? IncrementalConversions,
    IncrementalTotal? IncrementalRevenue,
    double? Cost,
    IncrementalTotal? IncrementalRoi);

public sealed record ArmResult(string Arm, long N, IReadOnlyList<ArmMetricResult> Metrics, ArmEconomics Economics);

/// <summary>Everything an analysis found; <see cref="Warnings"/> holds the loud ones (SRM, underpowered arms).</summary>
public sealed record ExperimentResult(
    ArmSize Control,
    IReadOnlyList<ArmResult> Arms,
    SampleRatioCheck Srm,
    IReadOnlyDictionary<string, double>? CupedTheta,
    double Confidence,
    IReadOnlyList<string> Warnings);
