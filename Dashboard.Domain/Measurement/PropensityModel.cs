using MathNet.Numerics.LinearAlgebra;

namespace Dashboard.Domain.Measurement;

/// <summary>
/// Logistic regression of treatment on pre-period features, fitted by Newton–Raphson (IRLS) on standardized
/// features with a small ridge penalty (λ = 1e-4 on the slopes) so that a perfectly separating feature cannot
/// send coefficients to infinity. Used only to rank customers for matching, so calibration is secondary.
/// </summary>
public sealed class PropensityModel
{
    private const double Ridge = 1e-4;
    private readonly double[] _means;
    private readonly double[] _sds;
    private readonly Vector<double> _beta;

    private PropensityModel(double[] means, double[] sds, Vector<double> beta)
    {
        _means = means;
        _sds = sds;
        _beta = beta;
    }

    /// <summary>Intercept followed by one slope per standardized feature.</summary>
    public IReadOnlyList<double> Coefficients => [.. _beta];

    public static PropensityModel Fit(double[][] features, bool[] treated, int maxIterations = 50)
    {
        var n = features.Length;
        var p = n == 0 ? 0 : features[0].Length;
        var means = new double[p];
        var sds = new double[p];
        for (var j = 0; j < p; j++)
        {
            var m = Moments.Of([.. features.Select(f => f[j])]);
            means[j] = m.Mean;
            sds[j] = m.Variance > 0 ? Math.Sqrt(m.Variance) : 1;
        }
        var x = Matrix<double>.Build.Dense(n, p + 1, (i, j) => j == 0 ? 1 : (features[i][j - 1] - means[j - 1]) / sds[j - 1]);
        var y = Vector<double>.Build.Dense(n, i => treated[i] ? 1 : 0);
        var beta = Vector<double>.Build.Dense(p + 1);
        var penalty = Matrix<double>.Build.DiagonalIdentity(p + 1) * Ridge * n;
        penalty[0, 0] = 0;
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            var mu = (x * beta).Map(Sigmoid);
            var w = mu.Map(m => Math.Max(m * (1 - m), 1e-10));
            var gradient = x.TransposeThisAndMultiply(y - mu) - penalty * beta;
            var hessian = x.TransposeThisAndMultiply(x.PointwiseMultiply(Matrix<double>.Build.Dense(n, p + 1, (i, _) => w[i]))) + penalty;
            var step = hessian.Solve(gradient);
            beta += step;
            if (step.AbsoluteMaximum() < 1e-8)
            {
                break;
            }
        }
        return new PropensityModel(means, sds, beta);
    }

    /// <summary>The linear predictor log(p/(1 − p)) for one customer's raw features.</summary>
    public double Logit(double[] features)
    {
        var z = _beta[0];
        for (var j = 0; j < features.Length; j++)
        {
            z += _beta[j + 1] * (features[j] - _means[j]) / _sds[j];
        }
        return z;
    }

    public double Probability(double[] features) => Sigmoid(Logit(features));

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
