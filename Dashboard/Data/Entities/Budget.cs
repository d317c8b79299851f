namespace Dashboard.Data.Entities;

/// <summary>
/// One channel's fitted response curve for one outcome, written by a "budget-curves" model run (snapshot; pages read the
/// latest successful run). Weekly outcome = baseline + β·Hill(adstock_θ(spend); k, h); see Dashboard.Domain/Allocation.
/// </summary>
public sealed class ChannelCurve
{
    public long Id { get; set; }
    public long ModelRunId { get; set; }
    public int AdChannelId { get; set; }
    /// <summary>"revenue" (currency per week) or "conversions" (per week).</summary>
    public required string Outcome { get; set; }
    /// <summary>Weekly outcome with no spend.</summary>
    public double Baseline { get; set; }
    /// <summary>β: the weekly outcome above baseline at full saturation.</summary>
    public double Beta { get; set; }
    /// <summary>k: the adstocked weekly spend at half saturation (currency).</summary>
    public double HalfSaturation { get; set; }
    /// <summary>h: the Hill exponent (h &gt; 1 is S-shaped).</summary>
    public double Shape { get; set; }
    /// <summary>θ: the weekly carry-over of the adstock.</summary>
    public double Carryover { get; set; }
    /// <summary>2.5% and 97.5% bootstrap percentiles of each parameter.</summary>
    public double BetaLower { get; set; }
    public double BetaUpper { get; set; }
    public double HalfSaturationLower { get; set; }
    public double HalfSaturationUpper { get; set; }
    public double ShapeLower { get; set; }
    public double ShapeUpper { get; set; }
    public double CarryoverLower { get; set; }
    public double CarryoverUpper { get; set; }
    public double RSquared { get; set; }
    /// <summary>Weeks of history fitted, and the first and last of them (week starts, UTC).</summary>
    public int Weeks { get; set; }
    public DateTime FirstWeekUtc { get; set; }
    public DateTime LastWeekUtc { get; set; }
    /// <summary>Mean weekly spend over the fitted weeks, and its coefficient of variation.</summary>
    public double MeanSpend { get; set; }
    public double SpendVariation { get; set; }
    /// <summary>True when the data were too few or too flat and the curve was shrunk towards the prior.</summary>
    public bool IsShrunk { get; set; }
    public string? ShrinkReason { get; set; }
    /// <summary>The bootstrap curves as JSON, [[β, k, h, θ], ...]: uncertainty bands for any split are computed from them.</summary>
    public required string BootstrapJson { get; set; }
    /// <summary>The fitted weeks as JSON, [{"w":"yyyy-MM-dd","s":spend,"y":observed,"f":fitted}, ...] (the residual plot).</summary>
    public required string WeeksJson { get; set; }

    public AdChannel? AdChannel { get; set; }
}

/// <summary>Where a saved budget plan is in its life: a draft anyone may change, or approved.</summary>
public enum BudgetScenarioStatus
{
    Draft,
    Approved,
}

/// <summary>A saved budget split ("scenario" or plan): the weekly spend per channel, its bounds and how it was made.</summary>
public sealed class BudgetScenario
{
    public long Id { get; set; }
    public required string Name { get; set; }
    /// <summary>"revenue" or "conversions": the outcome the split was judged on.</summary>
    public required string Outcome { get; set; }
    /// <summary>Σ weekly spend (currency).</summary>
    public double TotalSpend { get; set; }
    /// <summary>Whether the total was locked when the split was made.</summary>
    public bool TotalLocked { get; set; }
    /// <summary>The projected weekly outcome above baseline at save time.</summary>
    public double ProjectedResponse { get; set; }
    /// <summary>The curve run the projection came from (null when that run is gone).</summary>
    public long? ModelRunId { get; set; }
    public BudgetScenarioStatus Status { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedUtc { get; set; }
    public string? ApprovedBy { get; set; }
    public DateTime? ApprovedUtc { get; set; }

    public List<BudgetScenarioChannel> Channels { get; set; } = [];
}

/// <summary>One channel of a saved scenario: the weekly spend and the bounds (absolute; the percentages when given that way).</summary>
public sealed class BudgetScenarioChannel
{
    public long Id { get; set; }
    public long BudgetScenarioId { get; set; }
    public int AdChannelId { get; set; }
    public double Spend { get; set; }
    public double Lower { get; set; }
    public double Upper { get; set; }
    /// <summary>The lower bound as % of current spend, when it was given that way.</summary>
    public double? LowerPercent { get; set; }
    /// <summary>The upper bound as % of current spend, when it was given that way.</summary>
    public double? UpperPercent { get; set; }

    public AdChannel? AdChannel { get; set; }
}
