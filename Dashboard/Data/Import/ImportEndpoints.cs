using Microsoft.AspNetCore.Http.Features;
using Dashboard.Security;
using Microsoft.Extensions.Options;

namespace Dashboard.Data.Import;

public static class ImportEndpoints
{
    /// <summary>
    /// POST /api/import/{kind} with a multipart form field "file": 200 with the report when applied, 400 with the
    /// report when rejected, 400 for an unknown kind or a missing file, 413 past Import:MaxUploadBytes.
    /// </summary>
    public static IEndpointRouteBuilder MapImportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/import/{kind}", ImportAsync)
            // For scripts (curl with the sign-in cookie), so no antiforgery token: the cookie is SameSite=Lax, which a
            // cross-site POST never carries, and the caller must be an Admin.
            .DisableAntiforgery()
            .RequireAuthorization(Policies.Administration)
            .WithName("ImportCsv");
        return endpoints;
    }

    private static async Task<IResult> ImportAsync(string kind, HttpRequest request, CsvImporter importer, IOptions<ImportOptions> options,
        AuditLog audit, CancellationToken ct)
    {
        if (!CsvLayouts.TryParseKind(kind, out var importKind))
        {
            return Results.BadRequest(new { error = $"unknown kind '{kind}': use {CsvLayouts.KindList}" });
        }
        if (!request.HasFormContentType)
        {
            return Results.BadRequest(new { error = "send the file as multipart/form-data in a field named 'file'" });
        }
        var limit = options.Value.MaxUploadBytes;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limit;
        }
        if (request.ContentLength > limit)
        {
            return TooLarge(limit);
        }
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit }, ct);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            return ex is BadHttpRequestException || ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase)
                ? TooLarge(limit)
                : Results.BadRequest(new { error = $"the upload is not a valid multipart form: {ex.Message}" });
        }
        if (form.Files.GetFile("file") is not { } file)
        {
            return Results.BadRequest(new { error = "no file: send it in a multipart form field named 'file'" });
        }
        await using var content = file.OpenReadStream();
        var report = await importer.ImportAsync(importKind, content, file.FileName, progress: null, ct);
        var json = ImportReportJson.From(report);
        await audit.WriteAsync(request.HttpContext.User.Identity?.Name ?? "unknown", AuditActions.Import, $"{kind} {file.FileName}",
            after: new { report.Succeeded, file.Length }, ct: ct);
        return report.Succeeded ? Results.Ok(json) : Results.BadRequest(json);
    }

    private static IResult TooLarge(long limit) => Results.Json(
        new { error = $"the file is larger than the upload limit of {limit} bytes (Import:MaxUploadBytes)" },
        statusCode: StatusCodes.Status413PayloadTooLarge);
}
