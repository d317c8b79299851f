using Dashboard.Domain.Recommendations;

namespace Dashboard.Tests.Domain.Recommendations;

/// <summary>Small hand-checkable baskets: product ids A=1, B=2, C=3, D=4, E=5.</summary>
internal static class RecommendationTestData
{
    public const int A = 1, B = 2, C = 3, D = 4, E = 5;

    public static readonly DateTime Day0 = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static long _nextOrderId = 1;

    public static CustomerOrder Order(long customer, int day, params int[] products) =>
        new(customer, Interlocked.Increment(ref _nextOrderId), Day0.AddDays(day), products);
}
