using System.ComponentModel.DataAnnotations;
using Dashboard.Jobs;

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
}

public static class BudgetFeature
{
    public static IServiceCollection AddBudgetFeature(this IServiceCollection services)
    {
        services.AddOptions<BudgetOptions>().BindConfiguration(BudgetOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<BudgetService>();
        services.AddModelJob<BudgetCurvesJob>();
        services.AddHostedService<BudgetCurvesStarter>();
        return services;
    }
}
