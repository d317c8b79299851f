using Dashboard;
using Dashboard.Cli;
using Dashboard.Components;
using Dashboard.Data;
using Dashboard.Data.Import;
using Dashboard.Features.Audiences;
using Dashboard.Features.Recommendations;
using Dashboard.Jobs;
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
    .AddDashboardFeatures(builder.Configuration, builder.Environment.ContentRootPath);

var app = builder.Build();

await app.Services.GetRequiredService<DatabaseInitializer>().PrepareAsync();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseDashboardInstance();
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
