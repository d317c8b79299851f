using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Dashboard.Domain.Lifetime;

namespace Dashboard.Cli;

/// <summary>
/// Reads the inputs of the clv verb: purchase files (CDNOW's whitespace layout or a customer_id,date,amount CSV) and
/// customer summary CSVs. Every problem is reported with the file, the line and what is wrong.
/// </summary>
public static class ClvInputFiles
{
    private static readonly string[] DateFormats =
        ["yyyy-MM-dd", "yyyyMMdd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK"];

    /// <summary>
    /// CDNOW transaction files (README of shared/data/cdnow): the five-column sample file (master id, sample id,
    /// date YYYYMMDD, CDs, dollars; the customer is the sample id in column 2, as in the papers' summaries) or the
    /// four-column master file (id, date, CDs, dollars) with its header line.
    /// </summary>
    public static List<Purchase> ReadCdnow(string path)
    {
        var purchases = new List<Purchase>();
        var lineNumber = 0;
        int? columns = null;
        foreach (var line in ReadLines(path))
        {
            lineNumber++;
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0)
            {
                continue;
            }
            if (lineNumber == 1 && !char.IsAsciiDigit(fields[0][0]))
            {
                continue; // the master file's header line
            }
            if (fields.Length is not (4 or 5))
            {
                throw Problem(path, lineNumber, $"expected 4 (master file) or 5 (sample file) whitespace-separated columns, found {fields.Length}");
            }
            columns ??= fields.Length;
            if (fields.Length != columns)
            {
                throw Problem(path, lineNumber, $"expected {columns} columns like the lines before it, found {fields.Length}");
            }
            var (customer, date, amount) = fields.Length == 5 ? (fields[1], fields[2], fields[4]) : (fields[0], fields[1], fields[3]);
            purchases.Add(new Purchase(customer, ParseDate(path, lineNumber, date, "date"), ParseAmount(path, lineNumber, amount)));
        }
        if (purchases.Count == 0)
        {
            throw new CliInputException($"{path}: the file has no purchase lines.");
        }
        return purchases;
    }

    /// <summary>A CSV with a header naming customer_id, date (YYYY-MM-DD, optionally with a time) and amount.</summary>
    public static List<Purchase> ReadTransactionsCsv(string path)
    {
        var purchases = new List<Purchase>();
        ReadCsv(path, ["customer_id", "date", "amount"], [], (row, line) =>
        {
            var customer = row["customer_id"];
            if (string.IsNullOrWhiteSpace(customer))
            {
                throw Problem(path, line, "customer_id is empty");
            }
            purchases.Add(new Purchase(customer.Trim(), ParseDate(path, line, row["date"], "date"), ParseAmount(path, line, row["amount"])));
        });
        if (purchases.Count == 0)
        {
            throw new CliInputException($"{path}: the file has a header but no purchase rows.");
        }
        return purchases;
    }

    /// <summary>
    /// A customer summary CSV with columns frequency, recency, T and monetary_value (lifetimes' names; the papers'
    /// x, t_x, T and zbar are accepted too) and an optional customer_id (or ID) column; without it customers are
    /// numbered by row. Checks as lifetimes does: whole frequencies, recency 0 when frequency is 0, recency ≤ T.
    /// </summary>
    public static List<CustomerSummary> ReadSummaryCsv(string path)
    {
        var customers = new List<CustomerSummary>();
        var aliases = new Dictionary<string, string[]>
        {
            ["frequency"] = ["frequency", "x"],
            ["recency"] = ["recency", "t_x"],
            ["T"] = ["T"],
            ["monetary_value"] = ["monetary_value", "zbar"],
        };
        ReadCsv(path, [.. aliases.Keys], ["customer_id", "id"], (row, line) =>
        {
            var frequencyValue = ParseNumber(path, line, row["frequency"], "frequency");
            if (frequencyValue < 0 || frequencyValue != Math.Floor(frequencyValue) || frequencyValue > int.MaxValue)
            {
                throw Problem(path, line, $"frequency must be a whole number >= 0 (got '{row["frequency"]}')");
            }
            var frequency = (int)frequencyValue;
            var recency = ParseNumber(path, line, row["recency"], "recency");
            var age = ParseNumber(path, line, row["T"], "T");
            var monetary = ParseNumber(path, line, row["monetary_value"], "monetary_value");
            if (recency < 0 || age < 0 || monetary < 0)
            {
                throw Problem(path, line, "recency, T and monetary_value must be >= 0");
            }
            if (recency > age)
            {
                throw Problem(path, line, $"recency ({recency}) is greater than T ({age})");
            }
            if (frequency == 0 && recency != 0)
            {
                throw Problem(path, line, $"recency must be 0 when frequency is 0 (got {recency})");
            }
            var id = row.GetValueOrDefault("customer_id") ?? row.GetValueOrDefault("id");
            customers.Add(new CustomerSummary(
                string.IsNullOrWhiteSpace(id) ? (customers.Count + 1).ToString(CultureInfo.InvariantCulture) : id.Trim(),
                frequency, recency, age, monetary));
        }, aliases);
        if (customers.Count == 0)
        {
            throw new CliInputException($"{path}: the file has a header but no customer rows.");
        }
        return customers;
    }

    private static void ReadCsv(string path, string[] required, string[] optional, Action<Dictionary<string, string>, int> onRow,
        Dictionary<string, string[]>? aliases = null)
    {
        using var reader = OpenText(path);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture) { IgnoreBlankLines = true, TrimOptions = TrimOptions.Trim };
        using var parser = new CsvParser(reader, configuration);
        try
        {
            if (!parser.Read())
            {
                throw new CliInputException($"{path}: the file is empty (expected a header: {string.Join(',', required)}).");
            }
            var header = parser.Record ?? [];
            var columnOf = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var name in required.Concat(optional))
            {
                var accepted = aliases?.GetValueOrDefault(name) ?? [name];
                // Exact case first ("T" vs "t"), then case-insensitive.
                var index = Array.FindIndex(header, h => accepted.Contains(h, StringComparer.Ordinal));
                if (index < 0)
                {
                    index = Array.FindIndex(header, h => accepted.Contains(h, StringComparer.OrdinalIgnoreCase));
                }
                if (index >= 0)
                {
                    columnOf[name] = index;
                }
                else if (required.Contains(name))
                {
                    throw Problem(path, parser.RawRow, $"the header has no '{name}' column (expected: {string.Join(',', required)})");
                }
            }
            while (parser.Read())
            {
                var record = parser.Record ?? [];
                if (record.Length != header.Length)
                {
                    throw Problem(path, parser.RawRow, $"expected {header.Length} fields like the header, found {record.Length}");
                }
                onRow(columnOf.ToDictionary(c => c.Key, c => record[c.Value]), parser.RawRow);
            }
        }
        catch (CsvHelperException ex)
        {
            throw Problem(path, parser.RawRow, $"malformed CSV ({ex.GetType().Name.Replace("Exception", "", StringComparison.Ordinal)})");
        }
    }

    private static IEnumerable<string> ReadLines(string path)
    {
        using var reader = OpenText(path);
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }

    private static StreamReader OpenText(string path)
    {
        try
        {
            return new StreamReader(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"{path}: cannot read the file ({ex.Message})");
        }
    }

    private static DateOnly ParseDate(string path, int line, string text, string column) =>
        DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var value)
            ? DateOnly.FromDateTime(value)
            : throw Problem(path, line, $"{column} '{text}' is not a date (YYYY-MM-DD or YYYYMMDD)");

    private static double ParseAmount(string path, int line, string text)
    {
        var amount = ParseNumber(path, line, text, "amount");
        return amount >= 0 ? amount : throw Problem(path, line, $"amount must be >= 0 (got {text}); returns are not supported");
    }

    private static double ParseNumber(string path, int line, string text, string column) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw Problem(path, line, $"{column} '{text}' is not a number");

    private static CliInputException Problem(string path, int line, string message) => new($"{path}, line {line}: {message}");
}
