namespace Dashboard.Domain.Lifetime;

internal static class ParallelWork
{
    /// <summary>Parallel.For that rethrows a single model exception as itself rather than wrapped in an AggregateException.</summary>
    public static void For(int count, Action<int> body)
    {
        try
        {
            Parallel.For(0, count, body);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.FirstOrDefault(e => e is LifetimeDataException) is { } inner)
        {
            throw inner;
        }
    }
}
