using System.ComponentModel.DataAnnotations;

namespace Dashboard.Data.Import;

/// <summary>Settings of the import (section "Import").</summary>
public sealed class ImportOptions
{
    public const string Section = "Import";

    /// <summary>The largest file accepted by the upload endpoint, in bytes (default 512 MiB).</summary>
    [Range(1, long.MaxValue)]
    public long MaxUploadBytes { get; set; } = 512L * 1024 * 1024;
}

public static class ImportFeature
{
    /// <summary>Registers the CSV importer (needs the store from AddDashboardData and a TimeProvider).</summary>
    public static IServiceCollection AddDashboardImport(this IServiceCollection services)
    {
        services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CsvImporter>();
        return services;
    }
}

/// <summary>
/// The report as the CLI (--json) and the HTTP endpoint print it. Field names are a contract:
/// kind, file, succeeded, rowsRead, rowsInserted, rowsUnchanged, problems[{line, column, problem}], seconds.
/// </summary>
public sealed record ImportReportJson(
    string Kind,
    string File,
    bool Succeeded,
    long RowsRead,
    long RowsInserted,
    long RowsUnchanged,
    IReadOnlyList<ImportProblemJson> Problems,
    double Seconds,
    long? ImportRunId)
{
    public static ImportReportJson From(ImportReport report) => new(
        report.Kind.Code(), report.FileName, report.Succeeded, report.RowsRead, report.RowsInserted, report.RowsUnchanged,
        report.Problems.Select(p => new ImportProblemJson(p.Line, p.Column, p.Problem)).ToList(),
        Math.Round(report.Elapsed.TotalSeconds, 3), report.ImportRunId);
}

public sealed record ImportProblemJson(long Line, string? Column, string Problem);
