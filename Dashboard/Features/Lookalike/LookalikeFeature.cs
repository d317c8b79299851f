using Dashboard.Jobs;

namespace Dashboard.Features.Lookalike;

public static class LookalikeFeature
{
    public static IServiceCollection AddLookalikeFeature(this IServiceCollection services)
    {
        services.AddScoped<LookalikeService>();
        services.AddModelJob<LookalikeJob>();
        return services;
    }
}
