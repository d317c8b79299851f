namespace Dashboard.Domain.Allocation;

/// <summary>
/// Derivative-free minimization with the Nelder–Mead simplex (standard coefficients 1, 2, ½, ½; Lagarias, Reeds, Wright &amp;
/// Wright 1998). Used on a handful of transformed, unbounded parameters. Unlike MathNet's NelderMeadSimplex it returns the best
/// point found instead of throwing when the iteration cap is reached.
/// </summary>
internal static class NelderMead
{
    public static (double[] Point, double Value) Minimize(Func<double[], double> f, double[] start, double step, int maxIterations = 800,
        double tolerance = 1e-10)
    {
        var n = start.Length;
        var points = new double[n + 1][];
        var values = new double[n + 1];
        points[0] = (double[])start.Clone();
        values[0] = f(points[0]);
        for (var i = 0; i < n; i++)
        {
            var p = (double[])start.Clone();
            p[i] += step;
            points[i + 1] = p;
            values[i + 1] = f(p);
        }
        var order = new int[n + 1];
        var centroid = new double[n];
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            for (var i = 0; i <= n; i++)
            {
                order[i] = i;
            }
            Array.Sort(order, (x, y) => values[x].CompareTo(values[y]));
            int best = order[0], worst = order[n], second = order[n - 1];
            var size = 0.0;
            for (var i = 1; i <= n; i++)
            {
                for (var d = 0; d < n; d++)
                {
                    size = Math.Max(size, Math.Abs(points[order[i]][d] - points[best][d]));
                }
            }
            if (values[worst] - values[best] <= tolerance * (Math.Abs(values[best]) + 1e-300) && size < 1e-8)
            {
                break;
            }
            Array.Clear(centroid);
            for (var i = 0; i < n; i++)
            {
                for (var d = 0; d < n; d++)
                {
                    centroid[d] += points[order[i]][d] / n;
                }
            }
            var reflected = Along(centroid, points[worst], -1);
            var fr = f(reflected);
            if (fr < values[best])
            {
                var expanded = Along(centroid, points[worst], -2);
                var fe = f(expanded);
                (points[worst], values[worst]) = fe < fr ? (expanded, fe) : (reflected, fr);
            }
            else if (fr < values[second])
            {
                (points[worst], values[worst]) = (reflected, fr);
            }
            else
            {
                var contracted = fr < values[worst] ? Along(centroid, points[worst], -0.5) : Along(centroid, points[worst], 0.5);
                var fc = f(contracted);
                if (fc < Math.Min(fr, values[worst]))
                {
                    (points[worst], values[worst]) = (contracted, fc);
                }
                else
                {
                    for (var i = 1; i <= n; i++)
                    {
                        var p = points[order[i]];
                        for (var d = 0; d < n; d++)
                        {
                            p[d] = points[best][d] + 0.5 * (p[d] - points[best][d]);
                        }
                        values[order[i]] = f(p);
                    }
                }
            }
        }
        var arg = 0;
        for (var i = 1; i <= n; i++)
        {
            if (values[i] < values[arg])
            {
                arg = i;
            }
        }
        return (points[arg], values[arg]);
    }

    /// <summary>centroid + t·(point − centroid).</summary>
    private static double[] Along(double[] centroid, double[] point, double t)
    {
        var result = new double[centroid.Length];
        for (var d = 0; d < result.Length; d++)
        {
            result[d] = centroid[d] + t * (point[d] - centroid[d]);
        }
        return result;
    }
}
