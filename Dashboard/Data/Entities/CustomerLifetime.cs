namespace Dashboard.Data.Entities;

/// <summary>
/// One customer's lifetime forecast in a "lifetime" model run (a snapshot row; pages read the latest successful run).
/// Times are in the run's period unit (weeks by default); money in the brand's currency.
/// </summary>
public sealed class CustomerLifetime
{
    public long ModelRunId { get; set; }
    public long CustomerId { get; set; }
    /// <summary>The day of the first purchase (UTC midnight): the customer's cohort.</summary>
    public DateTime FirstPurchaseUtc { get; set; }
    /// <summary>x: repeat purchase days.</summary>
    public int X { get; set; }
    /// <summary>t_x: first to last purchase day, in periods.</summary>
    public double Tx { get; set; }
    /// <summary>T: first purchase day to the run's calibration end, in periods.</summary>
    public double T { get; set; }
    /// <summary>Mean value of the repeat purchase days (0 when x = 0).</summary>
    public double MeanRepeatValue { get; set; }
    public double PAlive { get; set; }
    /// <summary>Expected repeat purchases over the run's horizon.</summary>
    public double ExpectedPurchases { get; set; }
    /// <summary>Expected average order value (Gamma-Gamma, conditional on the history).</summary>
    public double ExpectedAov { get; set; }
    /// <summary>CLV with the run's horizon, discount rate and margin.</summary>
    public double Clv { get; set; }
}

/// <summary>
/// Month-by-month projections shared by the customers of a run with the same (x, T) (see Domain
/// LifetimeProjection): cumulative expected purchases and survival of an alive customer, as little-endian doubles.
/// With them CLV for another horizon or discount rate is a short sum per customer, without refitting.
/// </summary>
public sealed class LifetimeCurve
{
    public long ModelRunId { get; set; }
    public int X { get; set; }
    public double T { get; set; }
    /// <summary>Months + 1 doubles: E[Y(m months) | alive, x, T].</summary>
    public required byte[] Purchases { get; set; }
    /// <summary>Months + 1 doubles: P(alive m months later | alive now, x, T).</summary>
    public required byte[] Survival { get; set; }
}
