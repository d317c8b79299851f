using System.Net;
using Dashboard.Security;
using Dashboard.Tests.TestSupport;

namespace Dashboard.Tests.Integration;

/// <summary>The app with few sign-in posts allowed per minute, so rate limiting can be seen.</summary>
public sealed class RateLimitedAppFactory : DashboardAppFactory
{
    protected override int DemoCustomers => 0;

    protected override int LoginPostsPerMinute => 8;
}

/// <summary>An empty store without users: the first start.</summary>
public sealed class FirstStartAppFactory : DashboardAppFactory
{
    protected override int DemoCustomers => 0;
}

public sealed class SignInTests(RateLimitedAppFactory factory) : IClassFixture<RateLimitedAppFactory>
{
    [Fact]
    public async Task SignIn_BruteForce_LocksTheAccountOutThenRateLimits()
    {
        await TestUsers.EnsureAsync(factory.Services);
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var email = TestUsers.Email(Roles.BudgetOwner);

        var wrong = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var attempt = await TestUsers.PostLoginAsync(client, email, "Wrong-Password-" + i);
            wrong.Add(attempt.StatusCode);
        }
        using var right = await TestUsers.PostLoginAsync(client, email, TestUsers.Password);
        var rightHtml = await right.Content.ReadAsStringAsync();
        for (var i = 0; i < 2; i++)
        {
            using var filler = await TestUsers.PostLoginAsync(client, TestUsers.Email(Roles.Viewer), "Wrong-again");
        }
        using var overLimit = await TestUsers.PostLoginAsync(client, TestUsers.Email(Roles.Viewer), TestUsers.Password);

        Assert.All(wrong, s => Assert.Equal(HttpStatusCode.OK, s));
        // The right password after five wrong ones: still refused, the account is locked.
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("locked", rightHtml);
        Assert.DoesNotContain(right.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("dashboard.auth=", StringComparison.Ordinal));
        // Eight posts a minute per address: the ninth is refused before the password is checked.
        Assert.Equal(HttpStatusCode.TooManyRequests, overLimit.StatusCode);
    }

}

public sealed class SignInFormTests(EmptyDashboardAppFactory factory) : IClassFixture<EmptyDashboardAppFactory>
{
    [Fact]
    public async Task SignIn_WrongPassword_SaysSoWithoutTellingWhichPart()
    {
        await TestUsers.EnsureAsync(factory.Services);
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        using var unknown = await TestUsers.PostLoginAsync(client, "nobody@test.local", "Whatever-123456");

        Assert.Contains("Wrong e-mail or password.", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignIn_ReturnUrlToAnotherHost_GoesHomeInstead()
    {
        await TestUsers.EnsureAsync(factory.Services);
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await TestUsers.PostLoginAsync(client, TestUsers.Email(Roles.Admin), TestUsers.Password, returnUrl: "//evil.example/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(new Uri("http://localhost/"), new Uri(new Uri("http://localhost"), response.Headers.Location!));
    }
}

public sealed class FirstStartTests(FirstStartAppFactory factory) : IClassFixture<FirstStartAppFactory>
{
    [Fact]
    public async Task FirstStart_NoUsers_SetupCreatesTheAdminOnceAndSignsIn()
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        using var home = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { { "Accept", "text/html" } } });
        using var created = await PostSetupAsync(client, "first@test.local");
        using var audit = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/admin/audit") { Headers = { { "Accept", "text/html" } } });
        using var other = factory.CreateClient();
        var again = await other.GetStringAsync("/account/setup");

        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/account/setup", home.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        Assert.Contains("already has users", again);
    }

    [Fact]
    public async Task Headers_AnyPage_CarryTheSecurityHeaders()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/account/login");

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    private static async Task<HttpResponseMessage> PostSetupAsync(HttpClient client, string email)
    {
        var token = await TestUsers.AntiforgeryTokenAsync(client, "/account/setup");
        return await client.PostAsync("/account/setup", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "setup",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = TestUsers.Password,
            ["Input.ConfirmPassword"] = TestUsers.Password,
        }));
    }
}
