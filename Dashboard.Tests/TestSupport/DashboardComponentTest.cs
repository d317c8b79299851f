using Bunit;
using Dashboard.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;

namespace Dashboard.Tests.TestSupport;

/// <summary>
/// Base for bUnit tests of MudBlazor components: loose JS interop, Mud services without transitions,
/// English localization from the real resources, the brand's Money formatter, an interactive renderer.
/// xunit v2 disposes synchronously; MudBlazor's services are async-disposable, hence IAsyncLifetime.
/// </summary>
public abstract class DashboardComponentTest : BunitContext, IAsyncLifetime
{
    protected DashboardComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
            o.SnackbarConfiguration.HideTransitionDuration = 0;
            o.PopoverOptions.CheckForPopoverProvider = false;
        });
        Services.AddLocalization();
        Services.AddSingleton(Options.Create(new BrandOptions { Name = "Test brand", Currency = "CNY" }));
        Services.AddSingleton<Money>();
        Services.AddScoped<PlotlyLoader>();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en");
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    protected IRenderedComponent<MudPopoverProvider> RenderPopoverProvider() => Render<MudPopoverProvider>();
}
