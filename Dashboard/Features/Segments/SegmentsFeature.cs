using Dashboard.Jobs;
using Dashboard.Shared;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Features.Segments;

public static class SegmentsFeature
{
    public static IServiceCollection AddSegmentsFeature(this IServiceCollection services)
    {
        services.AddScoped<SegmentsService>();
        services.AddViewWarmup("segments", (sp, ct) => sp.GetRequiredService<SegmentsService>().LoadAsync(SegmentsQuery.Default, null, ct));
        // The lifetime feature registers its own source (TryAdd keeps the first registration, whichever order).
        services.TryAddSingleton<ILifetimeSnapshotSource, NoLifetimeSnapshots>();
        services.AddModelJob<SegmentsJob>();
        services.AddHostedService<SegmentsStartupRun>();
        return services;
    }
}
