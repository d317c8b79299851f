using System.Globalization;

namespace Dashboard.Domain.Segmentation;

/// <summary>
/// One customer's purchases inside the analysis window (aggregated by the caller, e.g. SQL GROUP BY customer).
/// </summary>
/// <param name="LastPurchase">Day of the most recent purchase in the window (on or before the as-of date).</param>
/// <param name="Frequency">Number of distinct purchase days in the window (several orders on one day count once,
/// the convention of Fader, Hardie &amp; Lee's CLV papers); at least 1.</param>
/// <param name="Monetary">Total revenue in the window (currency units, ≥ 0): the total, as in Hughes's RFM, not the
/// mean spend per order (that one belongs to Gamma-Gamma).</param>
public readonly record struct CustomerActivity(string CustomerId, DateOnly LastPurchase, int Frequency, double Monetary);

/// <summary>The eleven named RFM segments.</summary>
public enum RfmSegment
{
    Champions,
    Loyal,
    PotentialLoyalist,
    New,
    Promising,
    NeedAttention,
    AboutToSleep,
    AtRisk,
    CantLoseThem,
    Hibernating,
    Lost,
}

/// <summary>A customer's RFM measures, scores (1 = worst, 5 = best) and segment.</summary>
/// <param name="RecencyDays">Days from the last purchase to the as-of date (0 = bought on the as-of day).</param>
/// <param name="Fm">The combined frequency-monetary score: (F + M) / 2 rounded half up.</param>
public readonly record struct RfmAssignment(
    string CustomerId, int RecencyDays, int Frequency, double Monetary, byte R, byte F, byte M, byte Fm, RfmSegment Segment);

/// <summary>Customers and revenue (sum of Monetary) in one segment.</summary>
public sealed record RfmSegmentSummary(RfmSegment Segment, string Name, int Customers, double Revenue);

/// <summary>One cell of the R×F heatmap.</summary>
public sealed record RfmHeatmapCell(int R, int F, int Customers, double Revenue);

/// <summary>The result of <see cref="RfmSegmentation.Assign"/>.</summary>
/// <param name="Customers">One assignment per input customer, in input order.</param>
/// <param name="Segments">All eleven segments in <see cref="RfmSegment"/> order, empty ones included.</param>
/// <param name="Heatmap">All 25 R×F cells, R = 1..5 outer, F = 1..5 inner, empty ones included.</param>
public sealed record RfmResult(
    DateOnly AsOf, IReadOnlyList<RfmAssignment> Customers, IReadOnlyList<RfmSegmentSummary> Segments, IReadOnlyList<RfmHeatmapCell> Heatmap);

/// <summary>
/// Descriptive segmentation: recency, frequency and monetary quintile scores, and named segments.
/// </summary>
public static class RfmSegmentation
{
    /// <summary>
    /// The R×FM grid, rows FM = 5..1, columns R = 1..5. It is the widely used R×F segment map (the one behind the
    /// "rfm" Python/R packages and Putler's RFM guide) with F replaced by the combined FM score, plus one change:
    /// that map has no "Lost" cell, so its Hibernating block (R 1–2, FM 1–2) is split by recency —
    /// R = 1 is Lost, R = 2 is Hibernating. Every (R, FM) pair has exactly one segment.
    /// </summary>
    private static readonly RfmSegment[,] Grid =
    {
        // R:      1                          2                          3                          4                               5
        /* FM 5 */ { RfmSegment.CantLoseThem, RfmSegment.CantLoseThem, RfmSegment.Loyal,          RfmSegment.Loyal,               RfmSegment.Champions },
        /* FM 4 */ { RfmSegment.AtRisk,       RfmSegment.AtRisk,       RfmSegment.Loyal,          RfmSegment.Loyal,               RfmSegment.Champions },
        /* FM 3 */ { RfmSegment.AtRisk,       RfmSegment.AtRisk,       RfmSegment.NeedAttention,  RfmSegment.PotentialLoyalist,   RfmSegment.PotentialLoyalist },
        /* FM 2 */ { RfmSegment.Lost,         RfmSegment.Hibernating,  RfmSegment.AboutToSleep,   RfmSegment.PotentialLoyalist,   RfmSegment.PotentialLoyalist },
        /* FM 1 */ { RfmSegment.Lost,         RfmSegment.Hibernating,  RfmSegment.AboutToSleep,   RfmSegment.Promising,           RfmSegment.New },
    };

    private static readonly string[] Names =
    [
        "Champions", "Loyal", "Potential loyalist", "New", "Promising", "Need attention", "About to sleep", "At risk",
        "Can't lose them", "Hibernating", "Lost",
    ];

    /// <summary>The English display name ("Can't lose them"); also the key in the CLI's JSON.</summary>
    public static string NameOf(RfmSegment segment) => Names[(int)segment];

    /// <summary>The segment of an (R, FM) pair from the grid above; both scores 1..5.</summary>
    public static RfmSegment SegmentOf(int r, int fm)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(r, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(r, 5);
        ArgumentOutOfRangeException.ThrowIfLessThan(fm, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fm, 5);
        return Grid[5 - fm, r - 1];
    }

    /// <summary>FM = (F + M) / 2 rounded half up, so (4, 5) → 5 and (1, 2) → 2.</summary>
    public static byte CombineFm(int f, int m) => (byte)((f + m + 1) / 2);

    /// <summary>
    /// Scores every customer 1–5 on recency (fewer days = 5), frequency and monetary value by quintile within the
    /// given population (see <see cref="QuantileScores"/> for the tie rule), and names its segment.
    /// </summary>
    /// <param name="customers">Customers with at least one purchase in the window; ids unique (not checked here).</param>
    /// <param name="asOf">The day recency is measured to; no purchase may be after it.</param>
    /// <exception cref="ArgumentException">A customer has frequency below 1, a negative or non-finite monetary value,
    /// or a last purchase after <paramref name="asOf"/>; the message names the customer.</exception>
    public static RfmResult Assign(IReadOnlyList<CustomerActivity> customers, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var n = customers.Count;
        var recency = new double[n];
        var frequency = new double[n];
        var monetary = new double[n];
        var asOfDay = asOf.DayNumber;
        for (var i = 0; i < n; i++)
        {
            var c = customers[i];
            Validate(c, asOf);
            // Negated so that fewer days since the last purchase scores higher.
            recency[i] = -(asOfDay - c.LastPurchase.DayNumber);
            frequency[i] = c.Frequency;
            monetary[i] = c.Monetary;
        }
        var r = QuantileScores.Assign(recency, 5);
        var f = QuantileScores.Assign(frequency, 5);
        var m = QuantileScores.Assign(monetary, 5);

        var assignments = new RfmAssignment[n];
        var segmentCounts = new int[Names.Length];
        var segmentRevenue = new double[Names.Length];
        var cellCounts = new int[25];
        var cellRevenue = new double[25];
        for (var i = 0; i < n; i++)
        {
            var c = customers[i];
            var fm = CombineFm(f[i], m[i]);
            var segment = Grid[5 - fm, r[i] - 1];
            assignments[i] = new RfmAssignment(c.CustomerId, (int)-recency[i], c.Frequency, c.Monetary, r[i], f[i], m[i], fm, segment);
            segmentCounts[(int)segment]++;
            segmentRevenue[(int)segment] += c.Monetary;
            var cell = (r[i] - 1) * 5 + (f[i] - 1);
            cellCounts[cell]++;
            cellRevenue[cell] += c.Monetary;
        }
        var segments = Enumerable.Range(0, Names.Length)
            .Select(s => new RfmSegmentSummary((RfmSegment)s, Names[s], segmentCounts[s], segmentRevenue[s]))
            .ToList();
        var heatmap = Enumerable.Range(0, 25)
            .Select(k => new RfmHeatmapCell(k / 5 + 1, k % 5 + 1, cellCounts[k], cellRevenue[k]))
            .ToList();
        return new RfmResult(asOf, assignments, segments, heatmap);
    }

    private static void Validate(in CustomerActivity c, DateOnly asOf)
    {
        if (c.Frequency < 1)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"customer '{c.CustomerId}': frequency {c.Frequency} (needs at least one purchase in the window)"));
        }
        if (!double.IsFinite(c.Monetary) || c.Monetary < 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"customer '{c.CustomerId}': monetary value {c.Monetary} (needs a finite amount ≥ 0)"));
        }
        if (c.LastPurchase > asOf)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"customer '{c.CustomerId}': last purchase {c.LastPurchase:yyyy-MM-dd} is after the as-of date {asOf:yyyy-MM-dd}"));
        }
    }
}
