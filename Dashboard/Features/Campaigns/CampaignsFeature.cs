using Dashboard.Shared;

namespace Dashboard.Features.Campaigns;

public static class CampaignsFeature
{
    public static IServiceCollection AddCampaignsFeature(this IServiceCollection services) =>
        services.AddScoped<CampaignsService>()
            .AddViewWarmup("campaigns", async (sp, ct) =>
                await sp.GetRequiredService<CampaignsService>().ListAsync(new CampaignListQuery(), await sp.GetRequiredService<DataWindow>().DefaultRangeAsync(ct), ct));
}
