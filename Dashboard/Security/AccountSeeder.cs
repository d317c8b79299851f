using System.Security.Cryptography;
using Dashboard.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Security;

/// <summary>Creates the four roles at start-up, and on a demo store without users one demo user per role.</summary>
public sealed partial class AccountSeeder(IServiceScopeFactory scopes, IOptions<SecurityOptions> options, ILogger<AccountSeeder> logger)
{
    public static string DemoEmail(string role) => $"{role.Replace(' ', '-').ToLowerInvariant()}@demo.local";

    public async Task PrepareAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            // Several instances may start on one store at once: a role another one just created is fine.
            if (!await roles.RoleExistsAsync(role) && !(await roles.CreateAsync(new IdentityRole(role))).Succeeded && !await roles.RoleExistsAsync(role))
            {
                throw new InvalidOperationException($"Could not create the role {role}.");
            }
        }
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        if (!options.Value.DemoUsers || await users.Users.AnyAsync(ct) || !await db.DemoTruths.AnyAsync(ct))
        {
            return;
        }
        // Printed once, to the console of the first start only: they are not stored anywhere in clear.
        Console.WriteLine("Demo users (passwords are shown only now; sign in at /account/login):");
        try
        {
            foreach (var role in Roles.All)
            {
                var password = GeneratePassword();
                await CreateAsync(users, DemoEmail(role), password, role);
                Console.WriteLine($"  {role,-13} {DemoEmail(role),-28} {password}");
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or DbUpdateException)
        {
            // Another instance on the same store created them first (its console has the passwords).
            LogDemoUsersElsewhere(logger, ex.Message);
            return;
        }
        LogDemoUsers(logger, Roles.All.Count);
    }

    /// <summary>Creates a user in one role; throws with Identity's messages when the e-mail or password is refused.</summary>
    public static async Task<IdentityUser> CreateAsync(UserManager<IdentityUser> users, string email, string password, string role)
    {
        var user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
        Check(await users.CreateAsync(user, password), email);
        Check(await users.AddToRoleAsync(user, role), email);
        return user;
    }

    /// <summary>20 characters from a cryptographic generator, with each character class Identity asks for.</summary>
    public static string GeneratePassword()
    {
        const string letters = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var body = RandomNumberGenerator.GetString(letters, 16);
        return body + "-Aa7";
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    [LoggerMessage(LogLevel.Warning, "Demo users not created here, another instance did: {Reason}")]
    private static partial void LogDemoUsersElsewhere(ILogger logger, string reason);

    [LoggerMessage(LogLevel.Information, "Created {Count} demo users (passwords printed to the console once)")]
    private static partial void LogDemoUsers(ILogger logger, int count);
}
