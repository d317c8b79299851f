namespace Dashboard.Features.Data;

public static class DataPageFeature
{
    public static IServiceCollection AddDataFeature(this IServiceCollection services) =>
        services.AddScoped<DataService>();
}
