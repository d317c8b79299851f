namespace Dashboard.Domain.Allocation;

/// <summary>
/// The steady-state Hill curve f(s) = β·s^h/(s^h + κ^h) of one channel, in the form the optimizer needs: value, marginal,
/// the inverse of the marginal on the concave branch, and the concave envelope on an interval.
/// </summary>
internal readonly struct HillFunction
{
    private readonly double _lnBetaH;
    private readonly double _lnKappa;

    public HillFunction(ResponseCurve curve)
    {
        Beta = curve.Beta;
        Kappa = curve.EffectiveHalfSaturation;
        Shape = curve.Shape;
        Inflection = curve.InflectionSpend;
        _lnBetaH = Beta > 0 ? Math.Log(Beta * Shape) : double.NegativeInfinity;
        _lnKappa = Math.Log(Kappa);
    }

    public double Beta { get; }

    public double Kappa { get; }

    public double Shape { get; }

    /// <summary>Where the curve turns concave (0 for concave curves).</summary>
    public double Inflection { get; }

    public double Value(double s) => Beta * ResponseCurve.Hill(s, Kappa, Shape);

    public double Marginal(double s) => Beta * ResponseCurve.HillDerivative(s, Kappa, Shape);

    /// <summary>
    /// The s in [lo, hi] where the marginal equals λ, on a stretch where the marginal is decreasing (the concave branch),
    /// given marginal(lo) ≥ λ &gt; marginal(hi). Safeguarded Newton on ln f'(e^t) − ln λ in t = ln s (Numerical Recipes' rtsafe):
    /// ln f' is smooth in t and close to linear far from κ, so a few steps suffice.
    /// </summary>
    public double MarginalInverse(double lambda, double lo, double hi, double guess)
    {
        var lnLambda = Math.Log(lambda);
        if (lo <= 0)
        {
            // f'(0+) ≥ λ: walk down from hi until the marginal is above λ to get a finite bracket in ln s.
            lo = Math.Min(hi, Kappa) * 0.5;
            while (LnMarginal(Math.Log(lo), out _) < lnLambda && lo > 1e-300)
            {
                lo *= 0.0625;
            }
        }
        double tLo = Math.Log(lo), tHi = Math.Log(hi);
        var t = guess > lo && guess < hi ? Math.Log(guess) : 0.5 * (tLo + tHi);
        for (var iteration = 0; iteration < 100; iteration++)
        {
            var g = LnMarginal(t, out var slope) - lnLambda;
            if (g > 0)
            {
                tLo = t;
            }
            else
            {
                tHi = t;
            }
            var next = slope < 0 ? t - g / slope : double.NaN;
            if (!(next > tLo && next < tHi))
            {
                next = 0.5 * (tLo + tHi);
            }
            if (Math.Abs(next - t) <= 1e-14 * Math.Max(1, Math.Abs(t)) || tHi - tLo <= 1e-14 * Math.Max(1, Math.Abs(t)))
            {
                return Math.Exp(next);
            }
            t = next;
        }
        return Math.Exp(t);
    }

    /// <summary>ln f'(e^t) and its derivative in t: (h−1) − 2h·u/(1+u) with u = (s/κ)^h.</summary>
    private double LnMarginal(double t, out double slope)
    {
        var lnR = Shape * (_lnKappa - t); // r = (κ/s)^h
        var lnOnePlusR = lnR > 35 ? lnR + Math.Exp(-lnR) : Math.Log(1 + Math.Exp(lnR));
        var uOverOnePlusU = Math.Exp(-lnOnePlusR); // 1/(1+r) = u/(1+u)
        slope = Shape - 1 - 2 * Shape * uOverOnePlusU;
        return _lnBetaH + lnR - t - 2 * lnOnePlusR;
    }
}

/// <summary>
/// The concave envelope of a Hill curve on [A, B] (the smallest concave function above it): for an S-shaped curve with A below
/// the inflection it is the chord from (A, f(A)) to the tangent point W and the curve itself beyond W; for a concave stretch it
/// is the curve (W = A). Slope is the slope of the linear part (the marginal at A when there is none).
/// </summary>
internal readonly record struct HillEnvelope(double A, double B, double W, double Slope, double ValueAtA)
{
    public static HillEnvelope Of(in HillFunction f, double a, double b)
    {
        var fa = f.Value(a);
        if (b <= a)
        {
            return new HillEnvelope(a, a, a, 0, fa);
        }
        if (f.Beta == 0)
        {
            return new HillEnvelope(a, b, b, 0, 0);
        }
        if (a >= f.Inflection)
        {
            return new HillEnvelope(a, b, a, f.Marginal(a), fa);
        }
        // S-shaped and A below the inflection. φ(w) = f(w) − f(A) − f'(w)(w − A) is negative at the inflection (convex before
        // it, so the chord lies below the tangent) and increasing beyond it (φ' = −f''(w)(w − A) > 0): one root, if any, in
        // (inflection, B]; none means the chord to B already lies above the curve.
        if (Phi(f, a, fa, b) <= 0)
        {
            return new HillEnvelope(a, b, b, (f.Value(b) - fa) / (b - a), fa);
        }
        double lo = Math.Max(a, f.Inflection), hi = b;
        for (var i = 0; i < 200 && hi - lo > 1e-15 * hi; i++)
        {
            var mid = 0.5 * (lo + hi);
            if (Phi(f, a, fa, mid) > 0)
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }
        var w = hi;
        return new HillEnvelope(a, b, w, (f.Value(w) - fa) / (w - a), fa);
    }

    /// <summary>The envelope's value at s in [A, B].</summary>
    public double Value(in HillFunction f, double s) => s < W ? ValueAtA + Slope * (s - A) : f.Value(s);

    /// <summary>
    /// The largest maximizer of envelope(s) − λ·s on [A, B]: A when λ exceeds the slope everywhere, B when the marginal at B
    /// is still at least λ, else the point of the concave branch where the marginal equals λ.
    /// </summary>
    public double Respond(in HillFunction f, double lambda, double guess)
    {
        if (B <= A || lambda > Slope)
        {
            return A;
        }
        if (W >= B || f.Marginal(B) >= lambda)
        {
            return B;
        }
        return f.MarginalInverse(lambda, W, B, guess);
    }

    private static double Phi(in HillFunction f, double a, double fa, double w) => f.Value(w) - fa - f.Marginal(w) * (w - a);
}
