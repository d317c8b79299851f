using Dashboard.Security;

namespace Dashboard.Features.Sharing;

public static class SharingFeature
{
    public static IServiceCollection AddSharingFeature(this IServiceCollection services) =>
        services.AddSingleton<SavedViewService>();

    /// <summary>
    /// GET /v/{token}: a saved view's short link. Signed-in users are sent to the view's page (which checks their role);
    /// 404 for an unknown or malformed token, 410 for an expired or revoked one.
    /// </summary>
    public static IEndpointRouteBuilder MapSharingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v/{token}", async (string token, SavedViewService views, CancellationToken ct) =>
            await views.ResolveAsync(token, ct) switch
            {
                { Status: SavedViewStatus.Found, Url: { } url } => Results.LocalRedirect(url),
                { Status: SavedViewStatus.Expired } => Results.Text("This shared link has expired. Ask for a new one.", statusCode: StatusCodes.Status410Gone),
                { Status: SavedViewStatus.Revoked } => Results.Text("This shared link was revoked.", statusCode: StatusCodes.Status410Gone),
                _ => Results.Text("No such shared link.", statusCode: StatusCodes.Status404NotFound),
            }).RequireAuthorization(Policies.Dashboards);
        return endpoints;
    }
}
