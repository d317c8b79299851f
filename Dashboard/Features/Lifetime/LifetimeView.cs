namespace Dashboard.Features.Lifetime;

/// <summary>Everything the Lifetime value page shows: the latest successful run, recomputed for the page's controls.</summary>
/// <param name="RunId">The model run the figures come from.</param>
/// <param name="FinishedUtc">When it finished.</param>
/// <param name="Run">Its stored summary (fit, data window, holdout check).</param>
/// <param name="Query">The controls the CLV figures use.</param>
/// <param name="ExpectedActive">Index m: expected customers still alive m months from the data end (m = 0..horizon).</param>
public sealed record LifetimeView(
    long RunId,
    DateTime? FinishedUtc,
    LifetimeRunSummary Run,
    LifetimeQuery Query,
    LifetimeKpis Kpis,
    IReadOnlyList<ClvBin> Distribution,
    IReadOnlyList<ClvGroup> BySource,
    IReadOnlyList<ClvGroup> ByCohort,
    IReadOnlyList<double> ExpectedActive,
    IReadOnlyList<TopCustomer> TopCustomers);

/// <param name="Customers">Customers scored (everyone with an order).</param>
/// <param name="ExpectedAlive">Σ P(alive): customers expected not to have dropped out at the data end.</param>
/// <param name="ExpectedPurchases">Σ expected repeat purchases over the horizon.</param>
/// <param name="TotalClv">Σ CLV over the horizon (discounted margin).</param>
public sealed record LifetimeKpis(int Customers, double ExpectedAlive, double ExpectedPurchases, double TotalClv)
{
    public double MeanClv => Customers == 0 ? 0 : TotalClv / Customers;
}

/// <summary>A histogram bar: customers with From ≤ CLV &lt; To (To null = the open last bar).</summary>
public sealed record ClvBin(double From, double? To, int Customers);

/// <summary>CLV of a group of customers (an acquisition source or a first-purchase quarter).</summary>
public sealed record ClvGroup(string Label, int Customers, double TotalClv, double MeanPAlive)
{
    public double MeanClv => Customers == 0 ? 0 : TotalClv / Customers;
}

/// <param name="Frequency">x: repeat purchase days so far.</param>
public sealed record TopCustomer(long CustomerId, string? Name, int Frequency, double PAlive, double ExpectedPurchases, double ExpectedAov, double Clv);

/// <summary>One customer's lifetime figures for the customer 360 view (from the latest successful run).</summary>
/// <param name="HorizonMonths">Horizon of <paramref name="ExpectedPurchases"/> and <paramref name="Clv"/> (the run's).</param>
/// <param name="AliveByMonth">Index m: P(alive) m months after the run's data end (m = 0..12), for a sparkline.</param>
public sealed record CustomerLifetimeView(
    long CustomerId,
    long RunId,
    DateTime? RunFinishedUtc,
    DateOnly DataTo,
    int HorizonMonths,
    int Frequency,
    double PAlive,
    double ExpectedPurchases,
    double ExpectedAov,
    double Clv,
    IReadOnlyList<double> AliveByMonth);
