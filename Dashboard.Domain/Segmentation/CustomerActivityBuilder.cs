namespace Dashboard.Domain.Segmentation;

/// <summary>
/// Aggregates purchase lines into one <see cref="CustomerActivity"/> and order count per customer, for callers
/// that stream raw transactions (the CLI) rather than aggregating in SQL. Memory is one entry per customer plus
/// 8 bytes per line (for counting distinct purchase days exactly, whatever the line order).
/// </summary>
public sealed class CustomerActivityBuilder
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _ids = [];
    private readonly List<Totals> _totals = [];
    private readonly List<long> _customerDays = [];
    private readonly HashSet<string> _orders = new(StringComparer.Ordinal);

    /// <summary>Number of lines added.</summary>
    public long Lines { get; private set; }

    /// <summary>The latest purchase day added, or null before the first line.</summary>
    public DateOnly? LastDay { get; private set; }

    /// <summary>Adds one purchase line.</summary>
    /// <param name="amount">Revenue of the line (currency units, &gt; 0; the caller drops refunds and zero lines).</param>
    /// <param name="orderKey">The order (invoice) the line belongs to, or null when each line is its own order.
    /// A key counts as an order of the first customer it is seen with.</param>
    public void Add(string customerId, DateOnly day, double amount, string? orderKey = null)
    {
        if (!double.IsFinite(amount) || amount <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "a purchase line needs a finite amount > 0");
        }
        if (!_index.TryGetValue(customerId, out var k))
        {
            k = _ids.Count;
            _index.Add(customerId, k);
            _ids.Add(customerId);
            _totals.Add(new Totals(day, 0, 0));
        }
        var t = _totals[k];
        var isNewOrder = orderKey is null || _orders.Add(orderKey);
        _totals[k] = new Totals(day > t.Last ? day : t.Last, t.Revenue + amount, t.Orders + (isNewOrder ? 1 : 0));
        _customerDays.Add(((long)k << 32) | (uint)day.DayNumber);
        Lines++;
        if (LastDay is null || day > LastDay)
        {
            LastDay = day;
        }
    }

    /// <summary>
    /// One entry per customer in first-seen order: activity (frequency = distinct purchase days, monetary = total
    /// revenue) and the number of orders (distinct order keys, or lines).
    /// </summary>
    public IReadOnlyList<CustomerPurchases> Build()
    {
        var days = new int[_ids.Count];
        var pairs = _customerDays.ToArray();
        Array.Sort(pairs);
        for (var i = 0; i < pairs.Length; i++)
        {
            if (i == 0 || pairs[i] != pairs[i - 1])
            {
                days[(int)(pairs[i] >> 32)]++;
            }
        }
        var result = new CustomerPurchases[_ids.Count];
        for (var k = 0; k < result.Length; k++)
        {
            var t = _totals[k];
            result[k] = new CustomerPurchases(new CustomerActivity(_ids[k], t.Last, days[k], t.Revenue), t.Orders);
        }
        return result;
    }

    private readonly record struct Totals(DateOnly Last, double Revenue, int Orders);
}

/// <summary>A customer's window activity and how many orders it took.</summary>
public readonly record struct CustomerPurchases(CustomerActivity Activity, int Orders);
