using Dashboard;
using Dashboard.Cli;
using Dashboard.Components;
using Dashboard.Data;
using Dashboard.Data.Import;
using Dashboard.Features.Admin;
using Dashboard.Features.Audiences;
using Dashboard.Features.Recommendations;
using Dashboard.Features.Sharing;
using Dashboard.Jobs;
using Dashboard.Security;
using Dashboard.Shared;

if (CliApp.IsVerb(args))
{
    return await CliApp.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);

builder.Services
    .AddDashboardShell()
    .AddModelJobs(builder.Configuration)
    .AddDashboardScaleOut(builder.Configuration)
    .AddDashboardFeatures(builder.Configuration, builder.Environment.ContentRootPath)
    .AddDashboardSecurity(builder.Configuration, builder.Environment)
    .AddSharingFeature()
    .AddAdminFeature();

var app = builder.Build();

await app.Services.GetRequiredService<DatabaseInitializer>().PrepareAsync();
await app.Services.GetRequiredService<AccountSeeder>().PrepareAsync();

// No stack traces to users, in any environment: a friendly page with a correlation id; the details go to the log.
app.UseExceptionHandler("/Error", createScopeForErrors: true);
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseDashboardInstance();
app.UseDashboardLocalization();
app.UseDashboardSecurity();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapDashboardEndpoints();
app.MapImportEndpoints();
app.MapAudienceEndpoints();
app.MapRecommendationEndpoints();
app.MapSharingEndpoints();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

app.Run();
return 0;
