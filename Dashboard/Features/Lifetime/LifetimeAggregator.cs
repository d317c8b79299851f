using Dashboard.Domain.Lifetime;

namespace Dashboard.Features.Lifetime;

/// <summary>
/// Recomputes each customer's CLV for the page's controls from the stored snapshot (P(alive), expected order value
/// and the curve of their (x, T)) and folds it into the page's aggregates in one pass, so a million rows can stream
/// through without being kept: totals, CLV by acquisition source and by first-purchase quarter, the top customers,
/// Σ P(alive) per curve (for the expected active customers) and the CLV values for the histogram (one double each).
/// </summary>
public sealed class LifetimeAggregator
{
    private readonly Dictionary<(int, double), int> _curveIndex = [];
    private readonly IReadOnlyList<HistoryCurve> _curves;
    private readonly double[] _discounted;
    private readonly double[] _aliveByCurve;
    private readonly ClvSettings _settings;
    private readonly int _topCount;
    private readonly Dictionary<int, (int Count, double Clv, double Alive)> _bySource = [];
    private readonly Dictionary<(int Year, int Quarter), (int Count, double Clv, double Alive)> _byCohort = [];
    private readonly PriorityQueue<TopCustomer, double> _top = new();
    private readonly List<double> _values = [];
    private double _alive;
    private double _purchases;
    private double _clv;

    public LifetimeAggregator(IReadOnlyList<HistoryCurve> curves, ClvSettings settings, int topCount = 20)
    {
        ArgumentNullException.ThrowIfNull(curves);
        ArgumentNullException.ThrowIfNull(settings);
        _curves = curves;
        _settings = settings;
        _topCount = topCount;
        _discounted = new double[curves.Count];
        _aliveByCurve = new double[curves.Count];
        for (var i = 0; i < curves.Count; i++)
        {
            _curveIndex[(curves[i].Frequency, curves[i].Age)] = i;
            // The discounted sum depends on (x, T) and the controls only: once per curve, not per customer.
            _discounted[i] = LifetimeProjection.DiscountedPurchasesIfAlive(curves[i], settings);
        }
    }

    /// <summary>Adds one customer of the snapshot. <paramref name="sourceId"/> is the acquisition source (−1 = unknown).</summary>
    public void Add(long customerId, DateTime firstPurchaseUtc, int frequency, double age, double pAlive, double expectedAov, int sourceId)
    {
        if (!_curveIndex.TryGetValue((frequency, age), out var k))
        {
            throw new InvalidDataException($"Customer {customerId}: the snapshot has no curve for x={frequency}, T={age}.");
        }
        var clv = _settings.Margin * expectedAov * pAlive * _discounted[k];
        var purchases = pAlive * _curves[k].Purchases[_settings.HorizonMonths];
        _aliveByCurve[k] += pAlive;
        _alive += pAlive;
        _purchases += purchases;
        _clv += clv;
        _values.Add(clv);
        Fold(_bySource, sourceId, clv, pAlive);
        Fold(_byCohort, (firstPurchaseUtc.Year, (firstPurchaseUtc.Month + 2) / 3), clv, pAlive);
        if (_top.Count < _topCount || clv > _top.Peek().Clv)
        {
            if (_top.Count == _topCount)
            {
                _top.Dequeue();
            }
            _top.Enqueue(new TopCustomer(customerId, null, frequency, pAlive, purchases, expectedAov, clv), clv);
        }
    }

    public int Customers => _values.Count;

    public LifetimeKpis Kpis => new(_values.Count, _alive, _purchases, _clv);

    /// <summary>Highest CLV first (names not filled in).</summary>
    public IReadOnlyList<TopCustomer> Top => _top.UnorderedItems.Select(i => i.Element).OrderByDescending(t => t.Clv).ThenBy(t => t.CustomerId).ToList();

    public IReadOnlyList<ClvGroup> BySource(Func<int, string> name) => _bySource
        .OrderByDescending(kv => kv.Value.Clv)
        .Select(kv => new ClvGroup(name(kv.Key), kv.Value.Count, kv.Value.Clv, kv.Value.Alive / kv.Value.Count))
        .ToList();

    /// <summary>First-purchase quarters in time order, labelled "2025 Q1".</summary>
    public IReadOnlyList<ClvGroup> ByCohort() => _byCohort
        .OrderBy(kv => kv.Key.Year).ThenBy(kv => kv.Key.Quarter)
        .Select(kv => new ClvGroup(
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{kv.Key.Year} Q{kv.Key.Quarter}"),
            kv.Value.Count, kv.Value.Clv, kv.Value.Alive / kv.Value.Count))
        .ToList();

    /// <summary>Expected customers alive at the end of months 0..horizon (LifetimeProjection.ExpectedAlive).</summary>
    public IReadOnlyList<double> ExpectedActive() => LifetimeProjection.ExpectedAlive(_curves, _aliveByCurve, _settings.HorizonMonths);

    public IReadOnlyList<ClvBin> Distribution(int bins = 20) => Histogram(_values, bins);

    /// <summary>
    /// Equal-width bars from 0 up to about the 99th percentile (rounded to a 1-2-2.5-5 step), plus one open bar for
    /// the rest, so the long tail of CLV does not squash the bulk into one bar.
    /// </summary>
    public static IReadOnlyList<ClvBin> Histogram(IReadOnlyList<double> values, int bins)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (values.Count == 0)
        {
            return [];
        }
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var p99 = sorted[(int)Math.Floor(0.99 * (sorted.Length - 1))];
        var upper = p99 > 0 ? p99 : sorted[^1] > 0 ? sorted[^1] : 1;
        var width = NiceStep(upper / bins);
        var counts = new int[bins + 1];
        foreach (var v in sorted)
        {
            counts[Math.Clamp((int)Math.Floor(Math.Max(v, 0) / width), 0, bins)]++;
        }
        var result = Enumerable.Range(0, bins).Select(i => new ClvBin(i * width, (i + 1) * width, counts[i])).ToList();
        if (counts[bins] > 0)
        {
            result.Add(new ClvBin(bins * width, null, counts[bins]));
        }
        return result;
    }

    private static double NiceStep(double raw)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var fraction = raw / power;
        var nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }

    private static void Fold<TKey>(Dictionary<TKey, (int Count, double Clv, double Alive)> groups, TKey key, double clv, double alive)
        where TKey : notnull
    {
        var g = groups.GetValueOrDefault(key);
        groups[key] = (g.Count + 1, g.Clv + clv, g.Alive + alive);
    }
}
