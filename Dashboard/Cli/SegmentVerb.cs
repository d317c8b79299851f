using System.Globalization;
using Dashboard.Domain.Segmentation;

namespace Dashboard.Cli;

/// <summary>
/// segment: RFM segments, the value pyramid (by historical revenue) and the Pareto share from transaction files.
/// RFM frequency counts distinct purchase days and monetary is total revenue; recency is measured to the as-of date,
/// which defaults to the last transaction's day.
/// </summary>
public sealed class SegmentVerb : ICliVerb
{
    public string Name => "segment";

    public string Usage => "segment --transactions PATH --format csv|online-retail [--as-of YYYY-MM-DD] [--json]";

    public async Task<int> RunAsync(CliContext context)
    {
        var path = context.Args.Required("transactions");
        var format = context.Args.Required("format") switch
        {
            "csv" => TransactionFormat.Csv,
            "online-retail" => TransactionFormat.OnlineRetail,
            var other => throw new CliUsageException($"--format must be csv or online-retail (got '{other}')"),
        };
        var explicitAsOf = context.Args.Date("as-of");
        var json = context.Json;

        var files = TransactionFiles.Resolve(path);
        var read = TransactionFiles.Read(files, format, explicitAsOf, context.Cancellation);
        var purchases = read.Purchases.Build();
        if (purchases.Count == 0)
        {
            throw new CliInputException($"{path}: no purchase rows left after cleaning ({read.Rows} rows read)");
        }
        var asOf = explicitAsOf ?? read.Purchases.LastDay!.Value;
        var report = Segment(purchases, asOf, read);
        if (json)
        {
            await context.WriteJsonAsync(report);
        }
        else
        {
            await WriteTextAsync(context.Out, report);
        }
        return 0;
    }

    /// <summary>Runs RFM, the pyramid and Pareto over the aggregated purchases (the verb's JSON contract).</summary>
    internal static SegmentReport Segment(IReadOnlyList<CustomerPurchases> purchases, DateOnly asOf, TransactionRead read)
    {
        var activities = purchases.Select(p => p.Activity).ToList();
        var rfm = RfmSegmentation.Assign(activities, asOf);
        var values = purchases.Select(p => new CustomerValue(p.Activity.CustomerId, p.Activity.Monetary, p.Activity.Monetary, p.Orders)).ToList();
        var pyramid = ValuePyramid.Build(values);
        var pareto = Pareto.Curve(activities.Select(a => a.Monetary).ToArray(), 20);
        return new SegmentReport(
            Customers: purchases.Count,
            Revenue: Math.Round(activities.Sum(a => a.Monetary), 2),
            AsOf: asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Files: read.Files.Count,
            Rows: read.Rows,
            RowsUsed: read.Purchases.Lines,
            Orders: purchases.Sum(p => (long)p.Orders),
            Rfm: rfm.Segments.ToDictionary(s => s.Name, s => s.Customers),
            RfmRevenue: rfm.Segments.ToDictionary(s => s.Name, s => Math.Round(s.Revenue, 2)),
            Heatmap: rfm.Heatmap.Select(c => new SegmentHeatmapCell(c.R, c.F, c.Customers, Math.Round(c.Revenue, 2))).ToList(),
            Pyramid: pyramid.Tiers.Select(t => new SegmentPyramidTier(
                t.Tier, t.Customers, Math.Round(t.RevenueShare, 6), Math.Round(t.Revenue, 2), Math.Round(t.AverageOrderValue, 2),
                Math.Round(t.MinValue, 2))).ToList(),
            Top20RevenueShare: Math.Round(pareto.Top20Share, 6),
            Gini: Math.Round(pareto.Gini, 6),
            Pareto: pareto.Points.Select(p => new[] { p.CustomerShare, Math.Round(p.ValueShare, 6) }).ToList(),
            Dropped: read.Dropped);
    }

    private static async Task WriteTextAsync(TextWriter output, SegmentReport r)
    {
        var c = CultureInfo.InvariantCulture;
        await output.WriteLineAsync(string.Create(c, $"{r.Customers:N0} customers, revenue {r.Revenue:N2}, as of {r.AsOf} ({r.RowsUsed:N0} of {r.Rows:N0} rows used, {r.Files} file(s))"));
        await output.WriteLineAsync("RFM segments:");
        foreach (var (name, count) in r.Rfm)
        {
            await output.WriteLineAsync(string.Create(c, $"  {name,-20} {count,9:N0}"));
        }
        await output.WriteLineAsync("Value pyramid (by revenue):");
        foreach (var t in r.Pyramid)
        {
            await output.WriteLineAsync(string.Create(c, $"  {t.Tier,-12} {t.Customers,9:N0} customers  {t.RevenueShare,7:P1} of revenue"));
        }
        await output.WriteLineAsync(string.Create(c, $"Top 20% of customers: {r.Top20RevenueShare:P1} of revenue (Gini {r.Gini:F3})"));
        await output.WriteLineAsync("Dropped rows: " + string.Join(", ", r.Dropped.Select(d => string.Create(c, $"{d.Key} {d.Value:N0}"))));
    }
}

/// <summary>The segment verb's JSON (field names are a contract: customers, revenue, rfm, pyramid, top20RevenueShare, dropped).</summary>
public sealed record SegmentReport(
    int Customers, double Revenue, string AsOf, int Files, long Rows, long RowsUsed, long Orders,
    IReadOnlyDictionary<string, int> Rfm, IReadOnlyDictionary<string, double> RfmRevenue, IReadOnlyList<SegmentHeatmapCell> Heatmap,
    IReadOnlyList<SegmentPyramidTier> Pyramid, double Top20RevenueShare, double Gini, IReadOnlyList<double[]> Pareto,
    IReadOnlyDictionary<string, long> Dropped);

public sealed record SegmentHeatmapCell(int R, int F, int Customers, double Revenue);

public sealed record SegmentPyramidTier(string Tier, int Customers, double RevenueShare, double Revenue, double AverageOrderValue, double MinRevenue);
