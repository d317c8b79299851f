using Dashboard.Data;
using Dashboard.Data.Import;

namespace Dashboard.Cli;

/// <summary>
/// import --kind K --file F [--json]: imports one CSV file in one transaction and prints the report.
/// Exit 0 when applied, 1 when rejected (problems on stderr, or in the JSON), 2 for bad arguments.
/// </summary>
public sealed class ImportVerb : ICliVerb
{
    public string Name => "import";

    public string Usage => $"import --kind {CsvLayouts.KindList} --file F [--json]";

    public async Task<int> RunAsync(CliContext context)
    {
        var kindText = context.Args.Required("kind");
        var path = context.Args.Required("file");
        var json = context.Json;
        if (context.Args.Unread().ToList() is { Count: > 0 } unknown)
        {
            throw new CliUsageException($"unknown option(s): {string.Join(", ", unknown.Select(u => "--" + u))}");
        }
        if (!CsvLayouts.TryParseKind(kindText, out var kind))
        {
            throw new CliUsageException($"--kind must be one of {CsvLayouts.KindList} (got '{kindText}')");
        }
        if (!File.Exists(path))
        {
            throw new CliUsageException($"--file '{path}' does not exist");
        }

        await context.Services.GetRequiredService<DatabaseInitializer>().MigrateAsync(context.Cancellation);
        var importer = ActivatorUtilities.GetServiceOrCreateInstance<CsvImporter>(context.Services);
        ImportReport report;
        await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
        {
            var progress = json ? null : new ConsoleProgress(context.Error);
            report = await importer.ImportAsync(kind, stream, path, progress, context.Cancellation);
        }

        if (json)
        {
            await context.WriteJsonAsync(ImportReportJson.From(report));
        }
        else if (report.Succeeded)
        {
            await context.Out.WriteLineAsync(FormattableString.Invariant(
                $"imported {kind.Code()} from {path}: {report.RowsRead} rows read, {report.RowsInserted} inserted, {report.RowsUnchanged} unchanged in {report.Elapsed.TotalSeconds:F2} s (import run {report.ImportRunId})"));
        }
        else
        {
            await context.Error.WriteLineAsync(FormattableString.Invariant(
                $"rejected {path}: {report.Problems.Count} problem(s) after {report.RowsRead} rows; nothing was written"));
            foreach (var problem in report.Problems)
            {
                var column = problem.Column is null ? "" : $" {problem.Column}:";
                await context.Error.WriteLineAsync(FormattableString.Invariant($"{path}:{problem.Line}:{column} {problem.Problem}"));
            }
        }
        return report.Succeeded ? 0 : 1;
    }

    // Synchronous (Progress<T> would post to the thread pool and interleave lines); one line per 100,000 rows.
    private sealed class ConsoleProgress(TextWriter error) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value)
        {
            if (value.RowsRead > 0 && value.RowsRead % 100_000 == 0)
            {
                var share = value.Fraction is { } f ? FormattableString.Invariant($" ({f:P0} of the file)") : "";
                error.WriteLine(FormattableString.Invariant($"  {value.RowsRead} rows read{share}"));
            }
        }
    }
}
