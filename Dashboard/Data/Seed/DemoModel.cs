namespace Dashboard.Data.Seed;

/// <summary>
/// BG/NBD parameters (Fader, Hardie &amp; Lee 2005, "Counting your customers the easy way"), time unit
/// one week: purchase rate λ ~ Gamma(shape r, rate α); drop-out probability p ~ Beta(a, b).
/// </summary>
public sealed record BgNbdParameters(double R, double Alpha, double A, double B);

/// <summary>
/// Gamma-Gamma spend model (Fader, Hardie &amp; Lee 2005, "RFM and CLV"): each order value
/// z ~ Gamma(shape p, rate ν) with ν ~ Gamma(shape q, rate γ) per person; CNY.
/// </summary>
public sealed record GammaGammaParameters(double P, double Q, double Gamma)
{
    /// <summary>Population mean order value p·γ/(q−1) (needs q &gt; 1).</summary>
    public double MeanOrderValue => P * Gamma / (Q - 1);
}

/// <summary>The generating parameters of the demo brand (fixed; only the seed and size vary).</summary>
public static class DemoModel
{
    /// <summary>About 2.9 repeat purchases in the first two years, 1.9 in the first year.</summary>
    public static readonly BgNbdParameters BgNbd = new(R: 0.6, Alpha: 10, A: 0.8, B: 2.5);

    /// <summary>Mean order value ¥300; a person's mean varies with a coefficient of variation of 0.7.</summary>
    public static readonly GammaGammaParameters GammaGamma = new(P: 6, Q: 4, Gamma: 150);

    /// <summary>Prospects (touchpoints, no orders) added on top of the buyers, as a share of buyers.</summary>
    public const double ProspectShare = 0.2;

    /// <summary>Channel spend and outcomes are scaled with the brand's size relative to this many buyers.</summary>
    public const int ReferenceBuyers = 20_000;
}
