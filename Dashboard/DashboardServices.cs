using Dashboard.Data;
using Dashboard.Data.Import;
using Dashboard.Features.Audiences;
using Dashboard.Features.Budget;
using Dashboard.Features.Campaigns;
using Dashboard.Features.Customers;
using Dashboard.Features.Data;
using Dashboard.Features.Lifetime;
using Dashboard.Features.Lookalike;
using Dashboard.Features.Overview;
using Dashboard.Features.Recommendations;
using Dashboard.Features.Segments;

namespace Dashboard;

/// <summary>The store and every feature's services and model jobs: what the web app and a `Dashboard worker` process share.</summary>
public static class DashboardServices
{
    public static IServiceCollection AddDashboardFeatures(this IServiceCollection services, IConfiguration configuration, string contentRoot) =>
        services
            .AddDashboardData(configuration, contentRoot)
            .AddDashboardImport()
            .AddOverviewFeature()
            .AddBudgetFeature()
            .AddCampaignsFeature()
            .AddSegmentsFeature()
            .AddAudiencesFeature()
            .AddLifetimeFeature()
            .AddCustomersFeature()
            .AddLookalikeFeature()
            .AddRecommendationsFeature()
            .AddDataFeature()
            .AddSingleton<Dashboard.Shared.ViewCache>();
}
