using Dashboard.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Features.Admin;

public sealed record UserRow(string Id, string Email, string Role, DateTimeOffset? LockedOutUntil);

/// <summary>User administration for admins. Each call takes its own scope: a circuit must not hold Identity's DbContext.</summary>
public sealed class UserAdminService(IServiceScopeFactory scopes, AuditLog audit, TimeProvider clock)
{
    public async Task<IReadOnlyList<UserRow>> ListAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var rows = new List<UserRow>();
        foreach (var user in await users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct))
        {
            var role = (await users.GetRolesAsync(user)).OrderByDescending(r => Roles.All.ToList().IndexOf(r)).FirstOrDefault() ?? "—";
            var locked = user.LockoutEnd is { } end && end > clock.GetUtcNow() ? end : (DateTimeOffset?)null;
            rows.Add(new UserRow(user.Id, user.Email ?? user.UserName ?? user.Id, role, locked));
        }
        return rows;
    }

    /// <summary>Creates a user in a role with a generated password, returned once (for the admin to hand over).</summary>
    public async Task<(string? Password, string? Problem)> CreateAsync(string admin, string email, string role, CancellationToken ct)
    {
        if (!Roles.All.Contains(role))
        {
            return (null, $"Unknown role '{role}'.");
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var password = AccountSeeder.GeneratePassword();
        try
        {
            await AccountSeeder.CreateAsync(users, email.Trim(), password, role);
        }
        catch (InvalidOperationException ex)
        {
            return (null, ex.Message);
        }
        await audit.WriteAsync(admin, AuditActions.UserCreate, email.Trim(), after: new { role }, ct: ct);
        return (password, null);
    }

    /// <summary>Moves a user to another role; their open sessions end at the next revalidation (security stamp changes).</summary>
    public async Task<string?> SetRoleAsync(string admin, string userId, string role, CancellationToken ct)
    {
        if (!Roles.All.Contains(role))
        {
            return $"Unknown role '{role}'.";
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return "No such user.";
        }
        var before = await users.GetRolesAsync(user);
        await users.RemoveFromRolesAsync(user, before);
        await users.AddToRoleAsync(user, role);
        await users.UpdateSecurityStampAsync(user);
        await audit.WriteAsync(admin, AuditActions.UserRole, user.Email ?? userId, before: new { roles = before }, after: new { roles = new[] { role } }, ct: ct);
        return null;
    }
}
