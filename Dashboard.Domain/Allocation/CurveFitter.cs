using System.Globalization;
using MathNet.Numerics.LinearRegression;

namespace Dashboard.Domain.Allocation;

/// <summary>One week of one channel: spend (currency) and the outcome (revenue or conversions) attributed to it.</summary>
public sealed record WeeklyObservation(DateOnly WeekStart, double Spend, double Outcome);

/// <summary>Fitting settings.</summary>
/// <param name="MinimumWeeks">Fewer weeks than this gives a flagged, shrunk curve (26: half a year of weekly data).</param>
/// <param name="MinimumSpendVariation">
/// A coefficient of variation of weekly spend below this gives a flagged, shrunk curve: with spend nearly constant the
/// data cannot tell the saturation point from the level.
/// </param>
/// <param name="BootstrapReplicates">Refits for the percentile intervals (0 to skip).</param>
/// <param name="Seed">Seed of the bootstrap and of the random starts.</param>
/// <param name="RandomStarts">Seeded random starting points added to the best grid points.</param>
/// <param name="MaxCarryover">The largest carry-over θ considered.</param>
public sealed record FitSettings(
    int MinimumWeeks = 26,
    double MinimumSpendVariation = 0.15,
    int BootstrapReplicates = 200,
    int Seed = 1,
    int RandomStarts = 2,
    double MaxCarryover = 0.9)
{
    public static FitSettings Default { get; } = new();

    /// <summary>The Hill exponent is searched in [MinShape, MaxShape].</summary>
    public const double MinShape = 0.3;

    public const double MaxShape = 4;
}

/// <summary>An estimate with its bootstrap percentile interval (2.5% and 97.5% by default).</summary>
public sealed record ParameterInterval(double Estimate, double Lower, double Upper)
{
    public bool Contains(double value) => value >= Lower && value <= Upper;
}

/// <summary>
/// A fitted channel: the curve (β, k, h, θ), the baseline, fit quality, residuals for the residual plot, bootstrap intervals
/// and the bootstrap curves themselves (for uncertainty bands on projections).
/// </summary>
/// <param name="Channel">The channel's name.</param>
/// <param name="Curve">The fitted curve (β, k, h, θ); <see cref="ResponseCurve.Response"/> gives its steady-state weekly response.</param>
/// <param name="Baseline">The weekly outcome with no spend (outcome units).</param>
/// <param name="RSquared">1 − RSS/TSS of the weekly fit.</param>
/// <param name="Weeks">The week starts of the history, oldest first.</param>
/// <param name="Fitted">Fitted weekly outcome, in week order.</param>
/// <param name="Residuals">Observed minus fitted, in week order.</param>
/// <param name="Beta">β with its bootstrap interval.</param>
/// <param name="HalfSaturation">k (adstocked weekly spend) with its bootstrap interval.</param>
/// <param name="Shape">h with its bootstrap interval.</param>
/// <param name="Carryover">θ with its bootstrap interval.</param>
/// <param name="BaselineInterval">The baseline with its bootstrap interval.</param>
/// <param name="BootstrapCurves">One curve per bootstrap replicate (empty when the bootstrap was skipped).</param>
/// <param name="IsShrunk">True when the data were too few or too flat and the curve was pulled towards the prior.</param>
/// <param name="ShrinkReason">Why the curve was shrunk, in words for the page; null when it was not.</param>
/// <param name="SpendVariation">Coefficient of variation of weekly spend (standard deviation / mean).</param>
public sealed record ChannelFit(
    string Channel,
    ResponseCurve Curve,
    double Baseline,
    double RSquared,
    IReadOnlyList<DateOnly> Weeks,
    IReadOnlyList<double> Fitted,
    IReadOnlyList<double> Residuals,
    ParameterInterval Beta,
    ParameterInterval HalfSaturation,
    ParameterInterval Shape,
    ParameterInterval Carryover,
    ParameterInterval BaselineInterval,
    IReadOnlyList<ResponseCurve> BootstrapCurves,
    bool IsShrunk,
    string? ShrinkReason,
    double SpendVariation)
{
    /// <summary>The 2.5%–97.5% bootstrap band of the steady-state response at a weekly spend (the estimate twice when no bootstrap).</summary>
    public (double Lower, double Upper) ResponseBand(double spend)
    {
        if (BootstrapCurves.Count == 0)
        {
            var r = Curve.Response(spend);
            return (r, r);
        }
        var values = BootstrapCurves.Select(c => c.Response(spend)).Order().ToArray();
        return (CurveFitter.Quantile(values, 0.025), CurveFitter.Quantile(values, 0.975));
    }
}

/// <summary>A joint fit of channels sharing one outcome: the channel fits, the shared intercept, the control coefficients.</summary>
/// <param name="Channels">One fit per channel (its Baseline ≈ 0: the level belongs to <paramref name="Intercept"/>).</param>
/// <param name="Intercept">The shared weekly baseline (outcome units) when all controls are 0.</param>
/// <param name="ControlCoefficients">One coefficient per control series, in the order given.</param>
/// <param name="Fitted">The joint model's fitted weekly outcome.</param>
/// <param name="RSquared">1 − RSS/TSS of the joint model.</param>
public sealed record AdditiveFit(IReadOnlyList<ChannelFit> Channels, double Intercept, IReadOnlyList<double> ControlCoefficients,
    IReadOnlyList<double> Fitted, double RSquared);

/// <summary>
/// A prior for shrinking an uninformative channel: the median ROI at mean spend of the channels that fitted well (pooled
/// across the brand), or none.
/// </summary>
public sealed record FitPrior(double? PooledRoi);

/// <summary>
/// Fits weekly outcome = baseline + β·Hill(adstock_θ(spend); k, h) per channel by non-linear least squares.
/// </summary>
/// <remarks>
/// <para>
/// Method: for fixed (θ, k, h) the model is linear in (baseline, β), so those two are solved in closed form (non-negative least squares: baseline ≥ 0, β ≥ 0) and only
/// (θ, k, h) are searched (variable projection; Golub &amp; Pereyra 1973). The search works on unbounded transforms (logit of θ
/// on [0, MaxCarryover], logit of h on [0.3, 4], logit of ln k between 0.1 and 10 times the median adstocked spend, as
/// Meridian bounds its half-saturation prior) so the bounds always hold. Starts: a grid of 9 θ × 5 h × 5 k, of which the best three and <see cref="FitSettings.RandomStarts"/>
/// seeded random points are refined by Nelder–Mead; the best refinement wins (several starts guard against the local minima
/// that the β–k trade-off produces).
/// </para>
/// <para>
/// Uncertainty: a circular block bootstrap of the residuals (blocks of ⌈n^(1/3)⌉ weeks keep their autocorrelation; Politis &amp;
/// Romano 1992): y* = fitted + resampled residuals, refitted from the estimate; percentile intervals. Refits start from the
/// point estimate, so the intervals describe the estimate's own basin.
/// </para>
/// <para>
/// Shrinkage: with fewer than <see cref="FitSettings.MinimumWeeks"/> weeks or a spend coefficient of variation below
/// <see cref="FitSettings.MinimumSpendVariation"/>, the least-squares criterion gets weakly informative Gaussian priors (a
/// maximum a posteriori fit, the penalty scaled by the outcome variance so each prior weighs about one week): ln h ~ N(ln 1,
/// 0.7²) (Meridian's default Hill slope is 1), ln k ~ N(ln median spend/(1−θ₀), 1²) (half-saturation near the channel's usual
/// level), logit θ ~ N(logit 0.3, 1²) (Robyn's suggested carry-over ranges span 0–0.8), and β ~ N(β₀, β₀²) with β₀ chosen so the
/// ROI at mean spend equals the brand's pooled ROI (<see cref="FitPrior"/>), or β ~ N(0, ·) towards no effect when there is
/// nothing to pool: the optimizer then does not move money into a channel whose effect the data cannot show.
/// </para>
/// </remarks>
public static class CurveFitter
{
    /// <summary>
    /// Fits one channel's weekly history (consecutive weeks, oldest first). Throws <see cref="ArgumentException"/> naming the
    /// week for negative or non-finite values, unordered or missing weeks, or fewer than 4 weeks.
    /// </summary>
    public static ChannelFit Fit(string channel, IReadOnlyList<WeeklyObservation> weeks, FitSettings? settings = null, FitPrior? prior = null)
    {
        settings ??= FitSettings.Default;
        ValidateWeeks(channel, weeks);
        var spend = weeks.Select(w => w.Spend).ToArray();
        var outcome = weeks.Select(w => w.Outcome).ToArray();
        var mean = spend.Average();
        var variation = mean > 0 ? Math.Sqrt(spend.Sum(s => (s - mean) * (s - mean)) / spend.Length) / mean : 0;
        string? reason = null;
        if (weeks.Count < settings.MinimumWeeks)
        {
            reason = $"only {weeks.Count} weeks of history (at least {settings.MinimumWeeks} are needed)";
        }
        else if (variation < settings.MinimumSpendVariation)
        {
            reason = string.Create(CultureInfo.InvariantCulture,
                $"weekly spend hardly varies (coefficient of variation {variation:F2}, below {settings.MinimumSpendVariation:F2})");
        }
        var problem = new FitProblem(spend, outcome, settings.MaxCarryover, reason is null ? null : prior ?? new FitPrior(null));
        var random = new Random(settings.Seed);
        var z = problem.FindBest(random, settings.RandomStarts);
        var estimate = problem.Evaluate(z);
        var fitted = FitProblem.Predict(estimate, spend);
        var residuals = outcome.Select((y, t) => y - fitted[t]).ToArray();
        var meanOutcome = outcome.Average();
        var tss = outcome.Sum(y => (y - meanOutcome) * (y - meanOutcome));
        var rss = residuals.Sum(e => e * e);

        var replicates = Bootstrap(problem, z, fitted, residuals, settings, random);
        ParameterInterval Interval(Func<Estimate, double> pick) => replicates.Count == 0
            ? new ParameterInterval(pick(estimate), pick(estimate), pick(estimate))
            : Percentiles(pick(estimate), replicates.Select(pick));
        return new ChannelFit(channel, estimate.Curve, estimate.Baseline, tss > 0 ? 1 - rss / tss : 0, weeks.Select(w => w.WeekStart).ToArray(),
            fitted, residuals, Interval(e => e.Curve.Beta), Interval(e => e.Curve.HalfSaturation), Interval(e => e.Curve.Shape),
            Interval(e => e.Curve.Carryover), Interval(e => e.Baseline), replicates.Select(r => r.Curve).ToArray(), reason is not null,
            reason, variation);
    }

    /// <summary>
    /// Fits several channels of one brand: the informative ones first, then the flagged ones shrunk towards the pooled ROI at
    /// mean spend of the informative ones. <paramref name="progress"/>, when given, receives the number of channels finished.
    /// </summary>
    public static IReadOnlyList<ChannelFit> FitAll(IReadOnlyList<(string Channel, IReadOnlyList<WeeklyObservation> Weeks)> channels,
        FitSettings? settings = null, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(channels);
        settings ??= FitSettings.Default;
        var fits = new ChannelFit?[channels.Count];
        var done = 0;
        for (var i = 0; i < channels.Count; i++)
        {
            var fit = Fit(channels[i].Channel, channels[i].Weeks, settings with { BootstrapReplicates = 0 });
            fits[i] = fit.IsShrunk ? null : Fit(channels[i].Channel, channels[i].Weeks, settings);
            if (fits[i] is not null)
            {
                progress?.Report(++done);
            }
        }
        var rois = fits.Select((f, i) => (f, i)).Where(x => x.f is not null)
            .Select(x => RoiAtMeanSpend(x.f!.Curve, channels[x.i].Weeks)).Where(r => r > 0).Order().ToArray();
        var prior = new FitPrior(rois.Length > 0 ? Quantile(rois, 0.5) : null);
        for (var i = 0; i < channels.Count; i++)
        {
            if (fits[i] is null)
            {
                fits[i] = Fit(channels[i].Channel, channels[i].Weeks, settings, prior);
                progress?.Report(++done);
            }
        }
        return fits.Select(f => f!).ToArray();
    }

    /// <summary>
    /// Fits several channels that share one outcome series (the usual marketing-mix data: total revenue and spend per channel),
    /// optionally with linear control series (trend, season, promotions, competitor sales), by backfitting (Hastie &amp;
    /// Tibshirani 1990): the controls (with the intercept) and then each channel in turn are fitted to the outcome minus the
    /// other components' current contributions, until the contributions settle. Bootstrap intervals are conditional on the
    /// other components' fits, so they understate the joint uncertainty.
    /// </summary>
    public static AdditiveFit FitAdditive(IReadOnlyList<string> channels, IReadOnlyList<DateOnly> weeks, IReadOnlyList<IReadOnlyList<double>> spends,
        IReadOnlyList<double> outcome, IReadOnlyList<IReadOnlyList<double>>? controls = null, FitSettings? settings = null, int sweeps = 8)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(outcome);
        settings ??= FitSettings.Default;
        controls ??= [];
        var n = outcome.Count;
        // Every component is kept centred (mean 0 over the weeks) and the level lives in one intercept α = mean(outcome), so
        // the channels' own intercepts cannot pile up across sweeps.
        var alpha = outcome.Average();
        var centred = channels.Select(_ => new double[n]).ToArray();
        var contributionMeans = new double[channels.Count];
        var controlFit = new double[n];
        var controlMean = 0.0;
        var coefficients = new double[controls.Count + 1];
        var fits = new ChannelFit[channels.Count];
        for (var sweep = 0; sweep < sweeps; sweep++)
        {
            if (controls.Count > 0)
            {
                var partial = outcome.Select((y, t) => y - alpha - centred.Sum(c => c[t])).ToArray();
                coefficients = MultipleRegression.QR(Enumerable.Range(0, n).Select(t => controls.Select(c => c[t]).ToArray()).ToArray(), partial,
                    intercept: true);
                for (var t = 0; t < n; t++)
                {
                    controlFit[t] = 0;
                    for (var j = 0; j < controls.Count; j++)
                    {
                        controlFit[t] += coefficients[j + 1] * controls[j][t];
                    }
                }
                controlMean = controlFit.Average();
                for (var t = 0; t < n; t++)
                {
                    controlFit[t] -= controlMean;
                }
            }
            var last = sweep == sweeps - 1;
            for (var c = 0; c < channels.Count; c++)
            {
                var observations = new WeeklyObservation[n];
                for (var t = 0; t < n; t++)
                {
                    var others = controlFit[t];
                    for (var o = 0; o < channels.Count; o++)
                    {
                        others += o == c ? 0 : centred[o][t];
                    }
                    observations[t] = new WeeklyObservation(weeks[t], spends[c][t], outcome[t] - others);
                }
                fits[c] = Fit(channels[c], observations, last ? settings : settings with { BootstrapReplicates = 0 });
                contributionMeans[c] = fits[c].Fitted.Average() - fits[c].Baseline;
                for (var t = 0; t < n; t++)
                {
                    centred[c][t] = fits[c].Fitted[t] - fits[c].Baseline - contributionMeans[c];
                }
            }
        }
        // The outcome with no spend and every control at 0.
        var intercept = alpha - contributionMeans.Sum() - controlMean;
        var fitted = Enumerable.Range(0, n).Select(t => alpha + controlFit[t] + centred.Sum(c => c[t])).ToArray();
        var tss = outcome.Sum(y => (y - alpha) * (y - alpha));
        var rss = outcome.Select((y, t) => (y - fitted[t]) * (y - fitted[t])).Sum();
        return new AdditiveFit(fits, intercept, coefficients.Skip(1).ToArray(), fitted, tss > 0 ? 1 - rss / tss : 0);
    }

    /// <summary>The steady-state ROI of a fitted curve at the channel's mean weekly spend.</summary>
    public static double RoiAtMeanSpend(ResponseCurve curve, IReadOnlyList<WeeklyObservation> weeks)
    {
        var mean = weeks.Average(w => w.Spend);
        return mean > 0 ? curve.Response(mean) / mean : 0;
    }

    /// <summary>
    /// Least squares of y on (1, x) with both coefficients ≥ 0 (a weekly outcome with no spend cannot be negative, and spend
    /// cannot lower it), plus the ridge term ridge·(β − β0)². The criterion is a convex quadratic, so its minimum over the
    /// quadrant is the minimizer of one face (interior, baseline = 0, β = 0 or both), the Lawson–Hanson active-set answer for
    /// two coefficients; the best feasible face minimizer is it. Uses the centred sums: with c = ȳ − b − βx̄,
    /// RSS = syy − 2β·sxy + β²·sxx + n·c².
    /// </summary>
    internal static (double Baseline, double Beta, double Criterion) NonNegativeLine(int n, double meanX, double meanY, double sxx, double sxy,
        double syy, double ridge, double beta0)
    {
        double Criterion(double b, double beta)
        {
            var c = meanY - b - beta * meanX;
            return Math.Max(0, syy - 2 * beta * sxy + beta * beta * sxx + n * c * c) + ridge * (beta - beta0) * (beta - beta0);
        }
        // Both free (β clipped at 0 as before), then the baseline at 0 with the best β ≥ 0 through the origin, then β at 0.
        var free = sxx + ridge > 0 ? Math.Max(0, (sxy + ridge * beta0) / (sxx + ridge)) : 0;
        var best = (Baseline: Math.Max(0, meanY - free * meanX), Beta: free);
        var bestValue = Criterion(best.Baseline, best.Beta);
        var throughOrigin = sxx + n * meanX * meanX + ridge;
        var slope = throughOrigin > 0 ? Math.Max(0, (sxy + n * meanX * meanY + ridge * beta0) / throughOrigin) : 0;
        foreach (var (b, beta) in new[] { (0.0, slope), (Math.Max(0, meanY), 0.0) })
        {
            var value = Criterion(b, beta);
            if (value < bestValue)
            {
                (best, bestValue) = ((b, beta), value);
            }
        }
        return (best.Baseline, best.Beta, bestValue);
    }

    internal static double Quantile(double[] sorted, double p)
    {
        var position = p * (sorted.Length - 1);
        var lo = (int)Math.Floor(position);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (position - lo) * (sorted[hi] - sorted[lo]);
    }

    private static ParameterInterval Percentiles(double estimate, IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return new ParameterInterval(estimate, Quantile(sorted, 0.025), Quantile(sorted, 0.975));
    }

    private static List<Estimate> Bootstrap(FitProblem problem, double[] z, double[] fitted, double[] residuals, FitSettings settings, Random random)
    {
        var result = new List<Estimate>(settings.BootstrapReplicates);
        var n = residuals.Length;
        var mean = residuals.Average();
        var block = Math.Max(1, (int)Math.Ceiling(Math.Cbrt(n)));
        for (var b = 0; b < settings.BootstrapReplicates; b++)
        {
            var y = new double[n];
            for (var t = 0; t < n; t += block)
            {
                var start = random.Next(n);
                for (var j = 0; j < block && t + j < n; j++)
                {
                    y[t + j] = fitted[t + j] + residuals[(start + j) % n] - mean;
                }
            }
            var replicate = problem.WithOutcome(y);
            result.Add(replicate.Evaluate(replicate.Refine(z)));
        }
        return result;
    }

    private static void ValidateWeeks(string channel, IReadOnlyList<WeeklyObservation> weeks)
    {
        ArgumentNullException.ThrowIfNull(weeks);
        if (weeks.Count < 4)
        {
            throw new ArgumentException($"channel '{channel}': {weeks.Count} weeks of history; at least 4 are needed to fit a curve", nameof(weeks));
        }
        for (var i = 0; i < weeks.Count; i++)
        {
            var w = weeks[i];
            if (!double.IsFinite(w.Spend) || w.Spend < 0)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"channel '{channel}', week {w.WeekStart:yyyy-MM-dd}: spend must be a finite number ≥ 0 (got {w.Spend})"), nameof(weeks));
            }
            if (!double.IsFinite(w.Outcome))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"channel '{channel}', week {w.WeekStart:yyyy-MM-dd}: the outcome must be a finite number (got {w.Outcome})"), nameof(weeks));
            }
            if (i > 0 && w.WeekStart.DayNumber - weeks[i - 1].WeekStart.DayNumber != 7)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"channel '{channel}': week {w.WeekStart:yyyy-MM-dd} does not follow {weeks[i - 1].WeekStart:yyyy-MM-dd} by 7 days (weeks must be consecutive, oldest first)"),
                    nameof(weeks));
            }
        }
        if (weeks.All(w => w.Spend == 0))
        {
            throw new ArgumentException($"channel '{channel}': no spend in any week; there is nothing to fit", nameof(weeks));
        }
    }

    internal readonly record struct Estimate(ResponseCurve Curve, double Baseline, double Objective);

    /// <summary>The data and criterion of one fit, over the transformed parameters z = (logit θ, logit h, logit ln k).</summary>
    private sealed class FitProblem
    {
        private readonly double[] _spend;
        private readonly double[] _outcome;
        private readonly double _maxCarryover;
        private readonly FitPrior? _prior;
        private readonly double _lnKLo;
        private readonly double _lnKHi;
        private readonly double _priorWeight;
        private readonly double _lnK0;
        private readonly double _meanSpend;
        private readonly double[] _adstock;
        private readonly double[] _hill;

        public FitProblem(double[] spend, double[] outcome, double maxCarryover, FitPrior? prior)
        {
            _spend = spend;
            _outcome = outcome;
            _maxCarryover = maxCarryover;
            _prior = prior;
            var positive = spend.Where(s => s > 0).Order().ToArray();
            var median = Quantile(positive, 0.5);
            // k between 0.1 and 10 times the median adstocked spend (Meridian bounds its half-saturation prior to [0.1, 10] on
            // media scaled by the median); beyond that β and k trade off into a power law the data cannot pin down.
            _lnKLo = Math.Log(median / 10);
            _lnKHi = Math.Log(median * 10);
            _meanSpend = spend.Average();
            _lnK0 = Math.Log(median / (1 - PriorCarryover));
            var mean = outcome.Average();
            // Each prior term weighs like one week with the outcome's variance as its noise (conservative: the true noise is smaller).
            _priorWeight = Math.Max(outcome.Sum(y => (y - mean) * (y - mean)) / outcome.Length, 1e-300);
            _adstock = new double[spend.Length];
            _hill = new double[spend.Length];
        }

        private const double PriorCarryover = 0.3;

        public FitProblem WithOutcome(double[] outcome) => new(_spend, outcome, _maxCarryover, _prior);

        public (double Theta, double K, double H) Decode(double[] z) =>
            (_maxCarryover * Logistic(z[0]), Math.Exp(_lnKLo + (_lnKHi - _lnKLo) * Logistic(z[2])) / (1 - _maxCarryover * Logistic(z[0])),
                FitSettings.MinShape + (FitSettings.MaxShape - FitSettings.MinShape) * Logistic(z[1]));

        /// <summary>The transform of a starting point, kept within logit ±6 so the simplex can still move every coordinate.</summary>
        public double[] Encode(double theta, double k, double h) =>
        [
            Math.Clamp(Logit(theta / _maxCarryover), -6, 6),
            Math.Clamp(Logit((h - FitSettings.MinShape) / (FitSettings.MaxShape - FitSettings.MinShape)), -6, 6),
            Math.Clamp(Logit((Math.Log(k * (1 - theta)) - _lnKLo) / (_lnKHi - _lnKLo)), -6, 6),
        ];

        public double Objective(double[] z) => Evaluate(z).Objective;

        /// <summary>Profiles out baseline and β for the given shape: closed-form (ridge) least squares with baseline ≥ 0 and β ≥ 0.</summary>
        public Estimate Evaluate(double[] z)
        {
            var (theta, k, h) = Decode(z);
            var n = _spend.Length;
            var carried = 0.0;
            double sumX = 0, sumY = 0;
            for (var t = 0; t < n; t++)
            {
                carried = _spend[t] + theta * carried;
                _adstock[t] = carried;
                _hill[t] = ResponseCurve.Hill(carried, k, h);
                sumX += _hill[t];
                sumY += _outcome[t];
            }
            double meanX = sumX / n, meanY = sumY / n, sxx = 0, sxy = 0, syy = 0;
            for (var t = 0; t < n; t++)
            {
                double dx = _hill[t] - meanX, dy = _outcome[t] - meanY;
                sxx += dx * dx;
                sxy += dx * dy;
                syy += dy * dy;
            }
            double ridge = 0, beta0 = 0, penalty = 0;
            if (_prior is not null)
            {
                // β prior: ROI at mean spend equal to the pooled ROI (steady state at the prior's shape), or towards no effect.
                var hillAtMean = ResponseCurve.Hill(_meanSpend / (1 - theta), k, h);
                beta0 = _prior.PooledRoi is { } roi && hillAtMean > 0 ? roi * _meanSpend / hillAtMean : 0;
                var scale = beta0 > 0 ? beta0 : Math.Max(Math.Abs(meanY), Math.Sqrt(_priorWeight)) / Math.Max(hillAtMean, 1e-3);
                ridge = _priorWeight / (scale * scale);
                var lnH = Math.Log(h);
                var lnK = Math.Log(k) - _lnK0;
                var logitTheta = Logit(theta) - Logit(PriorCarryover);
                penalty = _priorWeight * (lnH * lnH / 0.49 + lnK * lnK + logitTheta * logitTheta);
            }
            var (baseline, beta, criterion) = NonNegativeLine(n, meanX, meanY, sxx, sxy, syy, ridge, beta0);
            var objective = criterion + penalty;
            return new Estimate(new ResponseCurve(beta, k, h, theta), baseline, double.IsFinite(objective) ? objective : double.MaxValue);
        }


        public static double[] Predict(Estimate estimate, double[] spend)
        {
            var adstock = ResponseCurve.Adstock(spend, estimate.Curve.Carryover);
            return adstock.Select(a => estimate.Baseline + estimate.Curve.ResponseToAdstock(a)).ToArray();
        }

        public double[] FindBest(Random random, int randomStarts)
        {
            var median = Math.Exp(_lnK0) * (1 - PriorCarryover);
            var grid = new List<(double[] Z, double Value)>();
            foreach (var theta in new[] { 0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8 }.Where(t => t < _maxCarryover))
            {
                foreach (var h in new[] { 0.6, 1.0, 1.6, 2.5, 4.0 })
                {
                    foreach (var multiple in new[] { 0.3, 0.6, 1.0, 2.0, 4.0 })
                    {
                        var z = Encode(theta, median * multiple / (1 - theta), h);
                        grid.Add((z, Objective(z)));
                    }
                }
            }
            var starts = grid.OrderBy(g => g.Value).Take(3).Select(g => g.Z).ToList();
            for (var i = 0; i < randomStarts; i++)
            {
                starts.Add([random.NextDouble() * 6 - 3, random.NextDouble() * 6 - 3, random.NextDouble() * 6 - 3]);
            }
            return starts.Select(Refine).MinBy(Objective)!;
        }

        public double[] Refine(double[] start) => NelderMead.Minimize(Objective, start, 0.5).Point;

        private static double Logistic(double z) => 1 / (1 + Math.Exp(-z));

        private static double Logit(double p)
        {
            p = Math.Clamp(p, 1e-9, 1 - 1e-9);
            return Math.Log(p / (1 - p));
        }
    }
}
