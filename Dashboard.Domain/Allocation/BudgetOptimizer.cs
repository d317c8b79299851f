using System.Globalization;

namespace Dashboard.Domain.Allocation;

/// <summary>Solver settings.</summary>
/// <param name="RelativeTolerance">
/// The returned total response is within this fraction of the global optimum (certified by an upper bound); also the
/// relative precision of the Lagrange multiplier.
/// </param>
/// <param name="MaxNodes">A cap on branch-and-bound nodes; when reached the best split found is returned uncertified.</param>
public sealed record OptimizerSettings(double RelativeTolerance = 1e-9, int MaxNodes = 20_000)
{
    public static OptimizerSettings Default { get; } = new();
}

/// <summary>
/// The optimizer's answer.
/// </summary>
/// <param name="Channels">Per channel: spend, expected response, marginal ROI, average ROI and whether it sits on a bound.</param>
/// <param name="TotalSpend">Σ spend (weekly currency).</param>
/// <param name="TotalResponse">Σ expected response (weekly outcome units above baseline).</param>
/// <param name="MarginalReturn">
/// λ, the common marginal ROI of the channels not at a bound (the value of one more unit of total budget).
/// </param>
/// <param name="UpperBound">A proven upper bound on the best achievable total response.</param>
/// <param name="Certified">True when TotalResponse ≥ UpperBound·(1 − tolerance) was proven within the node cap.</param>
/// <param name="Nodes">Branch-and-bound nodes solved (1 when every curve is concave).</param>
/// <param name="CurrentResponse">The total response of the current split, when every channel states its current spend.</param>
public sealed record AllocationPlan(
    IReadOnlyList<ChannelOutcome> Channels,
    double TotalSpend,
    double TotalResponse,
    double MarginalReturn,
    double UpperBound,
    bool Certified,
    int Nodes,
    double? CurrentResponse)
{
    /// <summary>TotalResponse − CurrentResponse (outcome units per week), when the current split is known.</summary>
    public double? Uplift => CurrentResponse is { } current ? TotalResponse - current : null;

    /// <summary>Uplift as a fraction of the current response (null when unknown or the current response is 0).</summary>
    public double? UpliftFraction => CurrentResponse is { } current && current > 0 ? (TotalResponse - current) / current : null;

    /// <summary>The spend per channel name.</summary>
    public IReadOnlyDictionary<string, double> Allocation => Channels.ToDictionary(c => c.Name, c => c.Spend, StringComparer.Ordinal);
}

/// <summary>
/// Splits a weekly budget across channels to maximize Σ f_i(s_i) subject to Σ s_i = total and lower_i ≤ s_i ≤ upper_i, where
/// f_i is the channel's steady-state response curve (<see cref="ResponseCurve.Response"/>).
/// </summary>
/// <remarks>
/// <para>
/// Concave curves (h ≤ 1): the KKT conditions are necessary and sufficient; every channel not at a bound has the same marginal
/// return λ, and the split is found by bisection on λ (the total of the per-channel best responses is monotone in λ).
/// </para>
/// <para>
/// S-shaped curves (h &gt; 1): the problem is not concave and f_i'(s) = λ has two roots, so a local method from the current
/// split can stop on the convex side of an inflection. Instead this solves it globally by branch and bound on concave
/// envelopes (Udell &amp; Boyd 2013, "Maximizing a Sum of Sigmoids", Optimization and Engineering): each node replaces every
/// curve on its interval by its concave envelope, solves that concave relaxation exactly by the λ-bisection above (a valid
/// upper bound for the node, proven by the Lagrangian dual value), and evaluates the true curves at the relaxed split (a
/// feasible lower bound). At most one channel ends up on a linear stretch of its envelope (ties are filled one channel at a
/// time), so only that channel's interval is split, at its relaxed spend. Nodes whose bound is within the tolerance of the best
/// split found are pruned. When no node remains, the returned split is within <see cref="OptimizerSettings.RelativeTolerance"/>
/// of the global optimum, and <see cref="AllocationPlan.UpperBound"/> proves it. Concave problems finish at the root node.
/// </para>
/// </remarks>
public static class BudgetOptimizer
{
    /// <summary>
    /// The best split of <paramref name="total"/> (weekly currency). Throws <see cref="InfeasibleBudgetException"/> naming the
    /// channels and bounds when no split can meet them, and <see cref="ArgumentException"/> for an invalid channel.
    /// </summary>
    public static AllocationPlan Optimize(IReadOnlyList<BudgetChannel> channels, double total, OptimizerSettings? settings = null)
    {
        settings ??= OptimizerSettings.Default;
        Validate(channels, total);
        var problem = new Problem(channels, total);
        var (spends, lambda, upperBound, certified, nodes) = problem.Solve(settings);
        return BuildPlan(channels, spends, lambda, upperBound, certified, nodes);
    }

    /// <summary>
    /// The smallest total whose best split reaches <paramref name="targetResponse"/> (weekly outcome units), with that split;
    /// null when even every channel at its upper bound falls short. The best achievable response is nondecreasing in the total
    /// (extra budget can always go to a channel below its cap, and curves never fall), so bisection on the total applies;
    /// the total is found to a relative precision of 1e-9.
    /// </summary>
    public static AllocationPlan? MinimumBudgetFor(IReadOnlyList<BudgetChannel> channels, double targetResponse, OptimizerSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(channels);
        var lo = channels.Sum(c => c.Lower);
        var hi = channels.Sum(c => c.Upper);
        if (!double.IsFinite(hi))
        {
            hi = Math.Max(1, lo);
            while (Optimize(channels, hi, settings).TotalResponse < targetResponse)
            {
                hi *= 2;
                if (hi > 1e15)
                {
                    return null;
                }
            }
        }
        var best = Optimize(channels, hi, settings);
        if (best.TotalResponse < targetResponse)
        {
            return null;
        }
        var atLowest = Optimize(channels, lo, settings);
        if (atLowest.TotalResponse >= targetResponse)
        {
            return atLowest;
        }
        while (hi - lo > 1e-9 * hi)
        {
            var mid = 0.5 * (lo + hi);
            var plan = Optimize(channels, mid, settings);
            if (plan.TotalResponse >= targetResponse)
            {
                hi = mid;
                best = plan;
            }
            else
            {
                lo = mid;
            }
        }
        return best;
    }

    /// <summary>
    /// The largest spend that keeps the marginal ROI at or above <paramref name="marginalFloor"/>: each channel independently
    /// spends where f_i(s) − floor·s is largest within its bounds (the larger spend on ties). Every channel not at a bound then
    /// has marginal ROI equal to the floor, and the split is the global optimum for its own total (a Lagrangian solution that
    /// meets the budget: for any split with the same total, Σf − floor·total ≤ Σ max(f_i − floor·s_i)). For an S-shaped channel
    /// this spends nothing beyond its lower bound unless the whole step up to the concave branch pays at least the floor on
    /// average.
    /// </summary>
    public static AllocationPlan SpendForMarginalFloor(IReadOnlyList<BudgetChannel> channels, double marginalFloor)
    {
        ArgumentNullException.ThrowIfNull(channels);
        if (!double.IsFinite(marginalFloor) || marginalFloor <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(marginalFloor), "The marginal ROI floor must be a positive number.");
        }
        var problems = ChannelProblems(channels);
        if (problems.Count > 0)
        {
            throw new InfeasibleBudgetException(problems);
        }
        var spends = new double[channels.Count];
        for (var i = 0; i < channels.Count; i++)
        {
            spends[i] = BestResponse(new HillFunction(channels[i].Curve), channels[i].Lower, channels[i].Upper, marginalFloor);
        }
        var response = BudgetEvaluator.TotalResponse(channels, spends);
        return BuildPlan(channels, spends, marginalFloor, response, certified: true, nodes: 0);
    }

    /// <summary>argmax over [lower, upper] of f(s) − λs (the larger spend on ties): a bound or the root on the concave branch.</summary>
    private static double BestResponse(in HillFunction f, double lower, double upper, double lambda)
    {
        var candidates = new List<double> { lower };
        var concaveStart = Math.Max(lower, f.Inflection);
        if (f.Beta > 0 && concaveStart < upper)
        {
            var hi = upper;
            if (double.IsInfinity(hi))
            {
                hi = Math.Max(concaveStart, f.Kappa) * 2;
                while (f.Marginal(hi) >= lambda && hi < 1e300)
                {
                    hi *= 2;
                }
            }
            if (f.Marginal(hi) >= lambda)
            {
                candidates.Add(hi);
            }
            else if (f.Marginal(concaveStart) <= lambda)
            {
                candidates.Add(concaveStart);
            }
            else
            {
                candidates.Add(f.MarginalInverse(lambda, concaveStart, hi, double.NaN));
            }
        }
        if (double.IsFinite(upper))
        {
            candidates.Add(upper);
        }
        var best = lower;
        var bestValue = f.Value(lower) - lambda * lower;
        foreach (var s in candidates)
        {
            var value = f.Value(s) - lambda * s;
            if (value > bestValue + 1e-12 * Math.Abs(bestValue) || (value >= bestValue - 1e-12 * Math.Abs(bestValue) && s > best))
            {
                best = s;
                bestValue = Math.Max(bestValue, value);
            }
        }
        return best;
    }

    private static AllocationPlan BuildPlan(IReadOnlyList<BudgetChannel> channels, double[] spends, double lambda, double upperBound,
        bool certified, int nodes)
    {
        var evaluation = BudgetEvaluator.Evaluate(channels, spends);
        return new AllocationPlan(evaluation.Channels, evaluation.TotalSpend, evaluation.TotalResponse, lambda,
            Math.Max(upperBound, evaluation.TotalResponse), certified, nodes, BudgetEvaluator.CurrentResponse(channels));
    }

    private static void Validate(IReadOnlyList<BudgetChannel> channels, double total)
    {
        ArgumentNullException.ThrowIfNull(channels);
        var problems = ChannelProblems(channels);
        if (!double.IsFinite(total) || total < 0)
        {
            problems.Add($"the total must be a finite number ≥ 0 (got {Format(total)})");
        }
        if (problems.Count == 0)
        {
            var lower = channels.Sum(c => c.Lower);
            var upper = channels.Sum(c => c.Upper);
            if (lower > total * (1 + 1e-12))
            {
                problems.Add($"the lower bounds add up to {Format(lower)}, above the total {Format(total)} ("
                    + string.Join(", ", channels.Where(c => c.Lower > 0).Select(c => $"{c.Name} ≥ {Format(c.Lower)}")) + ")");
            }
            if (upper < total * (1 - 1e-12))
            {
                problems.Add($"the upper bounds add up to {Format(upper)}, below the total {Format(total)} ("
                    + string.Join(", ", channels.Select(c => $"{c.Name} ≤ {Format(c.Upper)}")) + ")");
            }
        }
        if (problems.Count > 0)
        {
            throw new InfeasibleBudgetException(problems);
        }
    }

    private static List<string> ChannelProblems(IReadOnlyList<BudgetChannel> channels)
    {
        var problems = new List<string>();
        if (channels.Count == 0)
        {
            problems.Add("there are no channels");
        }
        foreach (var duplicate in channels.GroupBy(c => c.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"channel name '{duplicate.Key}' appears {duplicate.Count()} times");
        }
        foreach (var c in channels)
        {
            if (string.IsNullOrWhiteSpace(c.Name))
            {
                problems.Add("a channel has an empty name");
            }
            if (c.Curve.Validate() is { } curveProblem)
            {
                problems.Add($"channel '{c.Name}': {curveProblem}");
            }
            if (!double.IsFinite(c.Lower) || c.Lower < 0)
            {
                problems.Add($"channel '{c.Name}': lower bound must be a finite number ≥ 0 (got {Format(c.Lower)})");
            }
            if (double.IsNaN(c.Upper) || double.IsNegativeInfinity(c.Upper))
            {
                problems.Add($"channel '{c.Name}': upper bound must be a number (got {Format(c.Upper)})");
            }
            else if (c.Lower > c.Upper)
            {
                problems.Add($"channel '{c.Name}': lower bound {Format(c.Lower)} is above upper bound {Format(c.Upper)}");
            }
        }
        return problems;
    }

    private static string Format(double value) => value.ToString("G10", CultureInfo.InvariantCulture);

    /// <summary>The branch-and-bound search over one validated problem.</summary>
    private sealed class Problem
    {
        private readonly HillFunction[] _f;
        private readonly double _total;
        private readonly double[] _lower;
        private readonly double[] _upper;
        private readonly double[] _guess;
        private readonly double[] _sHi;
        private readonly double[] _sLo;

        public Problem(IReadOnlyList<BudgetChannel> channels, double total)
        {
            var n = channels.Count;
            _f = channels.Select(c => new HillFunction(c.Curve)).ToArray();
            _total = total;
            var lowerSum = channels.Sum(c => c.Lower);
            _lower = channels.Select(c => c.Lower).ToArray();
            // No channel can take more than the total minus the others' lower bounds: a tighter interval, a tighter envelope.
            _upper = channels.Select(c => Math.Max(c.Lower, Math.Min(c.Upper, total - (lowerSum - c.Lower)))).ToArray();
            _guess = new double[n];
            _sHi = new double[n];
            _sLo = new double[n];
        }

        public (double[] Spends, double Lambda, double UpperBound, bool Certified, int Nodes) Solve(OptimizerSettings settings)
        {
            var root = new HillEnvelope[_f.Length];
            for (var i = 0; i < root.Length; i++)
            {
                root[i] = HillEnvelope.Of(_f[i], _lower[i], _upper[i]);
            }
            double[]? best = null;
            var bestValue = double.NegativeInfinity;
            var bestLambda = 0.0;
            var closedBound = double.NegativeInfinity; // the largest bound among pruned nodes
            var open = new PriorityQueue<(HillEnvelope[] Env, double Bound), double>();
            var nodes = 0;
            open.Enqueue((root, double.PositiveInfinity), double.NegativeInfinity);
            while (open.TryDequeue(out var node, out _))
            {
                if (node.Bound <= bestValue + Tolerance(settings, bestValue))
                {
                    closedBound = Math.Max(closedBound, node.Bound);
                    continue;
                }
                if (nodes >= settings.MaxNodes)
                {
                    open.Enqueue(node, -node.Bound);
                    break;
                }
                nodes++;
                var relaxed = Relax(node.Env);
                if (relaxed is null)
                {
                    continue; // the node's intervals cannot hold the total
                }
                var (spends, lambda, bound) = relaxed.Value;
                var value = 0.0;
                var worst = -1;
                var worstGap = 0.0;
                for (var i = 0; i < spends.Length; i++)
                {
                    var f = _f[i].Value(spends[i]);
                    value += f;
                    var gap = node.Env[i].Value(_f[i], spends[i]) - f;
                    if (gap > worstGap)
                    {
                        worstGap = gap;
                        worst = i;
                    }
                }
                if (value > bestValue)
                {
                    best = spends;
                    bestValue = value;
                    bestLambda = lambda;
                }
                if (bound <= bestValue + Tolerance(settings, bestValue) || worst < 0)
                {
                    closedBound = Math.Max(closedBound, bound);
                    continue;
                }
                // Split the one channel whose envelope is above its curve at its relaxed spend.
                var z = spends[worst];
                var env = node.Env[worst];
                var left = (HillEnvelope[])node.Env.Clone();
                left[worst] = HillEnvelope.Of(_f[worst], env.A, z);
                var right = (HillEnvelope[])node.Env.Clone();
                right[worst] = HillEnvelope.Of(_f[worst], z, env.B);
                open.Enqueue((left, bound), -bound);
                open.Enqueue((right, bound), -bound);
            }
            var certified = open.Count == 0;
            var upperBound = Math.Max(closedBound, bestValue);
            while (open.TryDequeue(out var rest, out _))
            {
                upperBound = Math.Max(upperBound, rest.Bound);
            }
            return (best!, bestLambda, upperBound, certified, nodes);
        }

        private static double Tolerance(OptimizerSettings settings, double bestValue) =>
            double.IsFinite(bestValue) ? settings.RelativeTolerance * Math.Max(Math.Abs(bestValue), 1e-300) : 0;

        /// <summary>
        /// Solves the concave relaxation of one node: bisection on λ for Σ respond_i(λ) = total, then the gap between the
        /// two bracketing λ filled one channel at a time (so at most one channel is left part-way along a linear stretch).
        /// Returns the split, λ and the node's upper bound (the smaller Lagrangian dual value at the bracket ends).
        /// </summary>
        private (double[] Spends, double Lambda, double Bound)? Relax(HillEnvelope[] env)
        {
            var n = env.Length;
            double sumA = 0, sumB = 0;
            for (var i = 0; i < n; i++)
            {
                sumA += env[i].A;
                sumB += env[i].B;
            }
            var slack = 1e-12 * Math.Max(1, _total);
            if (sumA > _total + slack || sumB < _total - slack)
            {
                return null;
            }
            if (sumB <= _total + slack || sumA >= _total - slack)
            {
                var ends = env.Select(e => sumA >= _total - slack ? e.A : e.B).ToArray();
                var v = 0.0;
                var lambdaAtEnd = sumA >= _total - slack ? 0.0 : double.PositiveInfinity;
                for (var i = 0; i < n; i++)
                {
                    v += env[i].Value(_f[i], ends[i]);
                    var m = _f[i].Marginal(ends[i]);
                    lambdaAtEnd = sumA >= _total - slack ? Math.Max(lambdaAtEnd, env[i].B > env[i].A ? m : 0) : Math.Min(lambdaAtEnd, m);
                }
                return (ends, double.IsNaN(lambdaAtEnd) ? 0 : lambdaAtEnd, v);
            }
            // Bracket λ: S(λHi) ≤ total ≤ S(λLo).
            var lambdaHi = 0.0;
            for (var i = 0; i < n; i++)
            {
                if (env[i].B > env[i].A && double.IsFinite(env[i].Slope))
                {
                    lambdaHi = Math.Max(lambdaHi, env[i].Slope);
                }
            }
            if (lambdaHi <= 0)
            {
                lambdaHi = 1;
            }
            while (Respond(env, lambdaHi, _sHi) > _total && lambdaHi < 1e300)
            {
                lambdaHi *= 4;
            }
            var lambdaLo = lambdaHi;
            Array.Copy(_sHi, _sLo, n);
            var sumLo = Sum(_sLo);
            while (sumLo < _total)
            {
                lambdaLo *= 0.25;
                if (lambdaLo < 1e-300)
                {
                    lambdaLo = 0;
                }
                sumLo = Respond(env, lambdaLo, _sLo);
                if (lambdaLo == 0)
                {
                    break;
                }
            }
            for (var iteration = 0; iteration < 200 && lambdaHi - lambdaLo > 1e-15 * lambdaHi; iteration++)
            {
                var mid = lambdaLo > 0 ? Math.Sqrt(lambdaLo * lambdaHi) : 0.5 * lambdaHi;
                if (mid <= lambdaLo || mid >= lambdaHi)
                {
                    break;
                }
                var s = Respond(env, mid, _guess);
                if (s >= _total)
                {
                    lambdaLo = mid;
                    Array.Copy(_guess, _sLo, n);
                }
                else
                {
                    lambdaHi = mid;
                    Array.Copy(_guess, _sHi, n);
                }
            }
            var bound = Math.Min(Dual(env, lambdaLo, _sLo), Dual(env, lambdaHi, _sHi));
            // Fill the remaining budget: channels that moved least between the bracket ends first.
            var spends = (double[])_sHi.Clone();
            var remaining = _total - Sum(spends);
            var order = Enumerable.Range(0, n).OrderBy(i => _sLo[i] - _sHi[i]).ToArray();
            foreach (var i in order)
            {
                if (remaining <= 0)
                {
                    break;
                }
                var take = Math.Min(Math.Max(0, _sLo[i] - _sHi[i]), remaining);
                spends[i] += take;
                remaining -= take;
            }
            var primal = 0.0;
            for (var i = 0; i < n; i++)
            {
                primal += env[i].Value(_f[i], spends[i]);
            }
            return (spends, 0.5 * (lambdaLo + lambdaHi), Math.Max(bound, primal));
        }

        private double Respond(HillEnvelope[] env, double lambda, double[] into)
        {
            var sum = 0.0;
            for (var i = 0; i < env.Length; i++)
            {
                into[i] = env[i].Respond(_f[i], lambda, _guess[i]);
                _guess[i] = into[i];
                sum += into[i];
            }
            return sum;
        }

        /// <summary>The Lagrangian dual λ·total + Σ max_s (env_i(s) − λs): an upper bound on the node's relaxation for any λ.</summary>
        private double Dual(HillEnvelope[] env, double lambda, double[] responses)
        {
            var value = lambda * _total;
            for (var i = 0; i < env.Length; i++)
            {
                value += env[i].Value(_f[i], responses[i]) - lambda * responses[i];
            }
            return value;
        }

        private static double Sum(double[] values)
        {
            var sum = 0.0;
            foreach (var v in values)
            {
                sum += v;
            }
            return sum;
        }
    }
}
