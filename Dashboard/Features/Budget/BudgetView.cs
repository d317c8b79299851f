using Dashboard.Data.Entities;
using Dashboard.Domain.Allocation;

namespace Dashboard.Features.Budget;

/// <summary>One fitted week of a channel: spend, observed and fitted outcome.</summary>
public sealed record FitWeek(DateOnly Week, double Spend, double Observed, double Fitted)
{
    public double Residual => Observed - Fitted;
}

/// <summary>A channel's steady-state response curve on a spend grid with its 95% bootstrap band (for the curve charts).</summary>
public sealed record CurveGrid(IReadOnlyList<double> Spend, IReadOnlyList<double> Response, IReadOnlyList<double> Lower, IReadOnlyList<double> Upper);

/// <summary>
/// One channel as the Budget page needs it: the fitted curve with its bootstrap curves, fit quality and flags, and the current
/// weekly spend (the average of the last weeks of history).
/// </summary>
public sealed record BudgetChannelModel(
    int AdChannelId,
    string Code,
    string Name,
    ResponseCurve Curve,
    double Baseline,
    double RSquared,
    ParameterInterval Beta,
    ParameterInterval HalfSaturation,
    ParameterInterval Shape,
    ParameterInterval Carryover,
    IReadOnlyList<ResponseCurve> BootstrapCurves,
    bool IsShrunk,
    string? ShrinkReason,
    double CurrentSpend,
    double MeanSpend,
    IReadOnlyList<FitWeek> History,
    CurveGrid Grid)
{
    /// <summary>What percentage bounds refer to: the current spend, or the historical mean when the channel is dark now.</summary>
    public double ReferenceSpend => CurrentSpend > 0 ? CurrentSpend : MeanSpend;
}

/// <summary>The fitted curves of one outcome from the latest successful "budget-curves" run.</summary>
/// <param name="RunId">The model run the curves come from.</param>
/// <param name="FittedUtc">When that run finished.</param>
/// <param name="CurrentWeeks">How many recent weeks the current spend averages.</param>
/// <param name="LastWeek">The last week of spend history.</param>
public sealed record BudgetModel(long RunId, DateTime FittedUtc, BudgetOutcome Outcome, int CurrentWeeks, DateOnly LastWeek,
    IReadOnlyList<BudgetChannelModel> Channels);

/// <summary>One channel's projected figures at the proposed spend.</summary>
/// <param name="Response">Expected weekly outcome above baseline (steady state).</param>
/// <param name="ResponseLow">2.5% bootstrap percentile of <paramref name="Response"/>.</param>
/// <param name="ResponseHigh">97.5% bootstrap percentile of <paramref name="Response"/>.</param>
/// <param name="Marginal">Extra outcome per extra currency unit at this spend (+∞ at 0 for h &lt; 1).</param>
public sealed record ChannelProjection(
    string Code,
    string Name,
    double Current,
    double Spend,
    double Lower,
    double Upper,
    double Response,
    double ResponseLow,
    double ResponseHigh,
    double CurrentResponse,
    double Roi,
    double Marginal,
    BoundState Bound,
    bool IsShrunk,
    string? ShrinkReason);

/// <summary>The whole split's projected weekly figures, with the current split's for comparison.</summary>
/// <param name="Marginal">
/// The marginal ROI of the split as a whole: the extra outcome per extra currency unit spread in proportion to the split,
/// Σ (s_i/S)·m_i (the derivative of the total response when every spend grows by the same factor).
/// </param>
public sealed record BudgetProjection(
    IReadOnlyList<ChannelProjection> Channels,
    double TotalSpend,
    double TotalResponse,
    double ResponseLow,
    double ResponseHigh,
    double Roi,
    double Marginal,
    double CurrentSpend,
    double CurrentResponse)
{
    public double Uplift => TotalResponse - CurrentResponse;
}

/// <summary>A saved scenario in the list.</summary>
public sealed record ScenarioSummary(long Id, string Name, BudgetOutcome Outcome, double TotalSpend, double ProjectedResponse,
    BudgetScenarioStatus Status, string CreatedBy, DateTime CreatedUtc);

/// <summary>One channel of a saved scenario.</summary>
public sealed record ScenarioChannel(string Code, string Name, double Spend, double Lower, double Upper, double? LowerPercent, double? UpperPercent);

/// <summary>A saved scenario with its channels.</summary>
public sealed record SavedScenario(ScenarioSummary Summary, bool TotalLocked, long? ModelRunId, string? ApprovedBy, DateTime? ApprovedUtc,
    IReadOnlyList<ScenarioChannel> Channels);

/// <summary>What the page asks the service to save.</summary>
public sealed record ScenarioDraft(string Name, BudgetOutcome Outcome, bool TotalLocked, double ProjectedResponse, long ModelRunId,
    string CreatedBy, IReadOnlyList<ScenarioChannel> Channels);

/// <summary>One row of the side-by-side comparison: weekly spend per channel in each split (null when a split lacks the channel).</summary>
public sealed record ComparisonRow(string Code, string Name, double Current, double Proposed, double? Optimized, double? Saved);

/// <summary>The answer to an inverse question: the total, the split, the response and whether it could be answered.</summary>
public sealed record InverseAnswer(double Total, IReadOnlyList<double> Spends, double Response, string? Problem);

/// <summary>A bounds edit from the page: the channel and its new lower and upper bound.</summary>
public sealed record BoundsEdit(string Code, BoundSpec Lower, BoundSpec Upper);
