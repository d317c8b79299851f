namespace Dashboard.Domain.Allocation;

/// <summary>
/// One channel in a budget question: its steady-state response curve, its absolute weekly spend bounds and, optionally,
/// its current weekly spend (for the uplift over the current split and for bounds given as a % of current spend).
/// </summary>
/// <param name="Name">A unique channel name.</param>
/// <param name="Curve">The channel's response curve; the optimizer uses its steady-state form.</param>
/// <param name="Lower">The least weekly spend allowed (currency, ≥ 0).</param>
/// <param name="Upper">The most weekly spend allowed (currency, ≥ <paramref name="Lower"/>; +∞ means no cap).</param>
/// <param name="Current">The current weekly spend, when known.</param>
public sealed record BudgetChannel(string Name, ResponseCurve Curve, double Lower, double Upper, double? Current = null)
{
    /// <summary>
    /// A channel whose bounds are a percentage of its current spend, e.g. 50 and 150 for "between half and one and a half times
    /// today's spend".
    /// </summary>
    public static BudgetChannel WithPercentBounds(string name, ResponseCurve curve, double current, double lowerPercent, double upperPercent)
    {
        var (lower, upper) = PercentOfCurrent(current, lowerPercent, upperPercent);
        return new BudgetChannel(name, curve, lower, upper, current);
    }

    /// <summary>Absolute bounds from percentages of the current spend: (current·lower%/100, current·upper%/100).</summary>
    public static (double Lower, double Upper) PercentOfCurrent(double current, double lowerPercent, double upperPercent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(current);
        ArgumentOutOfRangeException.ThrowIfNegative(lowerPercent);
        ArgumentOutOfRangeException.ThrowIfLessThan(upperPercent, lowerPercent);
        return (current * lowerPercent / 100, current * upperPercent / 100);
    }
}

/// <summary>The bounds and total of a budget question cannot all hold; <see cref="Problems"/> names each one.</summary>
public sealed class InfeasibleBudgetException(IReadOnlyList<string> problems)
    : Exception(string.Join("; ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
