using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Dashboard.Domain.Identity;

namespace Dashboard.Cli;

/// <summary>
/// `resolve --file F.csv [--json] [--max-fanout N]`: resolves the source records of a CSV file into
/// profiles (one per person) and prints the clusters and the identifiers too widely shared to use.
/// </summary>
public sealed class ResolveVerb : ICliVerb
{
    public string Name => "resolve";

    public string Usage => $"resolve --file F.csv [--json] [--max-fanout N (default {IdentityResolutionSettings.DefaultMaxFanout})]   F: {IdentityCsv.Header}";

    public async Task<int> RunAsync(CliContext context)
    {
        var file = context.Args.Required("file");
        var maxFanout = context.Args.Int("max-fanout", IdentityResolutionSettings.DefaultMaxFanout, min: 1);
        var json = context.Json;
        var input = await IdentityCsv.ReadAsync(file, context.Cancellation);

        var resolution = IdentityResolver.Resolve(input.Records, new IdentityResolutionSettings(maxFanout));

        var output = new ResolveOutput(
            resolution.Clusters.Count,
            [.. resolution.Clusters.Select(c => (IReadOnlyList<string>)[.. c.RecordIds.Select(input.KeyOf)])],
            [.. resolution.Blocked.Select(b => new BlockedOutput(b.Kind.Code(), b.Value, b.Records))]);
        if (json)
        {
            await context.WriteJsonAsync(output);
            return 0;
        }
        await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{input.Records.Count} records -> {output.Profiles} profiles"));
        await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"blocked identifiers (on more than {maxFanout} records): {output.BlockedIdentifiers.Count}"));
        foreach (var blocked in output.BlockedIdentifiers)
        {
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {blocked.Kind} {blocked.Value}: {blocked.Records} records"));
        }
        await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"values that are not plausible identifiers (ignored): {resolution.Rejected.Count}"));
        return 0;
    }

    /// <summary>The JSON contract of the verb.</summary>
    public sealed record ResolveOutput(int Profiles, IReadOnlyList<IReadOnlyList<string>> Clusters, IReadOnlyList<BlockedOutput> BlockedIdentifiers);

    public sealed record BlockedOutput(string Kind, string Value, int Records);
}

/// <summary>
/// Reads a file with the header source,source_id,phone,email,member_no (RFC 4180 quoting; empty cells
/// allowed except source and source_id). Records get ids 1, 2, 3... in file order, so earlier lines
/// count as older. Every problem names its line; up to <see cref="MaxProblems"/> are reported at once.
/// </summary>
internal static class IdentityCsv
{
    public const string Header = "source,source_id,phone,email,member_no";
    private const int MaxProblems = 20;
    private static readonly string[] Columns = Header.Split(',');

    public sealed record Input(IReadOnlyList<IdentityRecord> Records, IReadOnlyList<string> Keys)
    {
        public string KeyOf(long recordId) => Keys[(int)recordId - 1];
    }

    public static async Task<Input> ReadAsync(string path, CancellationToken cancellation)
    {
        if (!File.Exists(path))
        {
            throw new CliInputException($"{path}: file not found");
        }
        using var reader = new StreamReader(path);
        return await ReadAsync(reader, Path.GetFileName(path), cancellation);
    }

    public static async Task<Input> ReadAsync(TextReader reader, string name, CancellationToken cancellation)
    {
        var problems = new List<string>();
        var line = 1L;
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            // A stray or unclosed quote: reported with the line where the record starts.
            BadDataFound = args => problems.Add($"line {line}: malformed CSV: bad quoting in '{FirstLine(args.RawRecord)}'"),
        };
        using var parser = new CsvParser(reader, config);
        var records = new List<IdentityRecord>();
        var keys = new List<string>();
        var lineOfKey = new Dictionary<string, long>(StringComparer.Ordinal);
        try
        {
            if (!await parser.ReadAsync())
            {
                throw new CliInputException($"{name}: the file is empty; expected the header '{Header}' on line 1");
            }
            var header = parser.Record ?? [];
            if (header.Length != Columns.Length || !header.Select(h => h.Trim()).SequenceEqual(Columns, StringComparer.OrdinalIgnoreCase))
            {
                throw new CliInputException($"{name}: line 1: expected the header '{Header}', found '{string.Join(',', header)}'");
            }
            while (problems.Count < MaxProblems && await parser.ReadAsync())
            {
                cancellation.ThrowIfCancellationRequested();
                line = StartLine(parser);
                var problemsBefore = problems.Count;
                var fields = parser.Record ?? [];
                if (problems.Count > problemsBefore)
                {
                    continue;
                }
                if (fields.Length != Columns.Length)
                {
                    problems.Add($"line {line}: expected {Columns.Length} fields ({Header}), found {fields.Length}");
                    continue;
                }
                var source = fields[0].Trim();
                var sourceId = fields[1].Trim();
                if (source.Length == 0 || sourceId.Length == 0)
                {
                    problems.Add($"line {line}, column {(source.Length == 0 ? "source" : "source_id")}: missing value");
                    continue;
                }
                var key = source + ":" + sourceId;
                if (!lineOfKey.TryAdd(key, line))
                {
                    problems.Add($"line {line}: duplicate record '{key}' (first on line {lineOfKey[key]})");
                    continue;
                }
                keys.Add(key);
                records.Add(new IdentityRecord(records.Count + 1, Cell(fields[2]), Cell(fields[3]), Cell(fields[4])));
            }
        }
        catch (CsvHelperException ex)
        {
            problems.Add($"line {line}: malformed CSV ({FirstLine(ex.Message)})");
        }
        if (problems.Count > 0)
        {
            throw new CliInputException($"{name}: {problems.Count} problem(s){(problems.Count >= MaxProblems ? " (stopped reading)" : "")}:\n  " +
                string.Join("\n  ", problems.Select(p => $"{name}: {p}")));
        }
        return new Input(records, keys);
    }

    // RawRow is the line where the record ends, and a quoted field may span lines. A record whose
    // quote is never closed swallows its final line break too (an odd number of quotes).
    private static long StartLine(CsvParser parser)
    {
        var raw = parser.RawRecord;
        var breaks = raw.TrimEnd('\r', '\n').Count(c => c == '\n');
        var unclosed = raw.Count(c => c == '"') % 2 == 1 && raw.EndsWith('\n');
        return parser.RawRow - breaks - (unclosed ? 1 : 0);
    }

    private static string? Cell(string value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
