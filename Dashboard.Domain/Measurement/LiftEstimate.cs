namespace Dashboard.Domain.Measurement;

/// <summary>The test behind a lift estimate.</summary>
public enum LiftTest
{
    /// <summary>Two-proportion z-test: pooled standard error for the test, unpooled for the interval.</summary>
    TwoProportionZ,

    /// <summary>Welch's unequal-variance t-test with Welch–Satterthwaite degrees of freedom.</summary>
    WelchT,
}

/// <summary>
/// One treatment arm against control on one metric. Units are the metric's own (a rate as a fraction,
/// revenue in currency per targeted customer). <see cref="Lift"/> is treatment mean minus control mean and
/// [<see cref="LiftLow"/>, <see cref="LiftHigh"/>] its two-sided interval at the requested confidence.
/// <see cref="RelativeLift"/> is Lift / ControlMean with a delta-method interval; it is null when the
/// control mean is 0 (a ratio to nothing is undefined).
/// </summary>
public sealed record LiftEstimate(
    LiftTest Test,
    double Mean,
    double ControlMean,
    double Lift,
    double LiftLow,
    double LiftHigh,
    double StandardError,
    double Statistic,
    double? DegreesOfFreedom,
    double PValue,
    double? RelativeLift,
    double? RelativeLiftLow,
    double? RelativeLiftHigh)
{
    /// <summary>True when the interval excludes zero (equivalently p below 1 − confidence).</summary>
    public bool IsSignificant => LiftLow > 0 || LiftHigh < 0;
}

/// <summary>A two-sided interval [Low, High] around an estimate.</summary>
public sealed record Interval(double Estimate, double Low, double High);
