using System.Net;
using Dashboard.Data;
using Dashboard.Security;
using Dashboard.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Integration;

public class AppStartupTests(EmptyDashboardAppFactory factory) : IClassFixture<EmptyDashboardAppFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/data")]
    [InlineData("/budget")]
    [InlineData("/budget?outcome=conversions&lock=0&s.search=abc&lo.sms=-1&hi.sms=50pct&cmp=x")]
    [InlineData("/campaigns")]
    [InlineData("/campaigns?attr=30&from=2026-01-01&to=2026-06-30")]
    [InlineData("/campaigns/1")]
    [InlineData("/campaigns/1?attr=bad&metric=revenue&match=propensity")]
    [InlineData("/campaigns/analyze")]
    [InlineData("/lifetime")]
    [InlineData("/lifetime?horizon=24&discount=8&margin=40")]
    [InlineData("/lifetime?horizon=garbage&discount=-5")]
    [InlineData("/customers")]
    [InlineData("/customers?q=13800138000&source=tmall&city=2&seenFrom=2025-01-01&sort=revenue&desc=1&page=3")]
    [InlineData("/customers?city=9&sort=bogus&page=-1")]
    [InlineData("/customers/1")]
    [InlineData("/customers/1?channel=tmall&type=order&page=2")]
    [InlineData("/?from=2025-01-01&to=2025-06-30")]
    [InlineData("/?from=garbage&to=2025-06-30")]
    [InlineData("/segments")]
    [InlineData("/segments?period=garbage&from-period=2025-02-30&flow=x&tiers=1,2")]
    [InlineData("/audiences")]
    [InlineData("/audiences?segment=Champions&tier=0-1&vap=HLM")]
    [InlineData("/audiences/42")]
    [InlineData("/audiences/lookalike")]
    [InlineData("/audiences/lookalike?segment=Champions&size=12&purchases=off")]
    [InlineData("/audiences/lookalike?run=bad&size=99&audience=-1")]
    [InlineData("/products")]
    [InlineData("/products/SR-101")]
    [InlineData("/products/NO-SUCH")]
    public async Task Get_Page_AnswersOkWithTheAppShell(string path)
    {
        using var client = await factory.SignedInClientAsync(Roles.Admin);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("_framework/blazor.web.js", html);
        Assert.Contains("_content/MudBlazor/MudBlazor.min.", html);
    }

    [Theory]
    [InlineData("/_content/MudBlazor/MudBlazor.min.css")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.js")]
    [InlineData("/_content/Plotly.Blazor/plotly-3.7.0.min.js")]
    [InlineData("/_framework/blazor.web.js")]
    [InlineData("/app.css")]
    [InlineData("/lib/roboto/roboto.css")]
    [InlineData("/lib/roboto/roboto-latin-400-normal.woff2")]
    [InlineData("/logo.svg")]
    public async Task Get_StaticAsset_IsServedLocally(string path)
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Start_EmptyStore_AppliesEveryMigration()
    {
        using var client = factory.CreateClient();
        await using var scope = factory.Services.CreateAsyncScope();
        var dbFactory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync();

        var pending = await db.Database.GetPendingMigrationsAsync();

        Assert.Empty(pending);
        Assert.Equal(8, await db.DataSources.CountAsync());
    }

    [Fact]
    public async Task Export_UnknownAudience_AnswersNotFoundWithAMessage()
    {
        using var client = await factory.SignedInClientAsync(Roles.Admin);

        using var response = await client.GetAsync("/audiences/4242/export?preset=google");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("No such audience", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Export_UnknownPreset_AnswersBadRequestNamingThePresets()
    {
        using var client = await factory.SignedInClientAsync(Roles.Admin);

        using var response = await client.GetAsync("/audiences/1/export?preset=myspace");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("china-md5", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_UnknownPage_AnswersNotFound()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task SetCulture_Chinese_SetsCookieAndRedirectsLocally()
    {
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync("/culture/set?culture=zh-Hans&redirectUri=https://evil.example/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.Contains("zh-Hans", StringComparison.Ordinal));
    }
}
