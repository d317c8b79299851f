namespace Dashboard.Security;

/// <summary>
/// Response headers every page and file gets. The content security policy allows only this origin: Blazor's script and
/// its websocket ('self' covers ws/wss to the same host in CSP 3), Plotly's bundle (loaded from _content by
/// Plotly.Blazor) and fonts. style-src needs 'unsafe-inline' because MudBlazor and Plotly set style attributes and
/// inject style elements at run time; scripts stay without 'unsafe-inline' and 'unsafe-eval'. The one inline script, the
/// import map that maps module names to fingerprinted files, carries a per-response nonce.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "csp-nonce";

    /// <summary>The nonce of this response's content security policy (for the import map).</summary>
    public static string CspNonce(this HttpContext context) => (string)context.Items[NonceKey]!;

    public static string ContentSecurityPolicy(string nonce) =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var nonce = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy(nonce);
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            // Shared-link tokens are in URLs: never send a path to another site.
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        await next(context);
    });
}
