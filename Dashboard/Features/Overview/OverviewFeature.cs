namespace Dashboard.Features.Overview;

public static class OverviewFeature
{
    public static IServiceCollection AddOverviewFeature(this IServiceCollection services) =>
        services.AddScoped<OverviewService>();
}
