namespace Dashboard.Features.Campaigns;

public static class CampaignsFeature
{
    public static IServiceCollection AddCampaignsFeature(this IServiceCollection services) =>
        services.AddScoped<CampaignsService>();
}
