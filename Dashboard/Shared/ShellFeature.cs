using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;

namespace Dashboard.Shared;

/// <summary>The brand the dashboard belongs to: its name in the app bar and the currency of its money.</summary>
public sealed class BrandOptions
{
    public const string Section = "Brand";

    [Required]
    public string Name { get; set; } = "Demo brand";

    /// <summary>ISO 4217 code, e.g. CNY.</summary>
    [Required, RegularExpression("^[A-Z]{3}$")]
    public string Currency { get; set; } = "CNY";
}

public static class ShellFeature
{
    public static readonly CultureInfo[] SupportedCultures = [new("en"), new("zh-Hans")];

    public static IServiceCollection AddDashboardShell(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddLocalization();
        services.AddOptions<BrandOptions>().BindConfiguration(BrandOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Money>();
        services.AddScoped<DataWindow>();
        services.AddScoped<PlotlyLoader>();
        services.AddHostedService<ViewWarmer>();
        return services;
    }

    /// <summary>The UI culture comes from the language cookie (set by the switcher), else the browser, else English.</summary>
    public static IApplicationBuilder UseDashboardLocalization(this IApplicationBuilder app) =>
        app.UseRequestLocalization(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("en");
            o.SupportedCultures = SupportedCultures;
            o.SupportedUICultures = SupportedCultures;
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });

    public static IEndpointRouteBuilder MapDashboardEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // The language switcher: sets the culture cookie and returns to the page (a full reload starts a new circuit).
        endpoints.MapGet("/culture/set", (string culture, string? redirectUri, HttpContext http) =>
        {
            var supported = SupportedCultures.FirstOrDefault(c => string.Equals(c.Name, culture, StringComparison.OrdinalIgnoreCase));
            if (supported is not null)
            {
                http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(supported)),
                    new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            }
            var target = redirectUri is { Length: > 0 } && redirectUri.StartsWith('/') && !redirectUri.StartsWith("//", StringComparison.Ordinal)
                ? redirectUri
                : "/";
            return Results.LocalRedirect(target);
        });
        return endpoints;
    }
}
