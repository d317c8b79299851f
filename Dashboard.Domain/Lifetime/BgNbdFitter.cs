namespace Dashboard.Domain.Lifetime;

/// <summary>A fitted BG/NBD model.</summary>
/// <param name="Parameters">Maximum likelihood estimates (penalised when a penalizer was given).</param>
/// <param name="LogLikelihood">The (unpenalised) log-likelihood at the estimates, summed over customers.</param>
/// <param name="Customers">Rows fitted on.</param>
/// <param name="DistinctHistories">Likelihood terms actually evaluated after grouping identical histories.</param>
/// <param name="Evaluations">Likelihood-and-gradient evaluations on the full data.</param>
public sealed record BgNbdFit(BgNbdParameters Parameters, double LogLikelihood, int Customers, int DistinctHistories, int Evaluations);

/// <summary>Maximum likelihood estimation of the BG/NBD model (FHL 2005, section 7).</summary>
public static class BgNbdFitter
{
    private static readonly string[] Names = ["r", "alpha", "a", "b"];

    /// <summary>Fits on customer summaries (times in one period unit; the fitted α is in that unit).</summary>
    public static BgNbdFit Fit(IReadOnlyList<CustomerSummary> customers, LifetimeFitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var columns = SummaryColumns.From(customers);
        return Fit(columns.Frequency, columns.Recency, columns.Age, default, options);
    }

    /// <summary>
    /// Fits on columns of x (repeat purchases), t_x (recency) and T (age), with optional weights (the number of
    /// customers with each row's history; empty = one each).
    /// </summary>
    /// <exception cref="LifetimeDataException">
    /// No customers, a single customer, no repeat buyers, an invalid row, or a fit that does not converge.
    /// </exception>
    public static BgNbdFit Fit(
        ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, ReadOnlySpan<double> weights,
        LifetimeFitOptions? options = null)
    {
        options ??= LifetimeFitOptions.Default;
        options.Validate();
        if (frequency.Length == 0)
        {
            throw new LifetimeDataException("There are no customers to fit the purchase model on.");
        }
        var likelihood = BgNbdLikelihood.Create(frequency, recency, age, weights);
        if (likelihood.TotalWeight <= 1)
        {
            throw new LifetimeDataException(
                "A single customer cannot identify the purchase model: it describes how customers differ, so it needs many.");
        }
        if (!likelihood.HasRepeatBuyers)
        {
            throw new LifetimeDataException(
                $"None of the {likelihood.TotalWeight:N0} customers made a repeat purchase, so repeat buying and dropout cannot be estimated. " +
                "Use a longer calibration period or more customers.");
        }
        // Start at r = a = b = 1 with α matching the pooled repeat rate (E[λ] = r/α), so the start does not depend
        // on the period unit.
        var start = new[] { 0.0, Math.Log(Math.Clamp(1 / likelihood.PooledRate, 1e-3, 1e6)), 0.0, 0.0 };
        (LogLikelihoodFunction, double)? curvature = null;
        if (frequency.Length >= StagedFit.Threshold)
        {
            // Large data: fit a strided subsample first; its optimum and curvature precondition the full fit.
            var stride = StagedFit.StrideFor(frequency.Length);
            var subsample = BgNbdLikelihood.Create(StagedFit.Every(frequency, stride), StagedFit.Every(recency, stride),
                StagedFit.Every(age, stride), StagedFit.Every(weights, stride));
            if (subsample.HasRepeatBuyers && subsample.TotalWeight > 1)
            {
                (start, _) = LogScaleOptimizer.Maximize(
                    "purchase (BG/NBD)", Names, subsample.Evaluate, subsample.TotalWeight, start, options);
                curvature = (subsample.Evaluate, subsample.TotalWeight);
            }
        }
        var (logParameters, evaluations) = LogScaleOptimizer.Maximize(
            "purchase (BG/NBD)", Names, likelihood.Evaluate, likelihood.TotalWeight, start, options, curvature);
        var gradient = new double[4];
        var ll = likelihood.Evaluate(logParameters, gradient);
        var parameters = new BgNbdParameters(
            Math.Exp(logParameters[0]), Math.Exp(logParameters[1]), Math.Exp(logParameters[2]), Math.Exp(logParameters[3]));
        return new BgNbdFit(parameters, ll, likelihood.Customers, likelihood.DistinctHistories, evaluations);
    }

    /// <summary>
    /// Approximate relative standard errors of r, α, a, b (standard errors of their logs) from the observed information
    /// at <paramref name="parameters"/>, usually the fitted ones.
    /// </summary>
    public static double[] RelativeStandardErrors(
        BgNbdParameters parameters, ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age,
        ReadOnlySpan<double> weights = default)
    {
        var likelihood = BgNbdLikelihood.Create(frequency, recency, age, weights);
        return LogScaleOptimizer.LogScaleStandardErrors(likelihood.Evaluate,
            [Math.Log(parameters.R), Math.Log(parameters.Alpha), Math.Log(parameters.A), Math.Log(parameters.B)]);
    }

    /// <summary>The total log-likelihood and its gradient w.r.t. (ln r, ln α, ln a, ln b), as the fit evaluates them.</summary>
    internal static (double LogLikelihood, double[] Gradient) Evaluate(
        BgNbdParameters parameters, ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age,
        ReadOnlySpan<double> weights = default)
    {
        var likelihood = BgNbdLikelihood.Create(frequency, recency, age, weights);
        var gradient = new double[4];
        var ll = likelihood.Evaluate(
            [Math.Log(parameters.R), Math.Log(parameters.Alpha), Math.Log(parameters.A), Math.Log(parameters.B)], gradient);
        return (ll, gradient);
    }
}

/// <summary>Customer summaries as contiguous columns (the layout the fits and the simulator use).</summary>
public sealed record SummaryColumns(int[] Frequency, double[] Recency, double[] Age, double[] MonetaryValue)
{
    /// <summary>Number of customers.</summary>
    public int Count => Frequency.Length;

    public static SummaryColumns From(IReadOnlyList<CustomerSummary> customers)
    {
        var n = customers.Count;
        var columns = new SummaryColumns(new int[n], new double[n], new double[n], new double[n]);
        for (var i = 0; i < n; i++)
        {
            var c = customers[i];
            columns.Frequency[i] = c.Frequency;
            columns.Recency[i] = c.Recency;
            columns.Age[i] = c.Age;
            columns.MonetaryValue[i] = c.MonetaryValue;
        }
        return columns;
    }
}
