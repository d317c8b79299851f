using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace Dashboard.Security;

/// <summary>Thrown when a circuit action is attempted by a user whose role lacks the right.</summary>
public sealed class ActionForbiddenException(string policy)
    : InvalidOperationException($"Your role does not allow this action (needs {policy}).")
{
    public string Policy { get; } = policy;
}

/// <summary>
/// Server-side check for actions taken over the Blazor circuit (buttons call handlers on the server, not HTTP endpoints,
/// so the endpoint's [Authorize] does not cover them). Handlers call <see cref="DemandAsync"/> before they write;
/// hiding a button is only a convenience on top.
/// </summary>
public sealed class ActionGuard(AuthenticationStateProvider authentication, IAuthorizationService authorization)
{
    public async Task<ClaimsPrincipal> UserAsync() => (await authentication.GetAuthenticationStateAsync()).User;

    public async Task<string> UserNameAsync() => (await UserAsync()).Identity?.Name ?? "unknown";

    public async Task<bool> AllowsAsync(string policy) => (await authorization.AuthorizeAsync(await UserAsync(), policy)).Succeeded;

    /// <summary>Returns the user's name when the policy allows; throws <see cref="ActionForbiddenException"/> otherwise.</summary>
    public async Task<string> DemandAsync(string policy)
    {
        var user = await UserAsync();
        if (!(await authorization.AuthorizeAsync(user, policy)).Succeeded)
        {
            throw new ActionForbiddenException(policy);
        }
        return user.Identity?.Name ?? "unknown";
    }
}
