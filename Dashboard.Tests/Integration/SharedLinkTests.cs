using System.Net;
using Dashboard.Data;
using Dashboard.Features.Sharing;
using Dashboard.Security;
using Dashboard.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Integration;

/// <summary>Saved views' short links: who they open for, and what expired, revoked and tampered links answer.</summary>
public sealed class SharedLinkTests(EmptyDashboardAppFactory factory) : IClassFixture<EmptyDashboardAppFactory>
{
    private SavedViewService Views => factory.Services.GetRequiredService<SavedViewService>();

    [Fact]
    public async Task Open_ValidLinkAsViewer_RedirectsToTheSavedPageAndQuery()
    {
        var token = await SaveAsync("/customers?source=tmall&city=2");
        using var client = await factory.SignedInClientAsync(Roles.Viewer, followRedirects: false);

        using var response = await client.GetAsync(DashboardUrlsSavedView(token));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/customers?source=tmall&city=2", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Open_LinkToAPageTheRoleLacks_EndsAtAccessDenied()
    {
        var token = await SaveAsync("/audiences?segment=Champions");
        using var client = await factory.SignedInClientAsync(Roles.Viewer);

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, DashboardUrlsSavedView(token))
        {
            Headers = { { "Accept", "text/html" } },
        });

        Assert.Equal("/account/access-denied", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Access denied", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Open_LinkToABudgetScenario_OpensForAViewer()
    {
        var token = await SaveAsync("/budget?cmp=3");
        using var client = await factory.SignedInClientAsync(Roles.Viewer);

        using var response = await client.GetAsync(DashboardUrlsSavedView(token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/budget", response.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task Open_SignedOut_RedirectsToSignIn()
    {
        var token = await SaveAsync("/segments");
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, DashboardUrlsSavedView(token))
        {
            Headers = { { "Accept", "text/html" } },
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Open_ExpiredLink_Answers410()
    {
        var token = await SaveAsync("/segments");
        await using (var db = await DbAsync())
        {
            await db.SavedViews.Where(v => v.Token == token).ExecuteUpdateAsync(s => s.SetProperty(v => v.ExpiresUtc, DateTime.UtcNow.AddMinutes(-1)));
        }
        using var client = await factory.SignedInClientAsync(Roles.Admin, followRedirects: false);

        using var response = await client.GetAsync(DashboardUrlsSavedView(token));

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("expired", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain(await Views.ListAsync(default), v => v.Token == token);
    }

    [Fact]
    public async Task Open_RevokedLink_Answers410AndTheRevocationIsAudited()
    {
        var token = await SaveAsync("/segments");
        var id = (await Views.ListAsync(default)).Single(v => v.Token == token).Id;
        Assert.False(await Views.RevokeAsync(id, "someone-else@test.local", isAdmin: false, default));
        Assert.True(await Views.RevokeAsync(id, TestUsers.Email(Roles.BrandManager), isAdmin: false, default));
        using var client = await factory.SignedInClientAsync(Roles.Admin, followRedirects: false);

        using var response = await client.GetAsync(DashboardUrlsSavedView(token));

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("revoked", await response.Content.ReadAsStringAsync());
        var audit = await factory.Services.GetRequiredService<AuditLog>().RecentAsync(AuditActions.ViewRevoke, 50, default);
        Assert.Contains(audit, a => a.Target.StartsWith($"view {id} ", StringComparison.Ordinal) && a.User == TestUsers.Email(Roles.BrandManager));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(21)]
    public async Task Open_TamperedToken_Answers404(int position)
    {
        var token = await SaveAsync("/segments");
        var tampered = token[..position] + (token[position] == 'A' ? 'B' : 'A') + token[(position + 1)..];
        using var client = await factory.SignedInClientAsync(Roles.Admin, followRedirects: false);

        using var changed = await client.GetAsync(DashboardUrlsSavedView(tampered));
        using var shortened = await client.GetAsync(DashboardUrlsSavedView(token[..^1]));

        Assert.Equal(HttpStatusCode.NotFound, changed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, shortened.StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/account/logout")]
    [InlineData("/v/abc")]
    public async Task Save_UrlOutsideTheDashboardsPages_IsRefused(string url)
    {
        var (token, problem) = await Views.CreateAsync(TestUsers.Email(Roles.BrandManager), "x", url, null, default);

        Assert.Null(token);
        Assert.NotNull(problem);
    }

    private async Task<string> SaveAsync(string url)
    {
        await TestUsers.EnsureAsync(factory.Services);
        var (token, problem) = await Views.CreateAsync(TestUsers.Email(Roles.BrandManager), "Shared " + url, url, null, default);
        Assert.Null(problem);
        return token!;
    }

    private async Task<DashboardDbContext> DbAsync() =>
        await factory.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();

    private static string DashboardUrlsSavedView(string token) => Dashboard.Navigation.DashboardUrls.SavedView(token);
}
