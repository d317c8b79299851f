using Dashboard.Shared;

namespace Dashboard.Features.Data;

public static class DataPageFeature
{
    public static IServiceCollection AddDataFeature(this IServiceCollection services) =>
        services.AddScoped<DataService>()
            .AddViewWarmup("data", (sp, ct) => sp.GetRequiredService<DataService>().LoadAsync(ct));
}
