using Dashboard.Cli;
using Dashboard.Components;
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
using Dashboard.Jobs;
using Dashboard.Shared;

if (CliApp.IsVerb(args))
{
    return await CliApp.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);

builder.Services
    .AddDashboardShell()
    .AddDashboardData(builder.Configuration, builder.Environment.ContentRootPath)
    .AddModelJobs()
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
    .AddDataFeature();

var app = builder.Build();

await app.Services.GetRequiredService<DatabaseInitializer>().PrepareAsync();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseDashboardLocalization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapDashboardEndpoints();
app.MapImportEndpoints();
app.MapAudienceEndpoints();
app.MapRecommendationEndpoints();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

app.Run();
return 0;
