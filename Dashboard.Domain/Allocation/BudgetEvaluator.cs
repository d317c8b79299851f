namespace Dashboard.Domain.Allocation;

/// <summary>Where a channel's spend sits relative to its bounds.</summary>
public enum BoundState
{
    Interior,
    AtLower,
    AtUpper,
}

/// <summary>
/// One channel's projected steady-state weekly figures at a given spend.
/// </summary>
/// <param name="Name">The channel.</param>
/// <param name="Spend">Weekly spend (currency).</param>
/// <param name="Response">Expected weekly outcome above baseline (outcome units).</param>
/// <param name="Marginal">Marginal ROI: extra outcome per extra currency unit at this spend.</param>
/// <param name="Roi">Average ROI: Response / Spend (0 when nothing is spent).</param>
/// <param name="Bound">Whether the spend sits on the channel's lower or upper bound.</param>
public sealed record ChannelOutcome(string Name, double Spend, double Response, double Marginal, double Roi, BoundState Bound);

/// <summary>Projected steady-state weekly figures of a whole split.</summary>
public sealed record BudgetEvaluation(IReadOnlyList<ChannelOutcome> Channels, double TotalSpend, double TotalResponse)
{
    /// <summary>Total response / total spend (0 when nothing is spent).</summary>
    public double Roi => TotalSpend > 0 ? TotalResponse / TotalSpend : 0;
}

/// <summary>
/// The slider path: evaluates a given split in O(channels) with one exp and one log per channel (about a microsecond
/// for twenty channels), so the page can recompute on every slider move.
/// </summary>
public static class BudgetEvaluator
{
    /// <summary>Evaluates <paramref name="spends"/> (same order as <paramref name="channels"/>, weekly currency).</summary>
    public static BudgetEvaluation Evaluate(IReadOnlyList<BudgetChannel> channels, IReadOnlyList<double> spends)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(spends);
        if (channels.Count != spends.Count)
        {
            throw new ArgumentException($"{spends.Count} spends were given for {channels.Count} channels.", nameof(spends));
        }
        var outcomes = new ChannelOutcome[channels.Count];
        double totalSpend = 0, totalResponse = 0;
        for (var i = 0; i < channels.Count; i++)
        {
            outcomes[i] = Outcome(channels[i], spends[i]);
            totalSpend += spends[i];
            totalResponse += outcomes[i].Response;
        }
        return new BudgetEvaluation(outcomes, totalSpend, totalResponse);
    }

    /// <summary>The total response of a split, without allocating (for tight loops).</summary>
    public static double TotalResponse(IReadOnlyList<BudgetChannel> channels, ReadOnlySpan<double> spends)
    {
        var total = 0.0;
        for (var i = 0; i < channels.Count; i++)
        {
            total += channels[i].Curve.Response(spends[i]);
        }
        return total;
    }

    /// <summary>The response of the current split, or null unless every channel states its current spend.</summary>
    public static double? CurrentResponse(IReadOnlyList<BudgetChannel> channels) =>
        channels.All(c => c.Current is not null) ? channels.Sum(c => c.Curve.Response(c.Current!.Value)) : null;

    /// <summary>One channel's figures at <paramref name="spend"/>.</summary>
    public static ChannelOutcome Outcome(BudgetChannel channel, double spend)
    {
        var response = channel.Curve.Response(spend);
        // Relative slack so a spend that sits on a bound up to rounding still reports the bound.
        var slack = 1e-9 * Math.Max(1, Math.Abs(spend));
        var bound = spend <= channel.Lower + slack ? BoundState.AtLower
            : spend >= channel.Upper - slack ? BoundState.AtUpper
            : BoundState.Interior;
        return new ChannelOutcome(channel.Name, spend, response, channel.Curve.Marginal(spend), spend > 0 ? response / spend : 0, bound);
    }

    /// <summary>
    /// Moves channel <paramref name="index"/> to <paramref name="newSpend"/> with the total locked: the difference is taken
    /// from (or given to) the other channels not in <paramref name="locked"/> in proportion to their current spend (equally
    /// when they all spend nothing), each kept within its bounds; what a clamped channel cannot take passes to the rest.
    /// When the others cannot absorb the whole difference, the moved channel stops short. Returns the new split.
    /// </summary>
    public static double[] Rebalance(IReadOnlyList<BudgetChannel> channels, IReadOnlyList<double> spends, int index, double newSpend,
        IReadOnlySet<int>? locked = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, channels.Count);
        var result = spends.ToArray();
        var target = Math.Clamp(newSpend, channels[index].Lower, channels[index].Upper);
        var remaining = result[index] - target; // > 0: money to give to the others
        var free = Enumerable.Range(0, channels.Count).Where(i => i != index && (locked is null || !locked.Contains(i))).ToList();
        while (Math.Abs(remaining) > 1e-12 * Math.Max(1, Math.Abs(target)) && free.Count > 0)
        {
            var weightSum = free.Sum(i => result[i]);
            var clamped = new List<int>();
            var moved = 0.0;
            foreach (var i in free)
            {
                var share = remaining * (weightSum > 0 ? result[i] / weightSum : 1.0 / free.Count);
                var next = Math.Clamp(result[i] + share, channels[i].Lower, channels[i].Upper);
                if (next != result[i] + share)
                {
                    clamped.Add(i);
                }
                moved += next - result[i];
                result[i] = next;
            }
            remaining -= moved;
            if (clamped.Count == 0)
            {
                break;
            }
            free.RemoveAll(clamped.Contains);
        }
        result[index] = target + remaining;
        return result;
    }
}
