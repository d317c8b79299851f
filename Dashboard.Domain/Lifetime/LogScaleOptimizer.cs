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
/// When a curvature estimate is available (the Hessian at the start by central differences of the analytic gradient,
/// from a subsample fitted to that start), BFGS runs in coordinates whitened by it, θ = θ₀ + L⁻ᵀu with LLᵀ = H:
/// there the Hessian is close to the identity BFGS starts from and its first step is the Newton step, so a
/// million-customer fit needs a handful of evaluations instead of dozens.
/// </summary>
internal static class LogScaleOptimizer
{
    /// <summary>Extreme fitted values mean the data cannot pin a parameter down (it runs off to 0 or infinity).</summary>
    private const double LogBound = 16;

    /// <summary>MathNet's relative gradient tolerance: max |g_i| max(|θ_i|, 1) / max(|f|, 1).</summary>
    private const double GradientTolerance = 1e-9;

    /// <param name="model">The model's name for messages.</param>
    /// <param name="names">The parameters' names for messages.</param>
    /// <param name="logLikelihood">Fills the gradient of the total log-likelihood w.r.t. the log-parameters and returns the total.</param>
    /// <param name="totalWeight">Number of customers (sum of weights), to take the mean.</param>
    /// <param name="start">Starting log-parameters.</param>
    /// <param name="options">Penalty and iteration limit.</param>
    /// <param name="curvature">
    /// A log-likelihood (and its total weight) whose Hessian at <paramref name="start"/> stands in for the full one,
    /// e.g. a subsample fitted to <paramref name="start"/>; null fits without preconditioning.
    /// </param>
    public static (double[] LogParameters, int Evaluations) Maximize(
        string model, string[] names, LogLikelihoodFunction logLikelihood, double totalWeight, double[] start,
        LifetimeFitOptions options, (LogLikelihoodFunction LogLikelihood, double TotalWeight)? curvature = null)
    {
        var dimension = start.Length;
        var objective = new Objective(logLikelihood, totalWeight, options.Penalizer, dimension);
        var transform = curvature is { } source
            ? WhiteningTransform(new Objective(source.LogLikelihood, source.TotalWeight, options.Penalizer, dimension), start)
            : null;
        var gradientTolerance = GradientTolerance;
        if (transform is not null)
        {
            // MathNet's BFGS first tries the step 100·tol/|g|² along −g. In whitened coordinates the Newton step is −g,
            // so tol = |g|²/100 makes that first trial the Newton step; the cap keeps the stopping rule (relative
            // gradient below tol) tight enough: with the Hessian near the identity, |g| is the distance to the optimum.
            var (_, gradient) = objective.Evaluate(start);
            var whitened = Whiten(transform, gradient);
            gradientTolerance = Math.Clamp(whitened.Sum(v => v * v) / 100, 1e-12, 1e-7);
        }

        var mathNetObjective = ObjectiveFunction.Gradient(u =>
        {
            var (value, gradient) = objective.Evaluate(FromWhitened(start, transform, u.ToArray()));
            return (value, Vector<double>.Build.DenseOfArray(transform is null ? gradient : Whiten(transform, gradient)));
        });
        var minimizer = new BfgsMinimizer(gradientTolerance, 1e-12, 1e-15, options.MaxIterations);
        double[] parameters;
        try
        {
            var result = minimizer.FindMinimum(mathNetObjective, Vector<double>.Build.Dense(dimension));
            parameters = FromWhitened(start, transform, result.MinimizingPoint.ToArray());
        }
        catch (Exception ex) when (ex is MaximumIterationsException or InnerOptimizationException or EvaluationException)
        {
            throw new LifetimeDataException(
                $"The {model} model did not converge on this data ({ex.Message.TrimEnd('.')}). The data may not identify the model; " +
                "try more customers or a small penalizer.");
        }
        for (var i = 0; i < dimension; i++)
        {
            if (!double.IsFinite(parameters[i]) || Math.Abs(parameters[i]) > LogBound)
            {
                throw new LifetimeDataException(
                    $"The {model} parameter {names[i]} ran off to {(parameters[i] > 0 ? "infinity" : "zero")} ({Math.Exp(parameters[i]):G3}): " +
                    "this data cannot identify the model. Try more customers, a longer history or a small penalizer.");
            }
        }
        return (parameters, objective.Evaluations);
    }

    /// <summary>
    /// Standard errors of the log-parameters from the observed information: the inverse of the Hessian of the total
    /// negative log-likelihood (central differences of the analytic gradient). On the log scale they are relative errors.
    /// </summary>
    public static double[] LogScaleStandardErrors(LogLikelihoodFunction logLikelihood, double[] logParameters)
    {
        var transform = WhiteningTransform(new Objective(logLikelihood, 1, 0, logParameters.Length), logParameters)
            ?? throw new LifetimeDataException("The information matrix is not positive definite at these parameters.");
        // T = L⁻ᵀ with LLᵀ = H, so H⁻¹ = T Tᵀ and the variances are the row sums of T².
        return Enumerable.Range(0, logParameters.Length)
            .Select(i => Math.Sqrt(Enumerable.Range(0, logParameters.Length).Sum(k => transform[i, k] * transform[i, k])))
            .ToArray();
    }

    private static double[] FromWhitened(double[] origin, double[,]? transform, double[] u)
    {
        var theta = (double[])origin.Clone();
        for (var k = 0; k < theta.Length; k++)
        {
            for (var i = 0; i < u.Length; i++)
            {
                theta[k] += (transform is null ? (k == i ? 1 : 0) : transform[k, i]) * u[i];
            }
        }
        return theta;
    }

    /// <summary>L⁻ᵀ for the Cholesky factor L of the objective's Hessian at θ, or null when it is not positive definite.</summary>
    private static double[,]? WhiteningTransform(Objective objective, double[] theta)
    {
        const double H = 1e-4;
        var d = theta.Length;
        var hessian = Matrix<double>.Build.Dense(d, d);
        for (var j = 0; j < d; j++)
        {
            var plus = (double[])theta.Clone();
            var minus = (double[])theta.Clone();
            plus[j] += H;
            minus[j] -= H;
            var gPlus = objective.Evaluate(plus).Gradient;
            var gMinus = objective.Evaluate(minus).Gradient;
            for (var i = 0; i < d; i++)
            {
                hessian[i, j] = (gPlus[i] - gMinus[i]) / (2 * H);
            }
        }
        hessian = (hessian + hessian.Transpose()) / 2;
        if (!hessian.ForAll(double.IsFinite))
        {
            return null;
        }
        try
        {
            var factor = hessian.Cholesky().Factor;
            return factor.Diagonal().All(v => v > 0) ? factor.Inverse().Transpose().ToArray() : null;
        }
        catch (ArgumentException)
        {
            return null; // MathNet's Cholesky rejects a matrix that is not positive definite
        }
    }

    /// <summary>Tᵀg: the gradient w.r.t. u when θ = θ₀ + T u.</summary>
    private static double[] Whiten(double[,] transform, double[] gradient)
    {
        var d = gradient.Length;
        var result = new double[d];
        for (var i = 0; i < d; i++)
        {
            for (var k = 0; k < d; k++)
            {
                result[i] += transform[k, i] * gradient[k];
            }
        }
        return result;
    }

    /// <summary>Mean negative log-likelihood plus the L2 penalty λ Σ θ² on the natural parameters, with its gradient.</summary>
    private sealed class Objective(LogLikelihoodFunction logLikelihood, double totalWeight, double penalizer, int dimension)
    {
        public int Evaluations { get; private set; }

        public (double Value, double[] Gradient) Evaluate(double[] logParameters)
        {
            Evaluations++;
            var gradient = new double[dimension];
            var value = -logLikelihood(logParameters, gradient) / totalWeight;
            for (var i = 0; i < dimension; i++)
            {
                // d/dθ_i of λ e^{2θ_i} is 2λ e^{2θ_i}.
                var natural = Math.Exp(logParameters[i]);
                value += penalizer * natural * natural;
                gradient[i] = -gradient[i] / totalWeight + 2 * penalizer * natural * natural;
            }
            // Where the likelihood is not finite, report +∞ so a line search steps back.
            return (double.IsFinite(value) ? value : double.PositiveInfinity, gradient);
        }
    }
}

/// <summary>Total log-likelihood at the given log-parameters; fills <paramref name="gradient"/> (w.r.t. the log-parameters).</summary>
internal delegate double LogLikelihoodFunction(double[] logParameters, double[] gradient);
