using System.Runtime.Intrinsics;
using MathNet.Numerics;

namespace Dashboard.Domain.Lifetime;

/// <summary>
/// Gamma-Gamma spend parameters (Fader, Hardie &amp; Lee 2005, "RFM and CLV: using iso-value curves", JMR 42(4);
/// Fader &amp; Hardie 2013, "The Gamma-Gamma model of monetary value", brucehardie.com/notes/025). Each order value
/// is Gamma(shape <paramref name="P"/>, rate ν); across customers ν ~ Gamma(shape <paramref name="Q"/>, rate
/// <paramref name="V"/>). <paramref name="V"/> is the paper's γ, in money units.
/// </summary>
public sealed record GammaGammaParameters(double P, double Q, double V)
{
    /// <summary>The population mean order value, E[M] = pγ/(q−1); finite only when q &gt; 1.</summary>
    public double? PopulationMean => Q > 1 ? P * V / (Q - 1) : null;

    internal void Validate()
    {
        if (!(P > 0 && Q > 0 && V > 0) || !double.IsFinite(P + Q + V))
        {
            throw new ArgumentException($"Gamma-Gamma parameters must be positive and finite (p={P}, q={Q}, v={V}).");
        }
    }
}

/// <summary>The Gamma-Gamma model's closed forms for one customer.</summary>
public static class GammaGammaModel
{
    /// <summary>
    /// ln f(m_x | p, q, γ, x): the density of a customer's mean repeat order value m_x over x orders (note 025, the
    /// marginal distribution of m_x; FHL 2005 JMR): Γ(px+q)/(Γ(px)Γ(q)) γ^q m^(px−1) x^(px) / (γ + m x)^(px+q).
    /// </summary>
    public static double LogLikelihood(GammaGammaParameters parameters, int frequency, double monetaryValue)
    {
        parameters.Validate();
        if (frequency < 1 || !(monetaryValue > 0) || !double.IsFinite(monetaryValue))
        {
            throw new ArgumentException($"The spend likelihood needs x >= 1 and a positive mean order value (got x={frequency}, m={monetaryValue}).");
        }
        var (p, q, v) = (parameters.P, parameters.Q, parameters.V);
        var x = (double)frequency;
        var m = monetaryValue;
        return SpecialFunctions.GammaLn(p * x + q) - SpecialFunctions.GammaLn(p * x) - SpecialFunctions.GammaLn(q)
            + q * Math.Log(v) + (p * x - 1) * Math.Log(m) + p * x * Math.Log(x) - (p * x + q) * Math.Log(v + m * x);
    }

    /// <summary>
    /// E[M | p, q, γ, m_x, x]: the expected mean order value of a customer with x repeat orders averaging m_x
    /// (note 025 eq. 5): (γ + m_x x) p / (px + q − 1), a weighted average of the population mean pγ/(q−1) and m_x.
    /// With x = 0 it is the population mean.
    /// </summary>
    /// <exception cref="LifetimeDataException">The fitted spend distribution has no finite mean for this customer (px + q ≤ 1).</exception>
    public static double ConditionalExpectedAverageValue(GammaGammaParameters parameters, int frequency, double monetaryValue)
    {
        parameters.Validate();
        if (frequency < 0 || !double.IsFinite(monetaryValue))
        {
            throw new ArgumentException($"Need x >= 0 and a finite mean order value (got x={frequency}, m={monetaryValue}).");
        }
        var (p, q, v) = (parameters.P, parameters.Q, parameters.V);
        var denominator = p * frequency + q - 1;
        if (!(denominator > 0))
        {
            throw new LifetimeDataException(
                $"The fitted spend model (q = {q:G4}) has no finite mean order value for customers with {frequency} repeat purchases.");
        }
        var total = frequency > 0 ? monetaryValue * frequency : 0;
        return (v + total) * p / denominator;
    }
}

/// <summary>A fitted Gamma-Gamma model.</summary>
/// <param name="Parameters">Maximum likelihood estimates.</param>
/// <param name="LogLikelihood">The (unpenalised) log-likelihood at the estimates.</param>
/// <param name="Customers">Repeat customers with positive spend that the model was fitted on.</param>
/// <param name="ExcludedNonPositiveSpend">Repeat customers left out because their mean order value was 0 (or below): the model has positive spend only.</param>
/// <param name="Evaluations">Likelihood-and-gradient evaluations on the full data.</param>
public sealed record GammaGammaFit(GammaGammaParameters Parameters, double LogLikelihood, int Customers, int ExcludedNonPositiveSpend, int Evaluations);

/// <summary>Maximum likelihood estimation of the Gamma-Gamma spend model on repeat customers' mean order values.</summary>
public static class GammaGammaFitter
{
    private static readonly string[] Names = ["p", "q", "v"];

    /// <summary>Fits on the repeat customers (x &gt; 0) among the summaries.</summary>
    public static GammaGammaFit Fit(IReadOnlyList<CustomerSummary> customers, LifetimeFitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var columns = SummaryColumns.From(customers);
        return Fit(columns.Frequency, columns.MonetaryValue, options);
    }

    /// <summary>
    /// Fits on x and m_x columns. Customers with x = 0 carry no spend information and are skipped (as in the paper,
    /// which fits the 946 CDNOW repeat customers); repeat customers with m_x ≤ 0 are skipped and counted.
    /// </summary>
    /// <exception cref="LifetimeDataException">No customers, no repeat buyers, no positive spend, one usable customer, or no convergence.</exception>
    public static GammaGammaFit Fit(ReadOnlySpan<int> frequency, ReadOnlySpan<double> monetaryValue, LifetimeFitOptions? options = null)
    {
        options ??= LifetimeFitOptions.Default;
        options.Validate();
        if (frequency.Length != monetaryValue.Length)
        {
            throw new ArgumentException("frequency and monetaryValue must have the same length.");
        }
        if (frequency.Length == 0)
        {
            throw new LifetimeDataException("There are no customers to fit the spend model on.");
        }
        var likelihood = GammaGammaLikelihood.Create(frequency, monetaryValue);
        if (likelihood.RepeatCustomers == 0)
        {
            throw new LifetimeDataException(
                "None of the customers made a repeat purchase, so there is no repeat spend to fit the spend model on.");
        }
        if (likelihood.Customers == 0)
        {
            throw new LifetimeDataException(
                $"All {likelihood.RepeatCustomers:N0} repeat customers have zero spend, so the spend model cannot be fitted.");
        }
        if (likelihood.Customers == 1)
        {
            throw new LifetimeDataException(
                "Only one repeat customer has positive spend; the spend model describes how customers differ, so it needs many.");
        }
        // Start with q = 2 (so the mean exists), p = 1 and γ matching the observed mean: pγ/(q−1) = mean m_x.
        var start = new[] { 0.0, Math.Log(2), Math.Log(likelihood.MeanValue) };
        (LogLikelihoodFunction, double)? curvature = null;
        if (frequency.Length >= StagedFit.Threshold)
        {
            var stride = StagedFit.StrideFor(frequency.Length);
            var subsample = GammaGammaLikelihood.Create(StagedFit.Every(frequency, stride), StagedFit.Every(monetaryValue, stride));
            if (subsample.Customers > 1)
            {
                (start, _) = LogScaleOptimizer.Maximize(
                    "spend (Gamma-Gamma)", Names, subsample.Evaluate, subsample.Customers, start, options);
                curvature = (subsample.Evaluate, subsample.Customers);
            }
        }
        var (logParameters, evaluations) = LogScaleOptimizer.Maximize(
            "spend (Gamma-Gamma)", Names, likelihood.Evaluate, likelihood.Customers, start, options, curvature);
        var gradient = new double[3];
        var ll = likelihood.Evaluate(logParameters, gradient);
        var parameters = new GammaGammaParameters(Math.Exp(logParameters[0]), Math.Exp(logParameters[1]), Math.Exp(logParameters[2]));
        return new GammaGammaFit(parameters, ll, likelihood.Customers, likelihood.RepeatCustomers - likelihood.Customers, evaluations);
    }

    /// <summary>Approximate relative standard errors of p, q, γ from the observed information at <paramref name="parameters"/>.</summary>
    public static double[] RelativeStandardErrors(GammaGammaParameters parameters, ReadOnlySpan<int> frequency, ReadOnlySpan<double> monetaryValue)
    {
        var likelihood = GammaGammaLikelihood.Create(frequency, monetaryValue);
        return LogScaleOptimizer.LogScaleStandardErrors(likelihood.Evaluate,
            [Math.Log(parameters.P), Math.Log(parameters.Q), Math.Log(parameters.V)]);
    }

    /// <summary>The total log-likelihood and its gradient w.r.t. (ln p, ln q, ln γ), as the fit evaluates them.</summary>
    internal static (double LogLikelihood, double[] Gradient) Evaluate(
        GammaGammaParameters parameters, ReadOnlySpan<int> frequency, ReadOnlySpan<double> monetaryValue)
    {
        var likelihood = GammaGammaLikelihood.Create(frequency, monetaryValue);
        var gradient = new double[3];
        var ll = likelihood.Evaluate([Math.Log(parameters.P), Math.Log(parameters.Q), Math.Log(parameters.V)], gradient);
        return (ll, gradient);
    }
}

/// <summary>
/// The Gamma-Gamma log-likelihood summed over customers, with its analytic gradient. Terms linear in p or q are
/// precomputed sums; lnΓ and ψ are tabulated per distinct x; per customer only ln(γ + x m_x) is evaluated, in
/// parallel chunks combined in a fixed order.
/// </summary>
internal sealed class GammaGammaLikelihood
{
    private const int MinChunk = 32_768;

    private readonly double[] _frequency;
    private readonly double[] _total;
    private readonly int[] _distinctFrequency;
    private readonly double[] _countOfFrequency;
    private readonly double _sumLogM;
    private readonly double _sumXLogM;
    private readonly double _sumXLogX;
    private readonly int _chunks;

    private GammaGammaLikelihood(double[] frequency, double[] total, int[] distinctFrequency, double[] countOfFrequency,
        double sumLogM, double sumXLogM, double sumXLogX, int repeatCustomers, double meanValue)
    {
        _frequency = frequency;
        _total = total;
        _distinctFrequency = distinctFrequency;
        _countOfFrequency = countOfFrequency;
        _sumLogM = sumLogM;
        _sumXLogM = sumXLogM;
        _sumXLogX = sumXLogX;
        RepeatCustomers = repeatCustomers;
        MeanValue = meanValue;
        _chunks = Math.Clamp(frequency.Length / MinChunk, 1, Environment.ProcessorCount);
    }

    /// <summary>Customers in the likelihood (x &gt; 0, m_x &gt; 0).</summary>
    public int Customers => _frequency.Length;

    /// <summary>Customers with x &gt; 0, whatever their spend.</summary>
    public int RepeatCustomers { get; }

    /// <summary>Mean of m_x over the customers in the likelihood.</summary>
    public double MeanValue { get; }

    public static GammaGammaLikelihood Create(ReadOnlySpan<int> frequency, ReadOnlySpan<double> monetaryValue)
    {
        var repeat = 0;
        var usable = 0;
        var maxFrequency = 0;
        for (var i = 0; i < frequency.Length; i++)
        {
            var x = frequency[i];
            var m = monetaryValue[i];
            if (x < 0 || !double.IsFinite(m))
            {
                throw new LifetimeDataException($"Customer row {i + 1}: frequency must be >= 0 and the monetary value finite (got {x}, {m}).");
            }
            if (x > 0)
            {
                repeat++;
                usable += m > 0 ? 1 : 0;
                maxFrequency = Math.Max(maxFrequency, x);
            }
        }
        var xs = new double[usable];
        var totals = new double[usable];
        var counts = new double[maxFrequency + 1];
        double sumLogM = 0, sumXLogM = 0, sumXLogX = 0, sumM = 0;
        var j = 0;
        for (var i = 0; i < frequency.Length; i++)
        {
            var x = frequency[i];
            var m = monetaryValue[i];
            if (x == 0 || m <= 0)
            {
                continue;
            }
            xs[j] = x;
            totals[j] = x * m;
            j++;
            counts[x]++;
            var logM = Math.Log(m);
            sumLogM += logM;
            sumXLogM += x * logM;
            sumXLogX += x * Math.Log(x);
            sumM += m;
        }
        var distinct = Enumerable.Range(0, counts.Length).Where(x => counts[x] > 0).ToArray();
        return new GammaGammaLikelihood(xs, totals, distinct, [.. distinct.Select(x => counts[x])],
            sumLogM, sumXLogM, sumXLogX, repeat, usable > 0 ? sumM / usable : 0);
    }

    /// <summary>Total log-likelihood at (ln p, ln q, ln γ); writes the gradient w.r.t. those log-parameters.</summary>
    public double Evaluate(double[] logParameters, double[] gradient)
    {
        var p = Math.Exp(logParameters[0]);
        var q = Math.Exp(logParameters[1]);
        var v = Math.Exp(logParameters[2]);
        double n = Customers;

        // Σ_i [lnΓ(px_i+q) − lnΓ(px_i)] by distinct x, and the terms linear in p and q.
        var ll = -n * SpecialFunctions.GammaLn(q) + n * q * Math.Log(v) + p * _sumXLogM - _sumLogM + p * _sumXLogX;
        var dP = _sumXLogM + _sumXLogX;
        var dQ = -n * SpecialFunctions.DiGamma(q) + n * Math.Log(v);
        var dV = n * q / v;
        for (var j = 0; j < _distinctFrequency.Length; j++)
        {
            var x = _distinctFrequency[j];
            var c = _countOfFrequency[j];
            ll += c * (SpecialFunctions.GammaLn(p * x + q) - SpecialFunctions.GammaLn(p * x));
            var digammaSum = SpecialFunctions.DiGamma(p * x + q);
            dP += c * x * (digammaSum - SpecialFunctions.DiGamma(p * x));
            dQ += c * digammaSum;
        }

        // −Σ_i (p x_i + q) ln(γ + x_i m_i) and its derivatives.
        var partial = new double[_chunks * 4];
        var customers = _frequency.Length;
        Parallel.For(0, _chunks, new ParallelOptions { MaxDegreeOfParallelism = _chunks }, chunk =>
        {
            var start = (int)((long)customers * chunk / _chunks);
            var end = (int)((long)customers * (chunk + 1) / _chunks);
            var (sLog, sXLog, sInv, sXInv) = SumLogs(start, end, v);
            var o = chunk * 4;
            partial[o] = sLog;
            partial[o + 1] = sXLog;
            partial[o + 2] = sInv;
            partial[o + 3] = sXInv;
        });
        for (var chunk = 0; chunk < _chunks; chunk++)
        {
            var o = chunk * 4;
            ll -= p * partial[o + 1] + q * partial[o];
            dP -= partial[o + 1];
            dQ -= partial[o];
            dV -= p * partial[o + 3] + q * partial[o + 2];
        }
        gradient[0] = p * dP;
        gradient[1] = q * dQ;
        gradient[2] = v * dV;
        return ll;
    }
    /// <summary>Σ ln(γ+z), Σ x ln(γ+z), Σ 1/(γ+z), Σ x/(γ+z) over customers [start, end), z = x m_x; vectorised where possible.</summary>
    private (double Log, double XLog, double Inverse, double XInverse) SumLogs(int start, int end, double v)
    {
        double sLog = 0, sXLog = 0, sInv = 0, sXInv = 0;
        var i = start;
        if (Vector256.IsHardwareAccelerated)
        {
            var gamma = Vector256.Create(v);
            Vector256<double> accLog = default, accXLog = default, accInv = default, accXInv = default;
            for (; i + 4 <= end; i += 4)
            {
                var x = Vector256.LoadUnsafe(ref _frequency[i]);
                var denominator = gamma + Vector256.LoadUnsafe(ref _total[i]);
                var log = Vector256.Log(denominator);
                var inverse = Vector256<double>.One / denominator;
                accLog += log;
                accXLog += x * log;
                accInv += inverse;
                accXInv += x * inverse;
            }
            (sLog, sXLog, sInv, sXInv) = (Vector256.Sum(accLog), Vector256.Sum(accXLog), Vector256.Sum(accInv), Vector256.Sum(accXInv));
        }
        for (; i < end; i++)
        {
            var x = _frequency[i];
            var denominator = v + _total[i];
            var log = Math.Log(denominator);
            sLog += log;
            sXLog += x * log;
            sInv += 1 / denominator;
            sXInv += x / denominator;
        }
        return (sLog, sXLog, sInv, sXInv);
    }
}
