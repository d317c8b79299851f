using System.Globalization;
using Dashboard.Domain.Segmentation;

namespace Dashboard.Cli;

/// <summary>Layouts the segment verb reads.</summary>
public enum TransactionFormat
{
    /// <summary>customer_id,date,amount with a header; each row is one order.</summary>
    Csv,

    /// <summary>The UCI Online Retail layout (see shared/data/online-retail/README.md); an order is an InvoiceNo.</summary>
    OnlineRetail,
}

/// <summary>What reading the files gave: the aggregated purchases and the rows dropped by reason.</summary>
public sealed record TransactionRead(
    CustomerActivityBuilder Purchases, IReadOnlyList<string> Files, long Rows, IReadOnlyDictionary<string, long> Dropped);

/// <summary>
/// Streams transaction files line by line (a file is never loaded whole) into a <see cref="CustomerActivityBuilder"/>.
/// Cleaning drops rows and counts them by the first reason that applies, in this order: missingCustomerId,
/// cancelled (InvoiceNo starting with C), nonPositiveQuantity, nonPositivePrice (Online Retail) or nonPositiveAmount
/// (csv), then afterAsOf (dated after an explicit --as-of). A malformed row stops the run with file, line and problem.
/// </summary>
public static class TransactionFiles
{
    public static readonly string[] CsvHeader = ["customer_id", "date", "amount"];

    public static readonly string[] OnlineRetailHeader =
        ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"];

    /// <summary>The files behind PATH: the file itself, or a folder's *.csv files in ordinal name order.</summary>
    public static IReadOnlyList<string> Resolve(string path)
    {
        if (File.Exists(path))
        {
            return [path];
        }
        if (Directory.Exists(path))
        {
            var files = Directory.GetFiles(path, "*.csv").Order(StringComparer.Ordinal).ToList();
            return files.Count > 0 ? files : throw new CliInputException($"{path}: the folder has no .csv files");
        }
        throw new CliUsageException($"--transactions: no such file or folder '{path}'");
    }

    /// <summary>Reads and cleans every file; lines dated after <paramref name="asOf"/> (when given) are dropped.</summary>
    public static TransactionRead Read(IReadOnlyList<string> files, TransactionFormat format, DateOnly? asOf, CancellationToken cancellation = default)
    {
        var builder = new CustomerActivityBuilder();
        var dropped = format == TransactionFormat.OnlineRetail
            ? new Dictionary<string, long> { ["missingCustomerId"] = 0, ["cancelled"] = 0, ["nonPositiveQuantity"] = 0, ["nonPositivePrice"] = 0 }
            : new Dictionary<string, long> { ["missingCustomerId"] = 0, ["nonPositiveAmount"] = 0 };
        dropped["afterAsOf"] = 0;
        long rows = 0;
        var fields = new List<string>(8);
        foreach (var file in files)
        {
            cancellation.ThrowIfCancellationRequested();
            using var reader = new StreamReader(file, detectEncodingFromByteOrderMarks: true);
            var header = format == TransactionFormat.OnlineRetail ? OnlineRetailHeader : CsvHeader;
            var lineNumber = 0L;
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                lineNumber++;
                if (line.Length == 0)
                {
                    continue; // a blank line holds no row
                }
                var where = new Where(file, lineNumber);
                Split(line, fields, where);
                if (lineNumber == 1)
                {
                    CheckHeader(fields, header, where);
                    continue;
                }
                if (fields.Count != header.Length)
                {
                    throw where.Problem($"expected {header.Length} fields ({string.Join(',', header)}), found {fields.Count}");
                }
                rows++;
                var reason = format == TransactionFormat.OnlineRetail
                    ? AddOnlineRetail(fields, builder, asOf, where)
                    : AddCsv(fields, builder, asOf, where);
                if (reason is not null)
                {
                    dropped[reason]++;
                }
            }
            if (lineNumber == 0)
            {
                throw new CliInputException($"{file}: the file is empty; expected the header {string.Join(',', header)}");
            }
        }
        return new TransactionRead(builder, files, rows, dropped);
    }

    private static string? AddOnlineRetail(List<string> f, CustomerActivityBuilder builder, DateOnly? asOf, Where where)
    {
        var invoice = f[0].Trim();
        if (invoice.Length == 0)
        {
            throw where.Problem("InvoiceNo is empty");
        }
        if (!int.TryParse(f[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var quantity))
        {
            throw where.Problem($"Quantity '{f[3]}' is not a whole number");
        }
        if (!DateTime.TryParseExact(f[4], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            throw where.Problem($"InvoiceDate '{f[4]}' is not a date-time YYYY-MM-DD HH:MM:SS");
        }
        if (!double.TryParse(f[5], NumberStyles.Float, CultureInfo.InvariantCulture, out var price) || !double.IsFinite(price))
        {
            throw where.Problem($"UnitPrice '{f[5]}' is not a number");
        }
        var customer = f[6].Trim();
        if (customer.Length > 0)
        {
            // CustomerID is written as a float ("17850.0"); the id is its whole number.
            if (!double.TryParse(customer, NumberStyles.Float, CultureInfo.InvariantCulture, out var id) || id != Math.Floor(id) || id <= 0 || id > 1e15)
            {
                throw where.Problem($"CustomerID '{customer}' is not a positive whole number");
            }
            customer = ((long)id).ToString(CultureInfo.InvariantCulture);
        }
        var day = DateOnly.FromDateTime(at);
        var reason = customer.Length == 0 ? "missingCustomerId"
            : invoice.StartsWith('C') ? "cancelled"
            : quantity <= 0 ? "nonPositiveQuantity"
            : price <= 0 ? "nonPositivePrice"
            : day > asOf ? "afterAsOf"
            : null;
        if (reason is null)
        {
            builder.Add(customer, day, quantity * price, invoice);
        }
        return reason;
    }

    private static string? AddCsv(List<string> f, CustomerActivityBuilder builder, DateOnly? asOf, Where where)
    {
        var day = ParseCsvDate(f[1].Trim(), where);
        if (!double.TryParse(f[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || !double.IsFinite(amount))
        {
            throw where.Problem($"amount '{f[2]}' is not a number");
        }
        var customer = f[0].Trim();
        var reason = customer.Length == 0 ? "missingCustomerId"
            : amount <= 0 ? "nonPositiveAmount"
            : day > asOf ? "afterAsOf"
            : null;
        if (reason is null)
        {
            builder.Add(customer, day, amount);
        }
        return reason;
    }

    // YYYY-MM-DD, optionally followed by a time ("2024-03-01 10:00:00" or ISO "2024-03-01T10:00:00Z").
    private static DateOnly ParseCsvDate(string text, Where where)
    {
        if (text.Length >= 10 && DateOnly.TryParseExact(text.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            && (text.Length == 10 || DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _)))
        {
            return day;
        }
        throw where.Problem($"date '{text}' is not a date YYYY-MM-DD");
    }

    private static void CheckHeader(List<string> fields, string[] header, Where where)
    {
        if (fields.Count != header.Length || !fields.Select(f => f.Trim()).SequenceEqual(header, StringComparer.OrdinalIgnoreCase))
        {
            throw where.Problem($"expected the header {string.Join(',', header)}, found {string.Join(',', fields)}");
        }
    }

    /// <summary>
    /// Splits one CSV line (RFC 4180 quoting: a quoted field may hold commas, and "" stands for a quote; fields never
    /// span lines in these files) into <paramref name="fields"/>.
    /// </summary>
    internal static void Split(string line, List<string> fields, Where where)
    {
        fields.Clear();
        var i = 0;
        while (true)
        {
            if (i < line.Length && line[i] == '"')
            {
                var sb = new System.Text.StringBuilder();
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        throw where.Problem($"field {fields.Count + 1} has an opening quote without a closing one");
                    }
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            sb.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    sb.Append(line[i++]);
                }
                fields.Add(sb.ToString());
                if (i < line.Length && line[i] != ',')
                {
                    throw where.Problem($"field {fields.Count} has text after its closing quote");
                }
            }
            else
            {
                var comma = line.IndexOf(',', i);
                var end = comma < 0 ? line.Length : comma;
                fields.Add(line[i..end]);
                i = end;
            }
            if (i >= line.Length)
            {
                return;
            }
            i++; // past the comma; a trailing comma means one more (empty) field
            if (i == line.Length)
            {
                fields.Add("");
                return;
            }
        }
    }

    /// <summary>A position in an input file, for messages ("path:line: problem").</summary>
    internal readonly record struct Where(string File, long Line)
    {
        public CliInputException Problem(string problem) =>
            new(string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}: {problem}"));
    }
}
