using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Security.Claims;
using Dashboard.Security;
using Dashboard.Tests.TestSupport;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Integration;

/// <summary>
/// Each role against each page, each HTTP action and each circuit action: allowed ones succeed, the rest are refused by the
/// server. The expected lowest role per page is written out here, independently of the attributes in the app.
/// </summary>
public sealed class AuthorizationMatrixTests(EmptyDashboardAppFactory factory) : IClassFixture<EmptyDashboardAppFactory>
{
    private static readonly (string Path, string LowestRole)[] Pages =
    [
        ("/", Roles.Viewer), ("/customers", Roles.Viewer), ("/segments", Roles.Viewer), ("/lifetime", Roles.Viewer),
        ("/budget", Roles.Viewer), ("/campaigns", Roles.Viewer), ("/campaigns/1", Roles.Viewer), ("/products", Roles.Viewer),
        ("/products/SR-101", Roles.Viewer), ("/views", Roles.Viewer),
        ("/customers/1", Roles.BrandManager), ("/audiences", Roles.BrandManager), ("/audiences/1", Roles.BrandManager),
        ("/audiences/lookalike", Roles.BrandManager), ("/campaigns/analyze", Roles.BrandManager),
        ("/data", Roles.Admin), ("/admin/users", Roles.Admin), ("/admin/audit", Roles.Admin),
    ];

    public static TheoryData<string, string, bool> PageCases()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var (path, lowest) in Pages)
        {
            foreach (var role in Roles.All)
            {
                data.Add(path, role, Rank(role) >= Rank(lowest));
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(PageCases))]
    public async Task Get_PageAsRole_AnswersOnlyWhenTheRoleAllows(string path, string role, bool allowed)
    {
        using var client = await factory.SignedInClientAsync(role, followRedirects: false);

        using var response = await client.SendAsync(BrowserGet(path));

        if (allowed)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery);
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/customers/1")]
    [InlineData("/admin/audit")]
    public async Task Get_PageSignedOut_RedirectsToSignIn(string path)
    {
        await TestUsers.EnsureAsync(factory.Services);
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.SendAsync(BrowserGet(path));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
    }

    public static TheoryData<string, string, string, bool> HttpActionCases()
    {
        var actions = new (string Method, string Path, string Lowest)[]
        {
            ("POST", "/api/import/customers", Roles.Admin),
            ("GET", "/audiences/4242/export?preset=google", Roles.BrandManager),
            ("GET", "/audiences/4242/recommendations.csv", Roles.BrandManager),
        };
        var data = new TheoryData<string, string, string, bool>();
        foreach (var (method, path, lowest) in actions)
        {
            foreach (var role in Roles.All)
            {
                data.Add(method, path, role, Rank(role) >= Rank(lowest));
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(HttpActionCases))]
    public async Task Call_HttpActionAsRole_IsRefusedUnlessTheRoleAllows(string method, string path, string role, bool allowed)
    {
        using var client = await factory.SignedInClientAsync(role, followRedirects: false);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            // No file: an allowed caller gets past authorization to the endpoint's own 400.
            request.Content = new MultipartFormDataContent { { new StringContent("x"), "other" } };
        }

        using var response = await client.SendAsync(request);

        if (allowed)
        {
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.OK,
                $"{method} {path} as {role}: {(int)response.StatusCode}");
            Assert.NotEqual("", await response.Content.ReadAsStringAsync());
        }
        else
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    [Theory]
    [InlineData("POST", "/api/import/customers")]
    [InlineData("GET", "/audiences/1/export?preset=google")]
    [InlineData("GET", "/audiences/1/recommendations.csv")]
    public async Task Call_HttpActionSignedOut_Answers401(string method, string path)
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>The circuit actions (buttons handled on the server) and the policy each handler demands through ActionGuard.</summary>
    private static readonly (string Action, string Policy, string Lowest)[] CircuitActions =
    [
        ("save a saved view", Policies.Dashboards, Roles.Viewer),
        ("run a model", Policies.CustomerData, Roles.BrandManager),
        ("show a customer's phones and e-mails", Policies.CustomerData, Roles.BrandManager),
        ("save a budget scenario", Policies.BudgetPlans, Roles.BudgetOwner),
        ("approve a budget scenario", Policies.BudgetPlans, Roles.BudgetOwner),
        ("split a customer's identities", Policies.Administration, Roles.Admin),
        ("add a user or change a role", Policies.Administration, Roles.Admin),
    ];

    public static TheoryData<string, string> CircuitActionCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (action, _, _) in CircuitActions)
        {
            foreach (var role in Roles.All)
            {
                data.Add(action, role);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CircuitActionCases))]
    public async Task Demand_CircuitActionAsRole_ThrowsUnlessTheRoleAllows(string action, string role)
    {
        var (_, policy, lowest) = CircuitActions.Single(a => a.Action == action);
        var guard = await GuardForAsync(role);

        var demand = () => guard.DemandAsync(policy);

        if (Rank(role) >= Rank(lowest))
        {
            Assert.Equal(TestUsers.Email(role), await demand());
        }
        else
        {
            var refused = await Assert.ThrowsAsync<ActionForbiddenException>(demand);
            Assert.Equal(policy, refused.Policy);
        }
    }

    [Fact]
    public void Pages_EveryRoutableComponent_DeclaresWhoMayOpenIt()
    {
        var pages = typeof(Program).Assembly.GetTypes().Where(t => t.GetCustomAttributes<RouteAttribute>().Any()).ToList();

        var undeclared = pages.Where(t => t.GetCustomAttribute<AuthorizeAttribute>() is null && t.GetCustomAttribute<AllowAnonymousAttribute>() is null);
        var anonymous = pages.Where(t => t.GetCustomAttribute<AllowAnonymousAttribute>() is not null)
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => r.Template)).Order();

        Assert.Empty(undeclared.Select(t => t.Name));
        Assert.Equal(["/account/access-denied", "/account/login", "/account/logout", "/account/setup", "/Error", "/not-found"], anonymous);
        Assert.Equal(Pages.Length, pages.Count(t => t.GetCustomAttribute<AuthorizeAttribute>() is not null));
    }

    private async Task<ActionGuard> GuardForAsync(string role)
    {
        await TestUsers.EnsureAsync(factory.Services);
        var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var principals = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<IdentityUser>>();
        var principal = await principals.CreateAsync((await users.FindByEmailAsync(TestUsers.Email(role)))!);
        var authorization = scope.ServiceProvider.GetRequiredService<IAuthorizationService>();
        return new ActionGuard(new FixedState(principal), authorization);
    }

    private static HttpRequestMessage BrowserGet(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        return request;
    }

    private static int Rank(string role) => Roles.All.ToList().IndexOf(role);

    private sealed class FixedState(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }
}
