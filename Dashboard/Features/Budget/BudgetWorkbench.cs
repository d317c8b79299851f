using Dashboard.Domain.Allocation;

namespace Dashboard.Features.Budget;

/// <summary>
/// A resolved split: the channels with their absolute bounds (whole currency units) and the proposed weekly spend per channel,
/// in the model's channel order.
/// </summary>
public sealed record BudgetState(BudgetModel Model, BudgetQuery Query, IReadOnlyList<BudgetChannel> Channels, IReadOnlyList<double> Spends)
{
    public double Total => Spends.Sum();
}

/// <summary>
/// The slider path and the page's budget questions, in memory over a loaded <see cref="BudgetModel"/> (no store access):
/// resolve the URL state into a split, project it, move one slider, optimize, answer the inverse questions.
/// Every split it returns is in whole currency units, so the URL holds it exactly.
/// </summary>
public static class BudgetWorkbench
{
    /// <summary>The URL state applied to the model: bounds resolved (bad pairs fall back to the defaults), spends clamped to them.</summary>
    public static BudgetState Resolve(BudgetModel model, BudgetQuery query)
    {
        var channels = new BudgetChannel[model.Channels.Count];
        var spends = new double[model.Channels.Count];
        for (var i = 0; i < channels.Length; i++)
        {
            var c = model.Channels[i];
            var (lower, upper) = Bounds(c, query.LowerOf(c.Code), query.UpperOf(c.Code))
                ?? Bounds(c, BudgetQuery.DefaultLower, BudgetQuery.DefaultUpper)!.Value;
            channels[i] = new BudgetChannel(c.Code, c.Curve, lower, upper, c.CurrentSpend);
            spends[i] = Math.Clamp(query.Spends.TryGetValue(c.Code, out var s) ? Math.Round(s) : Math.Round(c.CurrentSpend), lower, upper);
        }
        return new BudgetState(model, query, channels, spends);
    }

    /// <summary>Absolute whole-unit bounds of a channel, or null when they contradict each other.</summary>
    public static (double Lower, double Upper)? Bounds(BudgetChannelModel channel, BoundSpec lower, BoundSpec upper)
    {
        var lo = Math.Ceiling(lower.Resolve(channel.ReferenceSpend) - 1e-9);
        var hi = Math.Floor(upper.Resolve(channel.ReferenceSpend) + 1e-9);
        return lo <= hi ? (lo, hi) : null;
    }

    /// <summary>The projected figures of the state's split, with 95% bootstrap bands per channel and in total.</summary>
    public static BudgetProjection Project(BudgetState state) => Project(state.Model, state.Channels, state.Spends);

    public static BudgetProjection Project(BudgetModel model, IReadOnlyList<BudgetChannel> channels, IReadOnlyList<double> spends)
    {
        var evaluation = BudgetEvaluator.Evaluate(channels, spends);
        var replicates = model.Channels.Select(c => c.BootstrapCurves.Count).DefaultIfEmpty(0).Max();
        var totals = new double[Math.Max(1, replicates)];
        var rows = new ChannelProjection[channels.Count];
        var marginal = 0.0;
        for (var i = 0; i < channels.Count; i++)
        {
            var c = model.Channels[i];
            var o = evaluation.Channels[i];
            var draws = Draws(c, spends[i], totals.Length);
            for (var b = 0; b < totals.Length; b++)
            {
                totals[b] += draws[b];
            }
            Array.Sort(draws);
            rows[i] = new ChannelProjection(c.Code, c.Name, c.CurrentSpend, spends[i], channels[i].Lower, channels[i].Upper, o.Response,
                Quantile(draws, 0.025), Quantile(draws, 0.975), c.Curve.Response(c.CurrentSpend), o.Roi, o.Marginal, o.Bound, c.IsShrunk,
                c.ShrinkReason);
            if (spends[i] > 0 && evaluation.TotalSpend > 0)
            {
                marginal += spends[i] / evaluation.TotalSpend * o.Marginal;
            }
        }
        Array.Sort(totals);
        var currentSpend = model.Channels.Sum(c => c.CurrentSpend);
        var currentResponse = model.Channels.Sum(c => c.Curve.Response(c.CurrentSpend));
        return new BudgetProjection(rows, evaluation.TotalSpend, evaluation.TotalResponse, Quantile(totals, 0.025), Quantile(totals, 0.975),
            evaluation.Roi, marginal, currentSpend, currentResponse);
    }

    /// <summary>
    /// Moves channel <paramref name="index"/> to <paramref name="value"/>. With the total locked the others are rebalanced in
    /// proportion (<see cref="BudgetEvaluator.Rebalance"/>); otherwise only that channel changes, within its bounds.
    /// </summary>
    public static double[] Move(BudgetState state, int index, double value)
    {
        var channel = state.Channels[index];
        if (!state.Query.TotalLocked)
        {
            var free = state.Spends.ToArray();
            free[index] = Math.Round(Math.Clamp(value, channel.Lower, channel.Upper));
            return free;
        }
        var moved = BudgetEvaluator.Rebalance(state.Channels, state.Spends, index, value);
        return RoundPreservingTotal(moved, state.Channels, Math.Round(state.Total));
    }

    /// <summary>
    /// Rounds a split to whole currency units keeping its total (largest-remainder rounding; Hamilton's method), each spend
    /// staying within its whole-unit bounds.
    /// </summary>
    public static double[] RoundPreservingTotal(IReadOnlyList<double> spends, IReadOnlyList<BudgetChannel> channels, double total)
    {
        var result = spends.Select((s, i) => Math.Clamp(Math.Floor(s + 1e-7), channels[i].Lower, channels[i].Upper)).ToArray();
        var missing = (long)Math.Round(total - result.Sum());
        var order = Enumerable.Range(0, result.Length).OrderByDescending(i => spends[i] - result[i]).ThenBy(i => i).ToArray();
        for (var pass = 0; pass < 2 && missing != 0; pass++)
        {
            foreach (var i in order)
            {
                if (missing > 0 && result[i] + 1 <= channels[i].Upper)
                {
                    result[i] += 1;
                    missing--;
                }
                else if (missing < 0 && result[i] - 1 >= channels[i].Lower)
                {
                    result[i] -= 1;
                    missing++;
                }
                if (missing == 0)
                {
                    break;
                }
            }
        }
        return result;
    }

    /// <summary>The query with the split written in: every channel's spend, or none when the split is the current one.</summary>
    public static BudgetQuery WithSpends(BudgetModel model, BudgetQuery query, IReadOnlyList<double> spends)
    {
        var atCurrent = model.Channels.Select((c, i) => spends[i] == Math.Round(c.CurrentSpend)).All(x => x);
        var written = atCurrent
            ? new Dictionary<string, double>()
            : model.Channels.Select((c, i) => (c.Code, Spend: spends[i])).ToDictionary(x => x.Code, x => x.Spend, StringComparer.Ordinal);
        return query with { Spends = written };
    }

    /// <summary>
    /// The query with one channel's bounds changed and its spend moved inside them (the total rebalanced when locked).
    /// </summary>
    public static BudgetQuery WithBounds(BudgetState state, string code, BoundSpec lower, BoundSpec upper)
    {
        var index = state.Model.Channels.ToList().FindIndex(c => c.Code == code);
        if (index < 0 || Bounds(state.Model.Channels[index], lower, upper) is not { } bounds)
        {
            return state.Query;
        }
        var lowers = new Dictionary<string, BoundSpec>(state.Query.Lower, StringComparer.Ordinal) { [code] = lower };
        var uppers = new Dictionary<string, BoundSpec>(state.Query.Upper, StringComparer.Ordinal) { [code] = upper };
        var query = state.Query with { Lower = lowers, Upper = uppers };
        var spends = state.Spends.ToArray();
        var channels = state.Channels.ToArray();
        channels[index] = channels[index] with { Lower = bounds.Lower, Upper = bounds.Upper };
        var inside = Math.Clamp(spends[index], bounds.Lower, bounds.Upper);
        if (inside != spends[index])
        {
            var moved = new BudgetState(state.Model, query, channels, spends);
            spends = state.Query.TotalLocked ? Move(moved, index, inside) : spends.Select((s, i) => i == index ? inside : s).ToArray();
        }
        return WithSpends(state.Model, query, spends);
    }

    /// <summary>The best split of the state's total within its bounds (certified global optimum), rounded to whole units.</summary>
    public static InverseAnswer Optimize(BudgetState state) => Optimize(state, state.Total);

    public static InverseAnswer Optimize(BudgetState state, double total)
    {
        try
        {
            var plan = BudgetOptimizer.Optimize(state.Channels, total);
            return Answer(state, plan);
        }
        catch (InfeasibleBudgetException ex)
        {
            return new InverseAnswer(total, state.Spends, 0, ex.Message);
        }
    }

    /// <summary>The smallest weekly budget whose best split reaches <paramref name="target"/> within the bounds.</summary>
    public static InverseAnswer MinimumBudgetFor(BudgetState state, double target)
    {
        var plan = BudgetOptimizer.MinimumBudgetFor(state.Channels, target);
        if (plan is null)
        {
            var most = state.Channels.Sum(c => c.Curve.Response(c.Upper));
            return new InverseAnswer(0, state.Spends, most, "unreachable");
        }
        // Rounding up keeps the rounded split at or above the target.
        var total = Math.Ceiling(plan.TotalSpend - 1e-6);
        return Optimize(state, total);
    }

    /// <summary>The largest weekly spend that keeps every channel's marginal ROI at or above <paramref name="floor"/>.</summary>
    public static InverseAnswer SpendForMarginalFloor(BudgetState state, double floor) =>
        Answer(state, BudgetOptimizer.SpendForMarginalFloor(state.Channels, floor));

    /// <summary>Side-by-side weekly spend per channel: current, proposed, optimized (same total) and a saved scenario.</summary>
    public static IReadOnlyList<ComparisonRow> Compare(BudgetState state, InverseAnswer? optimized, SavedScenario? saved)
    {
        var savedByCode = saved?.Channels.ToDictionary(c => c.Code, c => c.Spend, StringComparer.Ordinal);
        return state.Model.Channels.Select((c, i) => new ComparisonRow(c.Code, c.Name, Math.Round(c.CurrentSpend), state.Spends[i],
                optimized is { Problem: null } o ? o.Spends[i] : null,
                savedByCode is null ? null : savedByCode.TryGetValue(c.Code, out var s) ? s : 0))
            .ToList();
    }

    /// <summary>The URL state that reopens a saved scenario: its outcome, lock, every spend and its bounds as they were given.</summary>
    public static BudgetQuery QueryFor(SavedScenario scenario, BudgetQuery current)
    {
        var spends = scenario.Channels.ToDictionary(c => c.Code, c => c.Spend, StringComparer.Ordinal);
        var lower = scenario.Channels.ToDictionary(c => c.Code,
            c => c.LowerPercent is { } p ? new BoundSpec(p, true) : new BoundSpec(c.Lower, false), StringComparer.Ordinal);
        var upper = scenario.Channels.ToDictionary(c => c.Code,
            c => c.UpperPercent is { } p ? new BoundSpec(p, true) : new BoundSpec(c.Upper, false), StringComparer.Ordinal);
        return current with
        {
            Outcome = scenario.Summary.Outcome, TotalLocked = scenario.TotalLocked, Spends = spends, Lower = lower, Upper = upper,
            Compare = scenario.Summary.Id,
        };
    }

    /// <summary>The channels of the state as a scenario to save (bounds kept as % when they were given that way).</summary>
    public static IReadOnlyList<ScenarioChannel> ScenarioChannels(BudgetState state) =>
        state.Model.Channels.Select((c, i) =>
        {
            var lo = state.Query.LowerOf(c.Code);
            var hi = state.Query.UpperOf(c.Code);
            return new ScenarioChannel(c.Code, c.Name, state.Spends[i], state.Channels[i].Lower, state.Channels[i].Upper,
                lo.IsPercent ? lo.Value : null, hi.IsPercent ? hi.Value : null);
        }).ToList();

    /// <summary>A channel's curve and 95% band on a grid from 0 to <paramref name="maxSpend"/> (for the charts; computed once per load).</summary>
    public static CurveGrid Grid(ResponseCurve curve, IReadOnlyList<ResponseCurve> bootstrap, double maxSpend, int points = 41)
    {
        var spend = Enumerable.Range(0, points).Select(j => maxSpend * j / (points - 1)).ToArray();
        var lower = new double[points];
        var upper = new double[points];
        var draws = new double[Math.Max(1, bootstrap.Count)];
        for (var j = 0; j < points; j++)
        {
            for (var b = 0; b < draws.Length; b++)
            {
                draws[b] = bootstrap.Count == 0 ? curve.Response(spend[j]) : bootstrap[b].Response(spend[j]);
            }
            Array.Sort(draws);
            lower[j] = Quantile(draws, 0.025);
            upper[j] = Quantile(draws, 0.975);
        }
        return new CurveGrid(spend, spend.Select(curve.Response).ToArray(), lower, upper);
    }

    /// <summary>Linear-interpolated quantile of sorted values.</summary>
    public static double Quantile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }
        var position = p * (sorted.Length - 1);
        var lo = (int)Math.Floor(position);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (position - lo) * (sorted[hi] - sorted[lo]);
    }

    // The bootstrap replicates of a channel's response (the point estimate when it has none); replicate b of every channel
    // is summed for the total band, treating the channels' fits as independent (they were fitted separately).
    private static double[] Draws(BudgetChannelModel channel, double spend, int count)
    {
        var draws = new double[count];
        var curves = channel.BootstrapCurves;
        for (var b = 0; b < count; b++)
        {
            draws[b] = curves.Count == 0 ? channel.Curve.Response(spend) : curves[b % curves.Count].Response(spend);
        }
        return draws;
    }

    private static InverseAnswer Answer(BudgetState state, AllocationPlan plan)
    {
        var total = Math.Round(plan.TotalSpend);
        var spends = RoundPreservingTotal(plan.Channels.Select(c => c.Spend).ToArray(), state.Channels, total);
        return new InverseAnswer(spends.Sum(), spends, BudgetEvaluator.TotalResponse(state.Channels, spends), null);
    }
}
