using Dashboard.Domain.Allocation;

namespace Dashboard.Features.Budget;

/// <summary>
/// The customer-group section's numbers for one URL state: the budget to split, the user's split ("current": the URL's
/// per-group budgets, or the same spend per head everywhere) and the optimizer's ("proposed").
/// </summary>
/// <param name="Total">The group budget: the URL's, or the channel split's weekly total.</param>
/// <param name="TotalFromChannels">True when <paramref name="Total"/> is the channel total (no amount in the URL).</param>
/// <param name="CustomSplit">True when the current split comes from the URL rather than the even per-head default.</param>
/// <param name="Problem">Why no split could be computed (an invalid assumption), or null.</param>
public sealed record CustomerGroupsView(
    CustomerGroupsModel Model,
    double Total,
    bool TotalFromChannels,
    bool CustomSplit,
    GroupSplit Current,
    GroupSplit Proposed,
    string? Problem)
{
    /// <summary>Proposed minus current expected return (currency).</summary>
    public double Uplift => Proposed.ExpectedReturn - Current.ExpectedReturn;

    /// <summary>The section's state for a URL: everything in memory from the loaded model (microseconds).</summary>
    public static CustomerGroupsView Build(CustomerGroupsModel model, BudgetQuery query, double channelTotal)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(query);
        var total = query.GroupTotal ?? Math.Max(0, channelTotal);
        var custom = query.GroupBudgets is { Count: > 0 };
        var budgets = custom
            ? model.Groups.Select(g => query.GroupBudgets!.GetValueOrDefault(g.Group)).ToList()
            : CustomerGroupSplit.EvenPerHead(model.Groups, total);
        var current = CustomerGroupSplit.Evaluate(model.Groups, budgets);
        try
        {
            return new CustomerGroupsView(model, total, query.GroupTotal is null, custom, current, CustomerGroupSplit.Optimize(model.Groups, total), null);
        }
        catch (ArgumentException ex)
        {
            return new CustomerGroupsView(model, total, query.GroupTotal is null, custom, current, current, ex.Message);
        }
    }

    /// <summary>The proposed split as URL budgets (whole currency units, the rounding kept on the largest group so the total holds).</summary>
    public IReadOnlyDictionary<CustomerGroup, double> ProposedBudgets()
    {
        var rounded = Proposed.Groups.ToDictionary(g => g.Group.Group, g => Math.Round(g.Budget));
        if (Proposed.Groups.Count > 0)
        {
            var largest = Proposed.Groups.MaxBy(g => g.Budget)!.Group.Group;
            rounded[largest] = Math.Max(0, rounded[largest] + Math.Round(Total) - rounded.Values.Sum());
        }
        return rounded;
    }
}
