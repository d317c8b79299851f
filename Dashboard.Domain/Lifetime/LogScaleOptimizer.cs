using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Dashboard.Domain.Lifetime;

/// <summary>Options shared by the lifetime model fits.</summary>
/// <param name="Penalizer">
/// L2 penalty coefficient λ ≥ 0: the fit minimises −LL/N + λ Σ θ² over the natural parameters θ, as lifetimes'
/// penalizer_coef does. 0 (the default) is plain maximum likelihood.
/// </param>
/// <param name="MaxIterations">Quasi-Newton iterations before the fit gives up.</param>
public sealed record LifetimeFitOptions(double Penalizer = 0, int MaxIterations = 500)
{
    public static LifetimeFitOptions Default { get; } = new();

    internal void Validate()
    {
        if (!(Penalizer >= 0) || !double.IsFinite(Penalizer))
        {
            throw new ArgumentOutOfRangeException(nameof(Penalizer), Penalizer, "The penalizer must be a finite number >= 0.");
        }
        if (MaxIterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxIterations), MaxIterations, "At least one iteration is needed.");
        }
    }
}

/// <summary>
/// Maximum likelihood on log-parameters with MathNet's BFGS (a quasi-Newton method with a weak-Wolfe line search)
/// and an analytic gradient. The objective is the mean negative log-likelihood plus the L2 penalty, so tolerances
/// do not depend on the number of customers.
/// </summary>
internal static class LogScaleOptimizer
{
    /// <summary>Extreme fitted values mean the data cannot pin a parameter down (it runs off to 0 or infinity).</summary>
    private const double LogBound = 16;

    /// <param name="model">The model's name for messages.</param>
    /// <param name="names">The parameters' names for messages.</param>
    /// <param name="logLikelihood">Fills the gradient of the total log-likelihood w.r.t. the log-parameters and returns the total.</param>
    /// <param name="start">Starting log-parameters.</param>
    /// <param name="totalWeight">Number of customers (sum of weights), to take the mean.</param>
    /// <param name="options">Penalty and iteration limit.</param>
    public static (double[] LogParameters, int Iterations) Maximize(
        string model, string[] names, LogLikelihoodFunction logLikelihood, double[] start, double totalWeight, LifetimeFitOptions options)
    {
        var dimension = start.Length;
        var gradient = new double[dimension];
        var objective = ObjectiveFunction.Gradient(theta =>
        {
            var logParameters = theta.AsArray() ?? theta.ToArray();
            var ll = logLikelihood(logParameters, gradient);
            var value = -ll / totalWeight;
            var g = Vector<double>.Build.Dense(dimension);
            for (var i = 0; i < dimension; i++)
            {
                // d/dθ_i of λ e^{2θ_i} is 2λ e^{2θ_i}.
                var natural = Math.Exp(logParameters[i]);
                value += options.Penalizer * natural * natural;
                g[i] = -gradient[i] / totalWeight + 2 * options.Penalizer * natural * natural;
            }
            // Outside the region where the likelihood is finite, report +∞ so the line search steps back.
            return double.IsFinite(value) ? (value, g) : (double.PositiveInfinity, g);
        });
        var minimizer = new BfgsMinimizer(1e-9, 1e-12, 1e-15, options.MaxIterations);
        MinimizationResult result;
        try
        {
            result = minimizer.FindMinimum(objective, Vector<double>.Build.DenseOfArray(start));
        }
        catch (Exception ex) when (ex is MaximumIterationsException or InnerOptimizationException or EvaluationException)
        {
            throw new LifetimeDataException(
                $"The {model} model did not converge on this data ({ex.Message.TrimEnd('.')}). The data may not identify the model; " +
                "try more customers or a small penalizer.");
        }
        var fitted = result.MinimizingPoint.ToArray();
        for (var i = 0; i < dimension; i++)
        {
            if (!double.IsFinite(fitted[i]) || Math.Abs(fitted[i]) > LogBound)
            {
                throw new LifetimeDataException(
                    $"The {model} parameter {names[i]} ran off to {(fitted[i] > 0 ? "infinity" : "zero")} ({Math.Exp(fitted[i]):G3}): " +
                    "this data cannot identify the model. Try more customers, a longer history or a small penalizer.");
            }
        }
        return (fitted, result.Iterations);
    }
}

/// <summary>Total log-likelihood at the given log-parameters; fills <paramref name="gradient"/> (w.r.t. the log-parameters).</summary>
internal delegate double LogLikelihoodFunction(double[] logParameters, double[] gradient);
