namespace Dashboard.Domain.Allocation;

/// <summary>
/// A channel's response to spend: weekly outcome = baseline + β·Hill(adstock(spend)), with geometric adstock
/// a_t = s_t + θ·a_{t−1} and Hill saturation Hill(x) = x^h / (x^h + k^h) (Jin, Wang, Sun, Chan &amp; Koehler 2017,
/// "Bayesian Methods for Media Mix Modeling with Carryover and Shape Effects", Google; the same forms as Robyn and Meridian).
/// </summary>
/// <remarks>
/// Units: spend and <paramref name="HalfSaturation"/> in currency per week; <paramref name="Beta"/> in outcome units per week
/// (the response at full saturation). <see cref="Response"/> and <see cref="Marginal"/> give the <em>steady-state</em>
/// weekly figures for a constant weekly spend s: the adstock then settles at a = s/(1−θ) (geometric series), so the
/// response is β·Hill(s/(1−θ)) = β·s^h/(s^h + (k(1−θ))^h), a plain Hill curve with half-saturation k(1−θ)
/// (<see cref="EffectiveHalfSaturation"/>). Evaluation is O(1) (one exp and one log): cheap enough for live sliders.
/// </remarks>
/// <param name="Beta">β ≥ 0: the weekly outcome at full saturation.</param>
/// <param name="HalfSaturation">k &gt; 0: the adstocked spend at which half of β is reached.</param>
/// <param name="Shape">h &gt; 0: the Hill exponent; h ≤ 1 is concave, h &gt; 1 is S-shaped (convex below the inflection).</param>
/// <param name="Carryover">θ in [0, 1): the share of last week's adstock carried into this week.</param>
public sealed record ResponseCurve(double Beta, double HalfSaturation, double Shape, double Carryover = 0)
{
    /// <summary>The half-saturation of the steady-state curve in weekly spend: k·(1−θ).</summary>
    public double EffectiveHalfSaturation => HalfSaturation * (1 - Carryover);

    /// <summary>True when the steady-state curve is concave for all spend (h ≤ 1, or no effect).</summary>
    public bool IsConcave => Shape <= 1 || Beta == 0;

    /// <summary>The weekly spend where an S-shaped curve turns from convex to concave: k(1−θ)·((h−1)/(h+1))^(1/h); 0 when concave.</summary>
    public double InflectionSpend => IsConcave ? 0 : EffectiveHalfSaturation * Math.Pow((Shape - 1) / (Shape + 1), 1 / Shape);

    /// <summary>Checks the parameters; returns the first problem as a sentence, or null when the curve is valid.</summary>
    public string? Validate()
    {
        if (!double.IsFinite(Beta) || Beta < 0)
        {
            return $"beta must be a finite number ≥ 0 (got {Beta.ToString("R", System.Globalization.CultureInfo.InvariantCulture)})";
        }
        if (!double.IsFinite(HalfSaturation) || HalfSaturation <= 0)
        {
            return $"k must be a finite number > 0 (got {HalfSaturation.ToString("R", System.Globalization.CultureInfo.InvariantCulture)})";
        }
        if (!double.IsFinite(Shape) || Shape <= 0 || Shape > 50)
        {
            return $"shape must be a number in (0, 50] (got {Shape.ToString("R", System.Globalization.CultureInfo.InvariantCulture)})";
        }
        if (!double.IsFinite(Carryover) || Carryover < 0 || Carryover >= 1)
        {
            return $"carry-over must be in [0, 1) (got {Carryover.ToString("R", System.Globalization.CultureInfo.InvariantCulture)})";
        }
        return null;
    }

    /// <summary>Steady-state weekly outcome above baseline for a constant weekly spend (outcome units per week).</summary>
    public double Response(double spend) => Beta * Hill(spend, EffectiveHalfSaturation, Shape);

    /// <summary>Steady-state marginal return d Response / d spend (outcome units per currency unit); +∞ at 0 when h &lt; 1.</summary>
    public double Marginal(double spend) => Beta * HillDerivative(spend, EffectiveHalfSaturation, Shape);

    /// <summary>The response of one week's adstocked spend (not steady state): β·Hill(a).</summary>
    public double ResponseToAdstock(double adstock) => Beta * Hill(adstock, HalfSaturation, Shape);

    /// <summary>Hill saturation x^h/(x^h + k^h), computed as 1/(1 + (k/x)^h) so large x or h cannot overflow.</summary>
    public static double Hill(double x, double k, double h)
    {
        if (x <= 0)
        {
            return 0;
        }
        var r = Math.Exp(h * Math.Log(k / x));
        return 1 / (1 + r);
    }

    /// <summary>d/dx of <see cref="Hill"/>: h·r / (x·(1+r)²) with r = (k/x)^h.</summary>
    public static double HillDerivative(double x, double k, double h)
    {
        if (x <= 0)
        {
            return h < 1 ? double.PositiveInfinity : h == 1 ? 1 / k : 0;
        }
        var r = Math.Exp(h * Math.Log(k / x));
        if (double.IsInfinity(r))
        {
            return h < 1 ? double.PositiveInfinity : 0;
        }
        var onePlus = 1 + r;
        return h * r / (x * onePlus * onePlus);
    }

    /// <summary>Geometric adstock a_t = s_t + θ·a_{t−1}, starting from a_{−1} = 0.</summary>
    public static double[] Adstock(IReadOnlyList<double> spend, double carryover)
    {
        var result = new double[spend.Count];
        var carried = 0.0;
        for (var t = 0; t < spend.Count; t++)
        {
            carried = spend[t] + carryover * carried;
            result[t] = carried;
        }
        return result;
    }
}
