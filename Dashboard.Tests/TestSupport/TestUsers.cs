using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.TestSupport;

/// <summary>One test user per role with a known password, and sign-in through the real form (antiforgery token included).</summary>
public static partial class TestUsers
{
    public const string Password = "Test-Password-2026";

    public static string Email(string role) => $"{role.Replace(' ', '-').ToLowerInvariant()}@test.local";

    /// <summary>Creates the four users when they are missing (roles are created by the app at start).</summary>
    public static async Task EnsureAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        foreach (var role in Roles.All)
        {
            if (await users.FindByEmailAsync(Email(role)) is null)
            {
                await AccountSeeder.CreateAsync(users, Email(role), Password, role);
            }
        }
    }

    /// <summary>A client signed in as the test user of the role, through the real sign-in form (its cookie container keeps the cookie).</summary>
    public static async Task<HttpClient> SignedInClientAsync(WebApplicationFactory<Program> factory, string role, bool followRedirects = true)
    {
        await EnsureAsync(factory.Services);
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = followRedirects });
        using var response = await PostLoginAsync(client, Email(role), Password);
        var signedIn = followRedirects
            ? response.RequestMessage?.RequestUri?.AbsolutePath != "/account/login"
            : response.StatusCode == HttpStatusCode.Redirect;
        if (!signedIn)
        {
            client.Dispose();
            throw new InvalidOperationException($"Sign-in as {role} failed ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync()}");
        }
        return client;
    }

    /// <summary>Posts the sign-in form as a browser does; returns the response to the post (302 on success).</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password, string? returnUrl = null)
    {
        var token = await AntiforgeryTokenAsync(client, "/account/login");
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        var url = returnUrl is null ? "/account/login" : "/account/login?ReturnUrl=" + Uri.EscapeDataString(returnUrl);
        return await client.PostAsync(url, form);
    }

    /// <summary>Reads the antiforgery token a static form page renders (the matching cookie stays in the client).</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        var match = TokenPattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"No antiforgery token on {path}");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
