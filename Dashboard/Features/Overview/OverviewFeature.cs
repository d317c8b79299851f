using Dashboard.Shared;

namespace Dashboard.Features.Overview;

public static class OverviewFeature
{
    public static IServiceCollection AddOverviewFeature(this IServiceCollection services) =>
        services.AddScoped<OverviewService>()
            .AddViewWarmup("overview", async (sp, ct) =>
                await sp.GetRequiredService<OverviewService>().LoadAsync(await sp.GetRequiredService<DataWindow>().DefaultRangeAsync(ct), ct));
}
