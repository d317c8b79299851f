using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Dashboard.Features.Campaigns;

/// <summary>A per-customer results file: one arm label per row, the requested numeric and text columns.</summary>
public sealed record ExperimentTable(
    string[] ArmLabels,
    IReadOnlyDictionary<string, double[]> Numeric,
    IReadOnlyDictionary<string, string[]> Text)
{
    public int RowCount => ArmLabels.Length;
}

/// <summary>A malformed experiment file; the message names the file, the line and the column.</summary>
public sealed class ExperimentFileException(string message) : Exception(message);

/// <summary>
/// Reads a per-customer experiment CSV (header row, comma separated, RFC 4180 quoting, invariant-culture numbers)
/// for the lift and uplift analyses, from a file or an upload. Every requested column must exist; every numeric
/// cell must parse, or the read stops with the line number.
/// </summary>
public static class ExperimentCsvReader
{
    public static ExperimentTable Read(
        TextReader reader, string source, string armColumn, IReadOnlyList<string> numericColumns, IReadOnlyList<string>? textColumns = null)
    {
        textColumns ??= [];
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { DetectColumnCountChanges = false, BadDataFound = null };
        using var csv = new CsvReader(reader, config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } header)
        {
            throw new ExperimentFileException($"{source}: the file is empty (no header row)");
        }
        var armAt = ColumnIndex(header, armColumn, source);
        var numericAt = numericColumns.Select(c => ColumnIndex(header, c, source)).ToArray();
        var textAt = textColumns.Select(c => ColumnIndex(header, c, source)).ToArray();

        var arms = new List<string>();
        var numeric = numericColumns.Select(_ => new List<double>()).ToArray();
        var text = textColumns.Select(_ => new List<string>()).ToArray();
        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            var fields = csv.Parser.Record ?? [];
            if (fields.Length == 1 && fields[0].Length == 0)
            {
                continue; // a blank line
            }
            var arm = Field(fields, armAt, armColumn, source, line);
            if (arm.Length == 0)
            {
                throw new ExperimentFileException($"{source} line {line}, column '{armColumn}': the arm is empty");
            }
            arms.Add(arm);
            for (var j = 0; j < numericAt.Length; j++)
            {
                var cell = Field(fields, numericAt[j], numericColumns[j], source, line);
                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                {
                    throw new ExperimentFileException(
                        $"{source} line {line}, column '{numericColumns[j]}': '{cell}' is not a number");
                }
                numeric[j].Add(value);
            }
            for (var j = 0; j < textAt.Length; j++)
            {
                text[j].Add(Field(fields, textAt[j], textColumns[j], source, line));
            }
        }
        if (arms.Count == 0)
        {
            throw new ExperimentFileException($"{source}: the file has a header but no rows");
        }
        var numericByName = new Dictionary<string, double[]>(StringComparer.Ordinal);
        for (var j = 0; j < numericColumns.Count; j++)
        {
            numericByName[numericColumns[j]] = [.. numeric[j]];
        }
        var textByName = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (var j = 0; j < textColumns.Count; j++)
        {
            textByName[textColumns[j]] = [.. text[j]];
        }
        return new ExperimentTable([.. arms], numericByName, textByName);
    }

    private static int ColumnIndex(string[] header, string column, string source)
    {
        var index = Array.FindIndex(header, h => string.Equals(h.Trim(), column, StringComparison.Ordinal));
        return index >= 0
            ? index
            : throw new ExperimentFileException($"{source}: column '{column}' not found; the columns are: {string.Join(", ", header)}");
    }

    private static string Field(string[] fields, int index, string column, string source, long line) =>
        index < fields.Length
            ? fields[index].Trim()
            : throw new ExperimentFileException($"{source} line {line}: the row has {fields.Length} fields, so column '{column}' (field {index + 1}) is missing");
}
