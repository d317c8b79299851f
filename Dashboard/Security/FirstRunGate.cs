using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Security;

/// <summary>
/// A store without users has no way in: every page leads to /account/setup, which creates the first admin (there is no
/// built-in default password). Once a user exists the answer is remembered for the process.
/// </summary>
public sealed class FirstRunGate(IServiceScopeFactory scopes)
{
    public const string SetupPath = "/account/setup";
    private volatile bool _hasUsers;

    public async Task<bool> HasUsersAsync(CancellationToken ct = default)
    {
        if (_hasUsers)
        {
            return true;
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        _hasUsers = await users.Users.AnyAsync(ct);
        return _hasUsers;
    }

    internal sealed class Middleware(RequestDelegate next, FirstRunGate gate)
    {
        public async Task InvokeAsync(HttpContext context)
        {
            // Only requests that need a signed-in user are redirected; the setup, sign-in and error pages and static files
            // answer as usual.
            var metadata = context.GetEndpoint()?.Metadata;
            var needsUser = metadata?.GetMetadata<IAuthorizeData>() is not null && metadata.GetMetadata<IAllowAnonymous>() is null;
            if (needsUser && HttpMethods.IsGet(context.Request.Method) && !await gate.HasUsersAsync(context.RequestAborted))
            {
                context.Response.Redirect(SetupPath);
                return;
            }
            await next(context);
        }
    }
}
