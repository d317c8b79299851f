using System.Globalization;
using System.Text;
using Dashboard.Data;
using Dashboard.Domain.Audiences;
using Dashboard.Security;
using Dashboard.Shared;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Features.Audiences;

public static partial class AudiencesFeature
{
    public const string MembersHeader = "X-Crowd-Members";
    public const string WithoutConsentHeader = "X-Crowd-Excluded-No-Consent";

    public static IServiceCollection AddAudiencesFeature(this IServiceCollection services) =>
        services.AddScoped<AudiencesService>()
            .AddViewWarmup("audience preview", (sp, ct) => sp.GetRequiredService<AudiencesService>().PreviewAsync(new Segments.CustomerSegmentFilter(), ct));

    /// <summary>
    /// GET /audiences/{id}/export?preset=google|meta|china-md5[&amp;snapshot=ID]: the crowd package as CSV, streamed.
    /// The headers say how many members there are and how many were left out for lack of ad consent.
    /// </summary>
    public static IEndpointRouteBuilder MapAudienceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/audiences/{id:long}/export", ExportAsync).RequireAuthorization(Policies.CustomerData);
        return endpoints;
    }

    private static async Task ExportAsync(long id, string? preset, long? snapshot, HttpContext http,
        IDbContextFactory<DashboardDbContext> dbFactory, ILoggerFactory loggers, TimeProvider clock, AuditLog audit)
    {
        var ct = http.RequestAborted;
        if (CrowdPackage.Find(preset) is not { } format)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.Response.WriteAsync($"Unknown preset '{preset}'. Use one of: {string.Join(", ", CrowdPackage.Presets.Select(p => p.Key))}.", ct);
            return;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await AudiencesService.MembersAsync(db, id, snapshot, ct) is not { } members)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            await http.Response.WriteAsync("No such audience or snapshot, or no segment snapshot to evaluate the audience on yet.", ct);
            return;
        }
        var (total, withoutConsent) = await CrowdPackageExporter.CountAsync(db, members, ct);
        await audit.WriteAsync(http.User.Identity?.Name ?? "unknown", AuditActions.ExportCrowdPackage,
            string.Create(CultureInfo.InvariantCulture, $"audience {id}{(snapshot is { } sn ? $" snapshot {sn}" : "")} ({format.Key})"),
            after: new { members = total, withoutConsent }, ct: ct);
        var day = clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var name = string.Create(CultureInfo.InvariantCulture, $"audience-{id}{(snapshot is { } s ? $"-snapshot-{s}" : "")}-{format.Key}-{day}.csv");
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        http.Response.Headers[MembersHeader] = total.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers[WithoutConsentHeader] = withoutConsent.ToString(CultureInfo.InvariantCulture);
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false), bufferSize: 1 << 16);
        var counts = await CrowdPackageExporter.WriteAsync(db, members, format, writer, ct, (total, withoutConsent));
        LogExported(loggers.CreateLogger(typeof(AudiencesFeature)), id, format.Key, counts.Exported, counts.Rows, counts.WithoutConsent);
    }

    [LoggerMessage(LogLevel.Information, "Exported audience #{AudienceId} as {Preset}: {Customers} customers in {Rows} rows, {WithoutConsent} left out without ad consent")]
    private static partial void LogExported(ILogger logger, long audienceId, string preset, int customers, int rows, int withoutConsent);
}
