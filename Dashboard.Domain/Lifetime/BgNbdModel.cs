using MathNet.Numerics;

namespace Dashboard.Domain.Lifetime;

/// <summary>
/// BG/NBD parameters (Fader, Hardie &amp; Lee 2005, "Counting your customers the easy way", Marketing Science 24(2)).
/// While alive a customer buys as a Poisson process with rate λ ~ Gamma(shape <paramref name="R"/>, rate
/// <paramref name="Alpha"/>); after each repeat purchase they drop out with probability p ~ Beta(<paramref name="A"/>,
/// <paramref name="B"/>). <paramref name="Alpha"/> is in the period unit of the summaries it was fitted on.
/// </summary>
public sealed record BgNbdParameters(double R, double Alpha, double A, double B)
{
    internal void Validate()
    {
        if (!(R > 0 && Alpha > 0 && A > 0 && B > 0) || !double.IsFinite(R + Alpha + A + B))
        {
            throw new ArgumentException($"BG/NBD parameters must be positive and finite (r={R}, alpha={Alpha}, a={A}, b={B}).");
        }
    }
}

/// <summary>The BG/NBD's closed forms for one customer. Times are in the period unit of the parameters.</summary>
public static class BgNbdModel
{
    // (a+b+x−1)/(a−1) [1 − …] has a removable singularity at a = 1; closer than this, average the two sides.
    private const double NearOne = 1e-6;

    /// <summary>
    /// ln L(r, α, a, b | x, t_x, T), FHL 2005 eq. 6, written as in section 7 of the paper:
    /// ln A1 + ln A2 + ln(A3 + δ(x &gt; 0) A4), the sum of exponentials taken by log-sum-exp.
    /// </summary>
    public static double LogLikelihood(BgNbdParameters parameters, int frequency, double recency, double age)
    {
        parameters.Validate();
        CheckHistory(frequency, recency, age);
        var (r, alpha, a, b) = (parameters.R, parameters.Alpha, parameters.A, parameters.B);
        var x = (double)frequency;
        // A1 = Γ(r+x) α^r / Γ(r); A2 = B(a, b+x) / B(a, b).
        var logA1 = SpecialFunctions.GammaLn(r + x) - SpecialFunctions.GammaLn(r) + r * Math.Log(alpha);
        var logA2 = SpecialFunctions.GammaLn(a + b) + SpecialFunctions.GammaLn(b + x)
            - SpecialFunctions.GammaLn(b) - SpecialFunctions.GammaLn(a + b + x);
        // A3 = (α+T)^-(r+x); A4 = a/(b+x-1) (α+t_x)^-(r+x), present only for repeat buyers.
        var logA3 = -(r + x) * Math.Log(alpha + age);
        if (frequency == 0)
        {
            return logA1 + logA2 + logA3;
        }
        var logA4 = Math.Log(a) - Math.Log(b + x - 1) - (r + x) * Math.Log(alpha + recency);
        return logA1 + logA2 + LogSumExp(logA3, logA4);
    }

    /// <summary>
    /// P(alive | x, t_x, T): the probability that the customer has not dropped out by T
    /// (Fader, Hardie &amp; Lee 2008, "Computing P(alive) using the BG/NBD model", brucehardie.com/notes/021):
    /// 1 / (1 + δ(x &gt; 0) a/(b+x-1) ((α+T)/(α+t_x))^(r+x)). Customers without repeat purchases are alive.
    /// </summary>
    public static double ProbabilityAlive(BgNbdParameters parameters, int frequency, double recency, double age)
    {
        parameters.Validate();
        CheckHistory(frequency, recency, age);
        if (frequency == 0)
        {
            return 1;
        }
        var logOdds = LogDeadOdds(parameters, frequency, recency, age);
        // 1/(1+e^l), evaluated without overflow for large l.
        return logOdds > 0 ? Math.Exp(-logOdds) / (1 + Math.Exp(-logOdds)) : 1 / (1 + Math.Exp(logOdds));
    }

    /// <summary>
    /// E[Y(t) | x, t_x, T]: expected repeat purchases in the next <paramref name="horizon"/> periods given the
    /// history, FHL 2005 eq. 10:
    /// (a+b+x-1)/(a-1) [1 - ((α+T)/(α+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; t/(α+T+t))] × P(alive).
    /// The removable singularity at a = 1 is bridged by averaging a = 1 ± 1e-6.
    /// </summary>
    public static double ExpectedPurchases(BgNbdParameters parameters, double horizon, int frequency, double recency, double age)
    {
        parameters.Validate();
        CheckHistory(frequency, recency, age);
        CheckHorizon(horizon);
        if (horizon == 0)
        {
            return 0;
        }
        return Math.Abs(parameters.A - 1) < NearOne
            ? 0.5 * (Conditional(parameters with { A = 1 + NearOne }, horizon, frequency, recency, age)
                + Conditional(parameters with { A = 1 - NearOne }, horizon, frequency, recency, age))
            : Conditional(parameters, horizon, frequency, recency, age);
    }

    private static double Conditional(BgNbdParameters parameters, double horizon, int frequency, double recency, double age) =>
        Positive(IfAlive(parameters, horizon, frequency, age) * ProbabilityAlive(parameters, frequency, recency, age));

    /// <summary>
    /// E[Y(t) | alive at T, x, T]: the factor of eq. 10 that multiplies P(alive),
    /// (a+b+x-1)/(a-1) [1 - ((α+T)/(α+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; t/(α+T+t))].
    /// It depends on the history only through x and T (t_x enters eq. 10 only through P(alive)), so customers
    /// with the same (x, T) share it: E[Y(t) | x, t_x, T] = P(alive | x, t_x, T) × this.
    /// </summary>
    public static double ExpectedPurchasesIfAlive(BgNbdParameters parameters, double horizon, int frequency, double age)
    {
        parameters.Validate();
        CheckHistory(frequency, 0, age);
        CheckHorizon(horizon);
        if (horizon == 0)
        {
            return 0;
        }
        return Positive(Math.Abs(parameters.A - 1) < NearOne
            ? 0.5 * (IfAlive(parameters with { A = 1 + NearOne }, horizon, frequency, age)
                + IfAlive(parameters with { A = 1 - NearOne }, horizon, frequency, age))
            : IfAlive(parameters, horizon, frequency, age));
    }

    private static double IfAlive(BgNbdParameters parameters, double horizon, int frequency, double age)
    {
        var (r, alpha, a, b) = (parameters.R, parameters.Alpha, parameters.A, parameters.B);
        var x = (double)frequency;
        var z = horizon / (alpha + age + horizon);
        var (log2F1, sign) = Hypergeometric.SignedLog2F1(r + x, b + x, a + b + x - 1, z);
        var logTerm = (r + x) * Math.Log((alpha + age) / (alpha + age + horizon)) + log2F1;
        return (a + b + x - 1) / (a - 1) * OneMinus(sign, logTerm);
    }

    /// <summary>1 − sign·e^l, accurate when the product is close to 1 (expm1).</summary>
    private static double OneMinus(int sign, double logTerm) => sign > 0 ? -Precise.Expm1(logTerm) : 1 + Math.Exp(logTerm);

    /// <summary>
    /// P(still alive at T+t | alive at T, x, T): the chance that a customer who is alive now has not dropped out
    /// <paramref name="time"/> periods later. Dropout happens only at a purchase, with probability p each time, so for
    /// given λ and p the time to dropout is exponential with rate λp (a thinned Poisson process) and survival is
    /// e^(-λpt). Given the history and being alive, λ ~ Gamma(r+x, α+T) and p ~ Beta(a, b+x) independently (the
    /// likelihood of an alive customer is λ^x e^(-λT) (1-p)^x). Averaging over λ gives (1 + pt/(α+T))^-(r+x);
    /// averaging that over p is Euler's integral 2F1(r+x, a; a+b+x; -t/(α+T)), which Pfaff's transformation turns
    /// into ((α+T)/(α+T+t))^(r+x) 2F1(r+x, b+x; a+b+x; t/(α+T+t)) with an argument in [0, 1).
    /// Multiply by P(alive | x, t_x, T) for the unconditional probability of being alive at T+t.
    /// </summary>
    public static double SurvivalIfAlive(BgNbdParameters parameters, double time, int frequency, double age)
    {
        parameters.Validate();
        CheckHistory(frequency, 0, age);
        CheckHorizon(time);
        if (time == 0)
        {
            return 1;
        }
        var (r, alpha, a, b) = (parameters.R, parameters.Alpha, parameters.A, parameters.B);
        var x = (double)frequency;
        var logValue = (r + x) * Math.Log((alpha + age) / (alpha + age + time))
            + Hypergeometric.Log2F1(r + x, b + x, a + b + x, time / (alpha + age + time));
        var value = Math.Exp(logValue);
        return double.IsFinite(value)
            ? Math.Clamp(value, 0, 1)
            : throw new LifetimeDataException("The model's survival probability could not be computed for these parameters.");
    }

    /// <summary>
    /// E[X(t)]: expected repeat purchases of a new customer in the first <paramref name="time"/> periods after the
    /// first purchase, FHL 2005 eq. 9: (a+b-1)/(a-1) [1 - (α/(α+t))^r 2F1(r, b; a+b-1; t/(α+t))].
    /// </summary>
    public static double ExpectedPurchasesNewCustomer(BgNbdParameters parameters, double time)
    {
        parameters.Validate();
        CheckHorizon(time);
        if (time == 0)
        {
            return 0;
        }
        return Math.Abs(parameters.A - 1) < NearOne
            ? 0.5 * (Unconditional(parameters with { A = 1 + NearOne }, time) + Unconditional(parameters with { A = 1 - NearOne }, time))
            : Unconditional(parameters, time);
    }

    private static double Unconditional(BgNbdParameters parameters, double time)
    {
        var (r, alpha, a, b) = (parameters.R, parameters.Alpha, parameters.A, parameters.B);
        var (log2F1, sign) = Hypergeometric.SignedLog2F1(r, b, a + b - 1, time / (alpha + time));
        var logTerm = r * Math.Log(alpha / (alpha + time)) + log2F1;
        return Positive((a + b - 1) / (a - 1) * OneMinus(sign, logTerm));
    }

    /// <summary>ln of a/(b+x-1) ((α+T)/(α+t_x))^(r+x): the log odds of having dropped out (x &gt; 0).</summary>
    internal static double LogDeadOdds(BgNbdParameters parameters, int frequency, double recency, double age) =>
        Math.Log(parameters.A) - Math.Log(parameters.B + frequency - 1)
        + (parameters.R + frequency) * (Math.Log(parameters.Alpha + age) - Math.Log(parameters.Alpha + recency));

    internal static double LogSumExp(double u, double v)
    {
        var max = Math.Max(u, v);
        return max + Math.Log(1 + Math.Exp(Math.Min(u, v) - max));
    }

    internal static void CheckHistory(int frequency, double recency, double age)
    {
        if (frequency < 0 || !(recency >= 0) || !(age >= recency) || !double.IsFinite(age))
        {
            throw new ArgumentException(
                $"A customer history needs x >= 0 and 0 <= t_x <= T, all finite (got x={frequency}, t_x={recency}, T={age}).");
        }
    }

    private static void CheckHorizon(double horizon)
    {
        if (!(horizon >= 0) || !double.IsFinite(horizon))
        {
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, "The horizon must be a finite number of periods >= 0.");
        }
    }

    // Rounding in 1 - e^l can leave a value a hair below zero when the expectation is essentially zero.
    private static double Positive(double value) => double.IsFinite(value)
        ? Math.Max(0, value)
        : throw new LifetimeDataException("The model's expected purchases could not be computed for these parameters.");
}
