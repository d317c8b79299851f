namespace Dashboard.Domain.Lifetime;

/// <summary>
/// Large fits start from a strided subsample's fit: a few percent of the work puts the full fit near its optimum and
/// gives it the curvature to precondition with.
/// </summary>
internal static class StagedFit
{
    /// <summary>Rows from which a fit is staged.</summary>
    public const int Threshold = 100_000;

    /// <summary>Rows in the subsample.</summary>
    public const int SubsampleSize = 25_000;

    /// <summary>Every k-th row with k = rows / SubsampleSize, so the subsample spans the data whatever its order.</summary>
    public static int StrideFor(int rows) => Math.Max(1, rows / SubsampleSize);

    /// <summary>Elements 0, k, 2k, … (empty stays empty, for optional weights).</summary>
    public static T[] Every<T>(ReadOnlySpan<T> values, int stride)
    {
        var result = new T[(values.Length + stride - 1) / stride];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = values[i * stride];
        }
        return result;
    }
}
