using System.Globalization;
using System.Threading.RateLimiting;
using Dashboard.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Dashboard.Security;

public static class SecurityFeature
{
    public const string LoginRateLimit = "login";

    /// <summary>ASP.NET Core Identity on the dashboard's store, cookie sign-in, role policies, login rate limiting.</summary>
    public static IServiceCollection AddDashboardSecurity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        // Behind TLS in production every cookie is Secure; a developer's plain-http loopback run keeps working, and so does
        // a loopback cluster without TLS that says so (Security:SecureCookies=false).
        var secure = environment.IsDevelopment() || !options.SecureCookies ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityStateProvider>();
        services.AddScoped<ActionGuard>();
        services.AddSingleton<FirstRunGate>();
        services.AddSingleton<AccountSeeder>();
        services.AddSingleton<AuditLog>();
        services.AddAuthentication(o =>
        {
            o.DefaultScheme = IdentityConstants.ApplicationScheme;
            o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
        }).AddIdentityCookies();
        services.AddIdentityCore<IdentityUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = options.MaxFailedSignIns;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(options.LockoutMinutes);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<DashboardDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/access-denied";
            o.ExpireTimeSpan = TimeSpan.FromMinutes(options.SessionMinutes);
            o.SlidingExpiration = true;
            o.Cookie.Name = "dashboard.auth";
            o.Cookie.HttpOnly = true;
            // Lax: a link pasted from chat still arrives signed in; cross-site POSTs never carry the cookie.
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = secure;
            o.Events.OnRedirectToLogin = c => RedirectOrStatus(c, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = c => RedirectOrStatus(c, StatusCodes.Status403Forbidden);
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = secure;
        });

        var authorization = services.AddAuthorizationBuilder();
        foreach (var (policy, role) in Policies.MinimumRole)
        {
            authorization.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(Roles.AtLeast(role)));
        }

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Only the form posts count: reading the sign-in page is free.
            o.AddPolicy(LoginRateLimit, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "local",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = options.LoginPostsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("read"));
            o.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(
                    string.Create(CultureInfo.InvariantCulture, $"Too many sign-in attempts from this address. Wait a minute and try again."), ct);
            };
        });
        return services;
    }

    /// <summary>Security headers, the first-run redirect to setup, authentication, authorization, login rate limiting.</summary>
    public static IApplicationBuilder UseDashboardSecurity(this IApplicationBuilder app)
    {
        app.UseSecurityHeaders();
        app.UseAuthentication();
        app.UseMiddleware<FirstRunGate.Middleware>();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    // Browsers navigating get the sign-in or access-denied page; scripts and fetches (no text/html in Accept) get the status code.
    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        var accept = context.Request.Headers.Accept.ToString();
        if (accept.Contains("text/html", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Redirect(context.RedirectUri);
        }
        else
        {
            context.Response.StatusCode = status;
            // A refused API call keeps its status; re-executing it as the not-found page (a POST to a form page) would
            // turn it into an antiforgery 400.
            if (context.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }
        }
        return Task.CompletedTask;
    }
}
