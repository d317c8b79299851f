using Dashboard.Features.Segments;
using Dashboard.Jobs;
using Dashboard.Shared;

namespace Dashboard.Features.Lifetime;

public static class LifetimeFeature
{
    /// <summary>The Lifetime value page, its service, the "lifetime" model run and its first run at start-up.</summary>
    public static IServiceCollection AddLifetimeFeature(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddScoped<LifetimeService>();
        services.AddViewWarmup("lifetime", (sp, ct) => sp.GetRequiredService<LifetimeService>().LoadAsync(new LifetimeQuery(), ct));
        services.AddModelJob<LifetimeJob>();
        services.AddHostedService<LifetimeStartupRun>();
        // Segments read lifetime estimates through this seam (VAP, predicted-value tiers); last registration wins.
        services.AddSingleton<ILifetimeSnapshotSource, LifetimeSnapshotSource>();
        services.AddHostedService<SegmentsAfterLifetime>();
        return services;
    }
}
