using System.ComponentModel.DataAnnotations;
using Dashboard.Jobs;
using Dashboard.Shared;

namespace Dashboard.Features.Budget;

/// <summary>Settings of the Budget section (configuration section "Budget").</summary>
public sealed class BudgetOptions
{
    public const string Section = "Budget";

    /// <summary>Fit the response curves in the background at start-up when the store has spend but no curves yet.</summary>
    public bool FitOnStart { get; set; } = true;

    /// <summary>Bootstrap refits per channel for the uncertainty bands.</summary>
    [Range(0, 2000)]
    public int BootstrapReplicates { get; set; } = 200;

    /// <summary>The current weekly spend of a channel is its average over this many most recent weeks.</summary>
    [Range(1, 104)]
    public int CurrentWeeks { get; set; } = 13;

    /// <summary>How each customer group responds to spend per head (stated assumptions until campaign lift replaces them).</summary>
    public CustomerGroupOptions Groups { get; set; } = new();
}

/// <summary>
/// The customer groups' response assumptions (section "Budget:Groups"). The defaults are product assumptions, not measurements:
/// the share of each group's value at stake that unlimited spend could realise, and the spend per head that buys half of it.
/// Retention offers to valuable at-risk customers reach the most, lapsed customers fewer, prospects fewest and at the
/// highest cost per head (paid media); replace them with the lift measured on the brand's own campaigns.
/// </summary>
public sealed class CustomerGroupOptions
{
    public GroupAssumptionOptions Retain { get; set; } = new() { MaxResponse = 0.30, HalfSaturationPerHead = 20 };

    public GroupAssumptionOptions Develop { get; set; } = new() { MaxResponse = 0.20, HalfSaturationPerHead = 15 };

    public GroupAssumptionOptions WinBack { get; set; } = new() { MaxResponse = 0.10, HalfSaturationPerHead = 10 };

    public GroupAssumptionOptions Acquire { get; set; } = new() { MaxResponse = 0.05, HalfSaturationPerHead = 20 };
}

/// <summary>One group's response to spend per head: r(x) = MaxResponse·x^Shape/(x^Shape + HalfSaturationPerHead^Shape).</summary>
public sealed class GroupAssumptionOptions
{
    [Range(0.0, 1.0)]
    public double MaxResponse { get; set; }

    [Range(0.01, 1e6)]
    public double HalfSaturationPerHead { get; set; }

    [Range(0.1, 10.0)]
    public double Shape { get; set; } = 1;

    public Dashboard.Domain.Allocation.GroupResponseAssumption ToDomain() => new(MaxResponse, HalfSaturationPerHead, Shape);
}

public static class BudgetFeature
{
    public static IServiceCollection AddBudgetFeature(this IServiceCollection services)
    {
        services.AddOptions<BudgetOptions>().BindConfiguration(BudgetOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<BudgetService>();
        services.AddScoped<CustomerGroupsService>();
        services.AddViewWarmup("budget groups", (sp, ct) => sp.GetRequiredService<CustomerGroupsService>().LoadAsync(ct));
        services.AddModelJob<BudgetCurvesJob>();
        services.AddHostedService<BudgetCurvesStarter>();
        return services;
    }
}
