namespace Dashboard.Domain.Lifetime;

/// <summary>Accurate elementary functions that .NET and MathNet lack (MathNet's Expm1 truncates a series: 1e-8 off at 0.05).</summary>
internal static class Precise
{
    /// <summary>e^x − 1 without cancellation for small x (Kahan's trick: (u − 1) x / ln u with u = e^x).</summary>
    public static double Expm1(double x)
    {
        var u = Math.Exp(x);
        if (u == 1.0)
        {
            return x;
        }
        var um1 = u - 1.0;
        if (um1 == -1.0)
        {
            return -1.0;
        }
        return double.IsPositiveInfinity(u) ? u : um1 * x / Math.Log(u);
    }
}
