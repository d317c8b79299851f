using System.Globalization;
using System.Text;
using Dashboard.Data;
using Dashboard.Features.Audiences;
using Dashboard.Jobs;
using Dashboard.Security;
using Dashboard.Shared;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Features.Recommendations;

public static partial class RecommendationsFeature
{
    public static IServiceCollection AddRecommendationsFeature(this IServiceCollection services)
    {
        services.AddScoped<RecommendationsService>();
        services.AddViewWarmup("products", (sp, ct) => sp.GetRequiredService<RecommendationsService>().ProductsAsync(ct));
        services.AddModelJob<RecommendationsJob>();
        return services;
    }

    /// <summary>GET /audiences/{id}/recommendations.csv[?snapshot=ID]: each member's next best products (customer_id, rank, sku), streamed.</summary>
    public static IEndpointRouteBuilder MapRecommendationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/audiences/{id:long}/recommendations.csv", ExportAsync).RequireAuthorization(Policies.CustomerData);
        return endpoints;
    }

    private static async Task ExportAsync(long id, long? snapshot, HttpContext http, IDbContextFactory<DashboardDbContext> dbFactory, ILoggerFactory loggers,
        AuditLog audit)
    {
        var ct = http.RequestAborted;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await RecommendationsService.LatestRunAsync(db, ct) is not { } run)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            await http.Response.WriteAsync("No recommendations run yet: run the recommendations model first (Products page).", ct);
            return;
        }
        if (await AudiencesService.MembersAsync(db, id, snapshot, ct) is not { } members)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            await http.Response.WriteAsync("No such audience or snapshot, or no segment snapshot to evaluate the audience on yet.", ct);
            return;
        }
        var name = string.Create(CultureInfo.InvariantCulture, $"audience-{id}{(snapshot is { } s ? $"-snapshot-{s}" : "")}-recommendations-run-{run.Id}.csv");
        await audit.WriteAsync(http.User.Identity?.Name ?? "unknown", AuditActions.ExportRecommendations,
            string.Create(CultureInfo.InvariantCulture, $"audience {id}{(snapshot is { } sn ? $" snapshot {sn}" : "")} (run {run.Id})"), ct: ct);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false), bufferSize: 1 << 16);
        await writer.WriteLineAsync("customer_id,rank,sku");
        var rows = db.CustomerRecommendations.AsNoTracking()
            .Where(r => r.ModelRunId == run.Id && members.Contains(r.CustomerId))
            .OrderBy(r => r.CustomerId).ThenBy(r => r.Rank)
            .Join(db.Products, r => r.ProductId, p => p.Id, (r, p) => new { r.CustomerId, r.Rank, p.Sku })
            .AsAsyncEnumerable();
        var count = 0;
        await foreach (var r in rows.WithCancellation(ct))
        {
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{r.CustomerId},{r.Rank},{Csv(r.Sku)}"));
            count++;
        }
        LogExported(loggers.CreateLogger(typeof(RecommendationsFeature)), id, count, run.Id);
    }

    private static string Csv(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    [LoggerMessage(LogLevel.Information, "Exported next best products of audience #{AudienceId}: {Rows} rows from run {RunId}")]
    private static partial void LogExported(ILogger logger, long audienceId, int rows, long runId);
}
