using System.Globalization;

namespace Dashboard.Domain.Segmentation;

/// <summary>What VAP needs per customer: the lifetime model's outputs and the attributes that define peers.</summary>
/// <param name="PredictedClv">Predicted customer lifetime value (currency units, finite, ≥ 0), e.g. BG/NBD × Gamma-Gamma.</param>
/// <param name="PAlive">Probability the customer is still active (0..1), from the same model.</param>
/// <param name="AcquisitionSource">Where the customer came from (e.g. "tmall", "douyin"); with MainCategory defines peers.</param>
/// <param name="MainCategory">The category the customer spends most on.</param>
public readonly record struct VapInput(string CustomerId, double PredictedClv, double PAlive, string AcquisitionSource, string MainCategory);

public enum VapLevel
{
    Low,
    Medium,
    High,
}

/// <summary>The six strategies a VAP cell maps to; the name is the recommended action.</summary>
public enum VapStrategy
{
    Retain,
    Develop,
    WinBack,
    Maintain,
    Nurture,
    LetGo,
}

/// <summary>
/// Cut points for the VAP levels. Value is scored by terciles of predicted CLV in the population (relative: the
/// top third is "high" whatever the currency). Attrition and potential are scored by fixed thresholds, because both
/// are already on a 0..1 scale with a business meaning, and fixed cuts stay comparable from one run to the next.
/// </summary>
/// <param name="AttritionMediumFrom">Attrition (1 − P(alive)) from which attrition is medium; default 0.25.</param>
/// <param name="AttritionHighFrom">Attrition from which it is high; default 0.5 = "more likely gone than alive".</param>
/// <param name="PotentialMediumFrom">Headroom ratio from which potential is medium; default 1/3.</param>
/// <param name="PotentialHighFrom">Headroom ratio from which potential is high; default 2/3 = the customer is below a
/// third of what the peers' top quartile reaches.</param>
/// <param name="MinPeerGroupSize">Peer groups (same source and main category) smaller than this use the whole
/// population's 75th percentile instead, since a quartile of a handful of customers is noise; default 10.</param>
public sealed record VapSettings(
    double AttritionMediumFrom = 0.25, double AttritionHighFrom = 0.5,
    double PotentialMediumFrom = 1.0 / 3, double PotentialHighFrom = 2.0 / 3, int MinPeerGroupSize = 10)
{
    public static VapSettings Default { get; } = new();
}

/// <summary>A customer's VAP measures, levels and strategy.</summary>
/// <param name="Attrition">1 − P(alive).</param>
/// <param name="PeerTopQuartile">75th percentile of predicted CLV among the customer's peers (or the population).</param>
/// <param name="Headroom">max(0, PeerTopQuartile − PredictedClv), currency units: what the customer could add.</param>
/// <param name="HeadroomRatio">Headroom / PeerTopQuartile (0..1; 0 when the peers' quartile is 0).</param>
/// <param name="PeersFallBack">True when the peer group was too small and the population was used.</param>
public readonly record struct VapAssignment(
    string CustomerId, double PredictedClv, double Attrition, double PeerTopQuartile, double Headroom, double HeadroomRatio,
    bool PeersFallBack, VapLevel Value, VapLevel AttritionLevel, VapLevel Potential, VapStrategy Strategy);

/// <summary>Customers and summed predicted CLV in one (V, A, P) cell.</summary>
public sealed record VapCellSummary(VapLevel Value, VapLevel Attrition, VapLevel Potential, VapStrategy Strategy, int Customers, double PredictedClv);

/// <summary>Customers and summed predicted CLV per strategy.</summary>
public sealed record VapStrategySummary(VapStrategy Strategy, string Action, int Customers, double PredictedClv);

/// <summary>The result of <see cref="VapSegmentation.Assign"/>.</summary>
/// <param name="Customers">In input order.</param>
/// <param name="Cells">All 27 cells, Value outer, Attrition, Potential inner (Low..High), empty ones included.</param>
/// <param name="Strategies">All six strategies in <see cref="VapStrategy"/> order.</param>
public sealed record VapResult(IReadOnlyList<VapAssignment> Customers, IReadOnlyList<VapCellSummary> Cells, IReadOnlyList<VapStrategySummary> Strategies);

/// <summary>
/// Predictive segmentation: Value (predicted CLV), Attrition (1 − P(alive)) and Potential (headroom against
/// comparable customers), each low/medium/high, and a strategy per cell.
/// </summary>
public static class VapSegmentation
{
    private static readonly string[] Actions =
    [
        "Retain: valuable customers at risk — service recovery, loyalty benefits, personal contact.",
        "Develop: below what comparable customers reach — cross-sell and upsell toward the peer level.",
        "Win back: likely gone but worth it — reactivation offers while they still remember the brand.",
        "Maintain: valuable and active — keep the relationship, no discounts needed.",
        "Nurture: steady at their peer level — low-cost regular contact.",
        "Let go: low value, likely gone, little headroom — stop paid targeting.",
    ];

    /// <summary>A one-line recommended action for a strategy (English; the page localizes).</summary>
    public static string ActionOf(VapStrategy strategy) => Actions[(int)strategy];

    /// <summary>
    /// The strategy table (a product rule, checked in order; every one of the 27 cells has exactly one strategy):
    /// <list type="number">
    /// <item>Value high: attrition low → Maintain; attrition medium or high → Retain.</item>
    /// <item>Attrition high (value medium or low): value medium or potential high → Win back; else → Let go.</item>
    /// <item>Attrition low or medium (value medium or low): potential high → Develop; else → Nurture.</item>
    /// </list>
    /// </summary>
    public static VapStrategy StrategyOf(VapLevel value, VapLevel attrition, VapLevel potential)
    {
        if (value == VapLevel.High)
        {
            return attrition == VapLevel.Low ? VapStrategy.Maintain : VapStrategy.Retain;
        }
        if (attrition == VapLevel.High)
        {
            return value == VapLevel.Medium || potential == VapLevel.High ? VapStrategy.WinBack : VapStrategy.LetGo;
        }
        return potential == VapLevel.High ? VapStrategy.Develop : VapStrategy.Nurture;
    }

    /// <summary>Scores every customer and maps the cell to a strategy.</summary>
    /// <exception cref="ArgumentException">Invalid settings, or a customer with a negative or non-finite CLV or P(alive)
    /// outside 0..1; the message names the customer.</exception>
    public static VapResult Assign(IReadOnlyList<VapInput> customers, VapSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        settings ??= VapSettings.Default;
        Validate(settings);
        var n = customers.Count;
        var clv = new double[n];
        for (var i = 0; i < n; i++)
        {
            var c = customers[i];
            if (!double.IsFinite(c.PredictedClv) || c.PredictedClv < 0 || !(c.PAlive >= 0 && c.PAlive <= 1))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"customer '{c.CustomerId}': predicted CLV {c.PredictedClv}, P(alive) {c.PAlive} (needs CLV ≥ 0 and P(alive) in 0..1)"));
            }
            clv[i] = c.PredictedClv;
        }
        // Value: terciles of predicted CLV, ties never split (QuantileScores' mid-rank rule).
        var valueTerciles = QuantileScores.Assign(clv, 3);
        var (peerQuartile, fellBack) = PeerTopQuartiles(customers, clv, settings.MinPeerGroupSize);

        var result = new VapAssignment[n];
        var cellCounts = new int[27];
        var cellClv = new double[27];
        for (var i = 0; i < n; i++)
        {
            var c = customers[i];
            var attrition = 1 - c.PAlive;
            var q = peerQuartile[i];
            var headroom = Math.Max(0, q - c.PredictedClv);
            var ratio = q > 0 ? Math.Min(1, headroom / q) : 0;
            var v = (VapLevel)(valueTerciles[i] - 1);
            var a = Level(attrition, settings.AttritionMediumFrom, settings.AttritionHighFrom);
            var p = Level(ratio, settings.PotentialMediumFrom, settings.PotentialHighFrom);
            var strategy = StrategyOf(v, a, p);
            result[i] = new VapAssignment(c.CustomerId, c.PredictedClv, attrition, q, headroom, ratio, fellBack[i], v, a, p, strategy);
            var cell = (int)v * 9 + (int)a * 3 + (int)p;
            cellCounts[cell]++;
            cellClv[cell] += c.PredictedClv;
        }
        var cells = Enumerable.Range(0, 27).Select(k =>
        {
            var (v, a, p) = ((VapLevel)(k / 9), (VapLevel)(k / 3 % 3), (VapLevel)(k % 3));
            return new VapCellSummary(v, a, p, StrategyOf(v, a, p), cellCounts[k], cellClv[k]);
        }).ToList();
        var strategies = Enum.GetValues<VapStrategy>().Select(s => new VapStrategySummary(
            s, ActionOf(s), cells.Where(c => c.Strategy == s).Sum(c => c.Customers), cells.Where(c => c.Strategy == s).Sum(c => c.PredictedClv)))
            .ToList();
        return new VapResult(result, cells, strategies);
    }

    /// <summary>
    /// The 75th percentile by linear interpolation between order statistics (Hyndman &amp; Fan 1996, type 7; the
    /// default of R, NumPy and Excel's PERCENTILE.INC): h = (m − 1) · 0.75, q = x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋+1 − x⌊h⌋).
    /// </summary>
    public static double TopQuartile(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException("the 75th percentile of no values is undefined", nameof(values));
        }
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return TopQuartileOfSorted(sorted);
    }

    private static double TopQuartileOfSorted(double[] sorted)
    {
        var h = (sorted.Length - 1) * 0.75;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    // Peers = same (acquisition source, main category), compared ordinally.
    private static (double[] Quartile, bool[] FellBack) PeerTopQuartiles(IReadOnlyList<VapInput> customers, double[] clv, int minGroupSize)
    {
        var n = customers.Count;
        var quartile = new double[n];
        var fellBack = new bool[n];
        if (n == 0)
        {
            return (quartile, fellBack);
        }
        var population = TopQuartile(clv);
        var groups = new Dictionary<(string, string), List<int>>();
        for (var i = 0; i < n; i++)
        {
            var key = (customers[i].AcquisitionSource ?? "", customers[i].MainCategory ?? "");
            if (!groups.TryGetValue(key, out var members))
            {
                members = [];
                groups.Add(key, members);
            }
            members.Add(i);
        }
        foreach (var members in groups.Values)
        {
            var small = members.Count < minGroupSize;
            var q = small ? population : TopQuartileOfSorted(members.Select(i => clv[i]).Order().ToArray());
            foreach (var i in members)
            {
                quartile[i] = q;
                fellBack[i] = small;
            }
        }
        return (quartile, fellBack);
    }

    private static VapLevel Level(double x, double mediumFrom, double highFrom) =>
        x >= highFrom ? VapLevel.High : x >= mediumFrom ? VapLevel.Medium : VapLevel.Low;

    private static void Validate(VapSettings s)
    {
        if (!(0 <= s.AttritionMediumFrom && s.AttritionMediumFrom <= s.AttritionHighFrom && s.AttritionHighFrom <= 1)
            || !(0 <= s.PotentialMediumFrom && s.PotentialMediumFrom <= s.PotentialHighFrom && s.PotentialHighFrom <= 1)
            || s.MinPeerGroupSize < 1)
        {
            throw new ArgumentException($"invalid VAP settings {s}: cut points must satisfy 0 ≤ medium ≤ high ≤ 1 and the minimum peer group must be ≥ 1");
        }
    }
}
