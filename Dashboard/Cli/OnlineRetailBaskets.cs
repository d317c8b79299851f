using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Dashboard.Domain.Recommendations;

namespace Dashboard.Cli;

/// <summary>What loading the Online Retail files kept and dropped, line by line.</summary>
public sealed record OnlineRetailLoad(
    IReadOnlyList<CustomerOrder> Orders,
    IReadOnlyDictionary<int, string> StockCodes,
    int Files,
    long Lines,
    long KeptLines,
    long Cancellations,
    long WithoutCustomer,
    long NonPositiveQuantityOrPrice,
    long NonProductCodes);

/// <summary>
/// Reads the UCI Online Retail by-day files (../shared/data/online-retail/by-day) as baskets: an invoice is an order
/// and CustomerID the customer. Keeps the usual "clean purchases": drops cancellations (InvoiceNo starting with C),
/// lines without a customer, and lines with quantity or unit price ≤ 0. Also drops the non-product stock codes
/// (postage, carriage, fees, manual adjustments, discounts, samples), which would otherwise top any popularity list.
/// Stock codes map to product ids 1, 2, ... in order of first appearance (files in date order).
/// </summary>
public static class OnlineRetailBaskets
{
    /// <summary>Stock codes that are charges or adjustments, not products (see the data's README).</summary>
    public static readonly IReadOnlySet<string> NonProductCodes = new HashSet<string>(StringComparer.Ordinal)
    {
        "POST", "DOT", "M", "m", "C2", "D", "S", "B", "BANK CHARGES", "AMAZONFEE", "CRUK", "PADS",
    };

    private static readonly string[] Header = ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"];

    /// <summary>Loads every *.csv in <paramref name="directory"/>; a malformed line throws <see cref="CliInputException"/> naming file, line and column.</summary>
    public static OnlineRetailLoad Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new CliInputException($"{directory}: folder not found (expected the Online Retail by-day files)");
        }
        var files = Directory.GetFiles(directory, "*.csv").Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
        {
            throw new CliInputException($"{directory}: no .csv files");
        }
        var productIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var invoices = new Dictionary<long, (long Customer, DateTime At, HashSet<int> Products)>();
        long lines = 0, kept = 0, cancellations = 0, noCustomer = 0, nonPositive = 0, nonProduct = 0;
        foreach (var file in files)
        {
            using var reader = new StreamReader(file);
            using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null });
            if (!csv.Read() || !csv.ReadHeader() || !Header.SequenceEqual(csv.HeaderRecord ?? []))
            {
                throw new CliInputException($"{file}: line 1: expected the header {string.Join(',', Header)}");
            }
            while (csv.Read())
            {
                lines++;
                var line = csv.Parser.RawRow;
                if (csv.Parser.Count != Header.Length)
                {
                    throw new CliInputException($"{file}: line {line}: expected {Header.Length} fields, found {csv.Parser.Count}");
                }
                var invoice = csv.GetField(0)!;
                if (invoice.StartsWith('C'))
                {
                    cancellations++;
                    continue;
                }
                var customerText = csv.GetField(6)!;
                if (customerText.Length == 0)
                {
                    noCustomer++;
                    continue;
                }
                var quantity = Number(csv.GetField(3)!, file, line, "Quantity");
                var price = Number(csv.GetField(5)!, file, line, "UnitPrice");
                if (quantity <= 0 || price <= 0)
                {
                    nonPositive++;
                    continue;
                }
                var stockCode = csv.GetField(1)!;
                if (NonProductCodes.Contains(stockCode))
                {
                    nonProduct++;
                    continue;
                }
                if (!long.TryParse(invoice, NumberStyles.None, CultureInfo.InvariantCulture, out var invoiceNo))
                {
                    throw new CliInputException($"{file}: line {line}, column InvoiceNo: '{invoice}' is not an invoice number");
                }
                var customer = (long)Number(customerText, file, line, "CustomerID");
                if (!DateTime.TryParseExact(csv.GetField(4), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
                        DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
                {
                    throw new CliInputException($"{file}: line {line}, column InvoiceDate: '{csv.GetField(4)}' is not a date YYYY-MM-DD HH:MM:SS");
                }
                if (!productIds.TryGetValue(stockCode, out var productId))
                {
                    productIds[stockCode] = productId = productIds.Count + 1;
                }
                if (!invoices.TryGetValue(invoiceNo, out var entry))
                {
                    invoices[invoiceNo] = entry = (customer, at, []);
                }
                else if (entry.Customer != customer)
                {
                    throw new CliInputException($"{file}: line {line}, column CustomerID: invoice {invoiceNo} already belongs to customer {entry.Customer}");
                }
                else if (at < entry.At)
                {
                    invoices[invoiceNo] = entry with { At = at };
                }
                entry.Products.Add(productId);
                kept++;
            }
        }
        var orders = invoices
            .OrderBy(kv => kv.Key)
            .Select(kv => new CustomerOrder(kv.Value.Customer, kv.Key, kv.Value.At, [.. kv.Value.Products.Order()]))
            .ToList();
        return new OnlineRetailLoad(orders, productIds.ToDictionary(kv => kv.Value, kv => kv.Key), files.Length, lines, kept,
            cancellations, noCustomer, nonPositive, nonProduct);
    }

    private static double Number(string text, string file, int line, string column) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new CliInputException($"{file}: line {line}, column {column}: '{text}' is not a number");
}
