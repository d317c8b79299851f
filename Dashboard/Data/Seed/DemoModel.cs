using Dashboard.Domain.Lifetime;

namespace Dashboard.Data.Seed;

/// <summary>The generating parameters of the demo brand (fixed; only the seed and size vary).</summary>
public static class DemoModel
{
    /// <summary>BG/NBD in weeks (the Lifetime domain's parameters, so recovery compares like with like). About 2.9 repeat purchases in the first two years, 1.9 in the first year.</summary>
    public static readonly BgNbdParameters BgNbd = new(R: 0.6, Alpha: 10, A: 0.8, B: 2.5);

    /// <summary>Mean order value ¥300; a person's mean varies with a coefficient of variation of 0.7.</summary>
    public static readonly GammaGammaParameters GammaGamma = new(P: 6, Q: 4, V: 150);

    /// <summary>Prospects (touchpoints, no orders) added on top of the buyers, as a share of buyers.</summary>
    public const double ProspectShare = 0.2;

    /// <summary>Order lines per order the brand's baskets give on their own (3,788,543 lines in 2,582,801 orders at 1,000,000 buyers, seed 42).</summary>
    public const double NaturalLinesPerOrder = 1.467;

    /// <summary>Channel spend and outcomes are scaled with the brand's size relative to this many buyers.</summary>
    public const int ReferenceBuyers = 20_000;
}
