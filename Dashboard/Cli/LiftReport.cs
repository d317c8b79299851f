using Dashboard.Domain.Measurement;

namespace Dashboard.Cli;

/// <summary>
/// The JSON contract of `lift --json` (issue 7): {"arms": [{"arm", "n", "metrics": [{"metric", "mean",
/// "controlMean", "lift", "liftLow", "liftHigh", "relativeLift", "pValue", ...}]}], "control": {"arm", "n"},
/// "srm": {"pValue", ...}}. The names listed there are fixed; the others are additions.
/// </summary>
public sealed record LiftReport(IReadOnlyList<LiftReport.ArmReport> Arms, LiftReport.ControlReport Control, LiftReport.SrmReport Srm,
    double Confidence, IReadOnlyDictionary<string, double>? CupedTheta, IReadOnlyList<string> Warnings)
{
    public sealed record ControlReport(string Arm, long N);

    public sealed record ArmReport(string Arm, long N, IReadOnlyList<MetricReport> Metrics, ArmEconomics Economics);

    public sealed record MetricReport(
        string Metric, string Kind, string Test, double Mean, double ControlMean, double Lift, double LiftLow, double LiftHigh,
        double? RelativeLift, double? RelativeLiftLow, double? RelativeLiftHigh, double PValue, bool Significant,
        double StandardError, double Statistic, double? DegreesOfFreedom, double Mde, double? RelativeMde,
        IncrementalTotal Incremental, CupedReport? Cuped, Interval? Bootstrap);

    public sealed record CupedReport(string Covariate, double Theta, double AdjustedMean, double AdjustedControlMean,
        double Lift, double LiftLow, double LiftHigh, double PValue, double VarianceReduction);

    public sealed record SrmReport(double PValue, double ChiSquare, int DegreesOfFreedom, double Threshold, bool Mismatch,
        string PlannedSplit, IReadOnlyList<ArmAllocation> Arms, string? Warning);

    public static LiftReport From(ExperimentResult r) => new(
        r.Arms.Select(a => new ArmReport(a.Arm, a.N, a.Metrics.Select(ToMetric).ToList(), a.Economics)).ToList(),
        new ControlReport(r.Control.Arm, r.Control.N),
        new SrmReport(r.Srm.PValue, r.Srm.ChiSquare, r.Srm.DegreesOfFreedom, r.Srm.Threshold, r.Srm.IsMismatch,
            r.Srm.PlannedSplitGiven ? "given" : "equal", r.Srm.Arms, r.Srm.Warning),
        r.Confidence,
        r.CupedTheta,
        r.Warnings);

    private static MetricReport ToMetric(ArmMetricResult m)
    {
        var e = m.Estimate;
        var cuped = m.Cuped is { } c
            ? new CupedReport(c.Covariate, c.Theta, c.AdjustedMean, c.AdjustedControlMean, c.Estimate.Lift, c.Estimate.LiftLow, c.Estimate.LiftHigh, c.Estimate.PValue, c.VarianceReduction)
            : null;
        return new MetricReport(m.Metric, m.Kind == MetricKind.Binary ? "binary" : "continuous",
            e.Test == LiftTest.TwoProportionZ ? "two-proportion z" : "welch t",
            e.Mean, e.ControlMean, e.Lift, e.LiftLow, e.LiftHigh, e.RelativeLift, e.RelativeLiftLow, e.RelativeLiftHigh, e.PValue,
            e.IsSignificant, e.StandardError, e.Statistic, e.DegreesOfFreedom, m.MinimumDetectableEffect, m.RelativeMinimumDetectableEffect,
            m.Incremental, cuped, m.Bootstrap);
    }
}
