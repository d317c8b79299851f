namespace Dashboard.Domain.Allocation;

/// <summary>The customer groups a relationship budget is split across (VAP strategies, plus prospects to acquire).</summary>
public enum CustomerGroup
{
    /// <summary>High-value customers at risk of dropping out (VAP strategy Retain).</summary>
    Retain,

    /// <summary>Active customers well below their peers' value (VAP strategy Develop).</summary>
    Develop,

    /// <summary>Customers likely gone but worth reactivating (VAP strategy Win back).</summary>
    WinBack,

    /// <summary>Prospects similar to the best customers (a lookalike expansion's pool).</summary>
    Acquire,
}

/// <summary>
/// How a group's members respond to spend per head x (currency per customer): the fraction of the group's value at stake
/// that the spend realises, r(x) = <paramref name="MaxResponse"/> · x^h / (x^h + k^h).
/// </summary>
/// <remarks>
/// Assumption (stated on the page): diminishing returns per head, the same Hill form as the channel curves (Jin et al. 2017),
/// with h = 1 by default (Michaelis–Menten: every extra yuan per head buys less than the one before, no threshold). The
/// budget is assumed spread evenly over the group's members.
/// </remarks>
/// <param name="MaxResponse">The fraction of the value at stake reached with unlimited spend per head (0..1).</param>
/// <param name="HalfSaturationPerHead">k: the spend per head (currency) that reaches half of <paramref name="MaxResponse"/>.</param>
/// <param name="Shape">h &gt; 0 (1 = concave).</param>
/// <param name="IsMeasured">True when the figures come from measured campaign lift, false for a stated assumption.</param>
public sealed record GroupResponseAssumption(double MaxResponse, double HalfSaturationPerHead, double Shape = 1, bool IsMeasured = false)
{
    /// <summary>The response fraction at a spend per head.</summary>
    public double ResponseAt(double spendPerHead) => MaxResponse * ResponseCurve.Hill(spendPerHead, HalfSaturationPerHead, Shape);

    /// <summary>Checks the figures; returns the first problem as a sentence naming the group, or null.</summary>
    public string? Validate(CustomerGroup group) =>
        !(MaxResponse is >= 0 and <= 1) ? $"{group}: the maximum response must be a fraction in 0..1 (got {MaxResponse})"
        : !(HalfSaturationPerHead > 0 && double.IsFinite(HalfSaturationPerHead)) ? $"{group}: the half-saturation spend per head must be > 0 (got {HalfSaturationPerHead})"
        : !(Shape is > 0 and <= 50) ? $"{group}: the shape must be in (0, 50] (got {Shape})"
        : null;
}

/// <summary>
/// Sums over one group's members, computed in the store (one GROUP BY row per group, never one row per customer).
/// </summary>
/// <param name="Customers">Members.</param>
/// <param name="SumClv">Σ predicted CLV (currency; BG/NBD × Gamma-Gamma, already weighted by P(alive)).</param>
/// <param name="SumClvIfAlive">Σ CLV / max(P(alive), floor): each member's value if still alive (the BG/NBD conditional
/// expectation is P(alive) × the expectation given alive, so the ratio is exact; the floor keeps it finite).</param>
/// <param name="SumHeadroom">Σ max(0, Q − CLV): what the members would add by reaching the peers' top-quartile value Q.</param>
public sealed record GroupMembers(int Customers, double SumClv, double SumClvIfAlive, double SumHeadroom)
{
    public static GroupMembers None { get; } = new(0, 0, 0, 0);

    /// <summary>Mean predicted CLV of a member (0 for an empty group).</summary>
    public double MeanClv => Customers > 0 ? SumClv / Customers : 0;
}

/// <summary>
/// One group's expected incremental return (currency) as a function of the budget given to it:
/// R(B) = V · r(B / N) = V·r_max · Hill(B; N·k, h), a Hill curve in the total budget (so <see cref="BudgetOptimizer"/> accepts it).
/// </summary>
/// <param name="Group">Which group.</param>
/// <param name="Customers">N: members (for Acquire, prospects in the pool).</param>
/// <param name="MeanClv">Mean predicted CLV of a member (for Acquire, of a recent new buyer).</param>
/// <param name="ValueAtStake">V: the value the response fraction applies to (currency).</param>
/// <param name="Response">How a member responds to spend per head.</param>
public sealed record GroupResponse(CustomerGroup Group, int Customers, double MeanClv, double ValueAtStake, GroupResponseAssumption Response)
{
    /// <summary>True when spending on the group can return nothing (no members or no value at stake).</summary>
    public bool IsEmpty => Customers <= 0 || !(ValueAtStake > 0) || Response.MaxResponse <= 0;

    /// <summary>The response curve in the group's total budget; a zero-effect curve for an empty group.</summary>
    public ResponseCurve Curve => IsEmpty
        ? new ResponseCurve(0, 1, 1)
        : new ResponseCurve(ValueAtStake * Response.MaxResponse, Customers * Response.HalfSaturationPerHead, Response.Shape);

    /// <summary>Expected incremental return (currency) of a budget (currency) spread evenly over the members.</summary>
    public double ExpectedReturn(double budget) => Curve.Response(budget);

    /// <summary>d return / d budget at a budget: the marginal ROI (return per extra currency unit).</summary>
    public double MarginalReturn(double budget) => Curve.Marginal(budget);
}

/// <summary>One group's share of a budget.</summary>
/// <param name="Budget">Currency given to the group.</param>
/// <param name="ExpectedReturn">Expected incremental value (currency).</param>
/// <param name="Roi">ExpectedReturn / Budget (null when the budget is 0).</param>
/// <param name="MarginalRoi">The return of one more currency unit given to the group.</param>
public sealed record GroupOutcome(GroupResponse Group, double Budget, double ExpectedReturn, double? Roi, double MarginalRoi);

/// <summary>A split of a budget across the groups.</summary>
public sealed record GroupSplit(IReadOnlyList<GroupOutcome> Groups, double Total, double ExpectedReturn)
{
    /// <summary>ExpectedReturn / Total (null for a zero budget).</summary>
    public double? Roi => Total > 0 ? ExpectedReturn / Total : null;
}

/// <summary>
/// Turns the lifetime models' per-group sums into response curves and splits a budget across the groups.
/// </summary>
/// <remarks>
/// Value at stake per group (currency), each an assumption stated on the page:
/// <list type="bullet">
/// <item>Retain and Win back: the value expected to be lost to dropout, Σ CLV·(1 − P)/P = Σ value-if-alive − Σ CLV. A
/// reactivated (or kept) customer is worth the value of an alive customer with the same history; one who is kept alive
/// anyway adds nothing. The response fraction is the probability of keeping or reactivating a member who would be lost.</item>
/// <item>Develop: the headroom to the peers' top quartile, Σ max(0, Q − CLV) (the VAP potential); the response is the share of
/// it realised by cross- and up-selling.</item>
/// <item>Acquire: pool size × the expected value of a new customer (mean CLV of recent first-time buyers); the response is the
/// conversion rate of a prospect.</item>
/// </list>
/// </remarks>
public static class CustomerGroupSplit
{
    /// <summary>The smallest P(alive) used in value-if-alive (CLV / P): below it the ratio is noise.</summary>
    public const double AliveFloor = 0.05;

    /// <summary>Retain or Win back: value at stake = Σ CLV·(1 − P)/P (dropout averted or undone).</summary>
    public static GroupResponse AtRisk(CustomerGroup group, GroupMembers members, GroupResponseAssumption response)
    {
        ArgumentNullException.ThrowIfNull(members);
        return new GroupResponse(group, members.Customers, members.MeanClv, Math.Max(0, members.SumClvIfAlive - members.SumClv), response);
    }

    /// <summary>Develop: value at stake = the members' headroom to their peers' top quartile.</summary>
    public static GroupResponse Develop(GroupMembers members, GroupResponseAssumption response)
    {
        ArgumentNullException.ThrowIfNull(members);
        return new GroupResponse(CustomerGroup.Develop, members.Customers, members.MeanClv, Math.Max(0, members.SumHeadroom), response);
    }

    /// <summary>Acquire: value at stake = pool × expected value of a new customer; the response is the conversion rate.</summary>
    public static GroupResponse Acquire(int poolSize, double newCustomerValue, GroupResponseAssumption response)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(poolSize);
        var value = double.IsFinite(newCustomerValue) ? Math.Max(0, newCustomerValue) : 0;
        return new GroupResponse(CustomerGroup.Acquire, poolSize, value, poolSize * value, response);
    }

    /// <summary>Evaluates a given split (budgets in group order).</summary>
    public static GroupSplit Evaluate(IReadOnlyList<GroupResponse> groups, IReadOnlyList<double> budgets)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(budgets);
        if (budgets.Count != groups.Count)
        {
            throw new ArgumentException($"{budgets.Count} budgets for {groups.Count} groups", nameof(budgets));
        }
        var outcomes = groups.Select((g, i) =>
        {
            var budget = Math.Max(0, budgets[i]);
            var value = g.ExpectedReturn(budget);
            return new GroupOutcome(g, budget, value, budget > 0 ? value / budget : null, g.MarginalReturn(budget));
        }).ToList();
        return new GroupSplit(outcomes, outcomes.Sum(o => o.Budget), outcomes.Sum(o => o.ExpectedReturn));
    }

    /// <summary>
    /// The split of <paramref name="total"/> (currency) with the largest expected return, by <see cref="BudgetOptimizer"/>
    /// (exact for these Hill curves; empty groups are capped at 0). When every group is empty nothing can be spent well and
    /// every group gets 0. Throws <see cref="ArgumentException"/> naming the group for an invalid response assumption.
    /// </summary>
    public static GroupSplit Optimize(IReadOnlyList<GroupResponse> groups, double total)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (!double.IsFinite(total) || total < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(total), total, "The group budget must be a finite amount ≥ 0.");
        }
        var problems = groups.Select(g => g.Response.Validate(g.Group)).OfType<string>().ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(groups));
        }
        if (groups.All(g => g.IsEmpty) || total == 0)
        {
            return Evaluate(groups, groups.Select(_ => 0.0).ToList());
        }
        var channels = groups.Select(g => new BudgetChannel(g.Group.ToString(), g.Curve, 0, g.IsEmpty ? 0 : double.PositiveInfinity)).ToList();
        var plan = BudgetOptimizer.Optimize(channels, total);
        return Evaluate(groups, plan.Channels.Select(c => c.Spend).ToList());
    }

    /// <summary>The naive split: the same spend per head in every non-empty group (the page's default "current" point).</summary>
    public static IReadOnlyList<double> EvenPerHead(IReadOnlyList<GroupResponse> groups, double total)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var heads = groups.Where(g => !g.IsEmpty).Sum(g => (double)g.Customers);
        return groups.Select(g => heads > 0 && !g.IsEmpty ? total * g.Customers / heads : 0).ToList();
    }
}
