namespace Dashboard.Domain.Recommendations;

/// <summary>A similar product and how similar it is (0 to 1).</summary>
public sealed record Neighbour(int ProductId, double Similarity);

/// <summary>How the item-to-item index is built.</summary>
public sealed record ItemToItemSettings
{
    /// <summary>Neighbours kept per product (the rest are treated as similarity 0).</summary>
    public int NeighboursPerProduct { get; init; } = 50;

    /// <summary>
    /// Weight of co-click similarity in the blend (1 − w)·purchase + w·click. Used only when clicks are given; a product
    /// with clicks but no purchases still gets click neighbours.
    /// </summary>
    public double ClickWeight { get; init; } = 0.3;
}

/// <summary>
/// Item-to-item similarity from co-purchase (and co-click) data. Each customer is a basket of the distinct products
/// they bought over the data's span (Linden, Smith &amp; York 2003, "Amazon.com recommendations: item-to-item
/// collaborative filtering"); two products are similar when the same customers buy both:
/// cosine(i, j) = c(i, j) / √(c(i) · c(j)), where c(i) counts customers who bought i and c(i, j) those who bought both.
/// Co-clicks give a second cosine over click baskets, blended in with <see cref="ItemToItemSettings.ClickWeight"/>.
/// Entry point: <see cref="Build"/>.
/// </summary>
public sealed class ItemToItem
{
    private readonly Dictionary<int, Neighbour[]> _neighbours;
    private readonly Dictionary<int, long[]> _buyers;

    private ItemToItem(Dictionary<int, Neighbour[]> neighbours, Dictionary<int, long[]> buyers, ItemToItemSettings settings)
    {
        _neighbours = neighbours;
        _buyers = buyers;
        Settings = settings;
    }

    public ItemToItemSettings Settings { get; }

    /// <summary>Every product that has neighbours or buyers.</summary>
    public IEnumerable<int> Products => _neighbours.Keys.Union(_buyers.Keys);

    /// <summary>The product's most similar products, most similar first (ties by product id); empty when unknown.</summary>
    public IReadOnlyList<Neighbour> Neighbours(int productId) => _neighbours.TryGetValue(productId, out var n) ? n : [];

    /// <summary>The similarity of <paramref name="b"/> to <paramref name="a"/> if b is among a's kept neighbours, else 0.</summary>
    public double Similarity(int a, int b) => Neighbours(a).FirstOrDefault(n => n.ProductId == b)?.Similarity ?? 0;

    /// <summary>Customers who bought the product (ascending ids); empty when none.</summary>
    public IReadOnlyList<long> Buyers(int productId) => _buyers.TryGetValue(productId, out var b) ? b : [];

    /// <summary>Builds the index. Orders and clicks of every customer count; the order of the inputs does not matter.</summary>
    public static ItemToItem Build(IReadOnlyCollection<CustomerOrder> orders, IReadOnlyCollection<ProductClick>? clicks = null, ItemToItemSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(orders);
        settings ??= new ItemToItemSettings();
        if (settings.NeighboursPerProduct < 1 || !(settings.ClickWeight is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(settings), "NeighboursPerProduct must be ≥ 1 and ClickWeight in [0, 1]");
        }
        var purchases = Baskets.From(orders.SelectMany(o => o.ProductIds.Select(p => (o.CustomerId, p))));
        var hasClicks = clicks is { Count: > 0 };
        var clickBaskets = hasClicks ? Baskets.From(clicks!.Select(c => (c.CustomerId, c.ProductId))) : null;
        var clickWeight = hasClicks ? settings.ClickWeight : 0;

        var products = purchases.Products.Union(clickBaskets?.Products ?? []).Order().ToArray();
        var neighbours = new Neighbour[products.Length][];
        Parallel.For(0, products.Length,
            () => (Purchase: purchases.NewScratch(), Click: clickBaskets?.NewScratch()),
            (index, _, scratch) =>
            {
                var product = products[index];
                var purchaseCounts = purchases.CountCoOccurrences(product, scratch.Purchase);
                var clickCounts = clickBaskets?.CountCoOccurrences(product, scratch.Click!.Value) ?? [];
                var candidates = new List<Neighbour>(purchaseCounts.Count + clickCounts.Count);
                foreach (var other in purchaseCounts.Keys.Union(clickCounts.Keys))
                {
                    var similarity = (1 - clickWeight) * purchases.Cosine(product, other, purchaseCounts)
                        + clickWeight * (clickBaskets?.Cosine(product, other, clickCounts) ?? 0);
                    if (similarity > 0)
                    {
                        candidates.Add(new Neighbour(other, similarity));
                    }
                }
                candidates.Sort(static (a, b) => b.Similarity != a.Similarity ? b.Similarity.CompareTo(a.Similarity) : a.ProductId.CompareTo(b.ProductId));
                neighbours[index] = [.. candidates.Take(settings.NeighboursPerProduct)];
                return scratch;
            },
            _ => { });
        var byProduct = new Dictionary<int, Neighbour[]>(products.Length);
        for (var i = 0; i < products.Length; i++)
        {
            byProduct[products[i]] = neighbours[i];
        }
        return new ItemToItem(byProduct, purchases.BuyersByProduct(), settings);
    }

    /// <summary>
    /// A copy of the index with <paramref name="productId"/> added as a product whose "buyers" are weighted customers
    /// (cold start: customers weighted by their campaign signals). Its similarity to product j is the weighted cosine
    /// Σ_{u bought j} w_u / (√(Σ w_u²) · √c(j)); it becomes a neighbour of every product it is similar to (beyond the
    /// usual cap) and gets its own top neighbours.
    /// </summary>
    public ItemToItem WithWeightedProduct(int productId, IReadOnlyDictionary<long, double> customerWeights)
    {
        ArgumentNullException.ThrowIfNull(customerWeights);
        if (customerWeights.Values.Any(w => !double.IsFinite(w) || w < 0))
        {
            throw new ArgumentException("customer weights must be finite and ≥ 0", nameof(customerWeights));
        }
        var norm = Math.Sqrt(customerWeights.Values.Sum(w => w * w));
        var similar = new List<Neighbour>();
        if (norm > 0)
        {
            foreach (var (other, buyers) in _buyers)
            {
                if (other == productId)
                {
                    continue;
                }
                double dot = 0;
                foreach (var buyer in buyers)
                {
                    dot += customerWeights.GetValueOrDefault(buyer);
                }
                if (dot > 0)
                {
                    similar.Add(new Neighbour(other, dot / (norm * Math.Sqrt(buyers.Length))));
                }
            }
        }
        similar.Sort(static (a, b) => b.Similarity != a.Similarity ? b.Similarity.CompareTo(a.Similarity) : a.ProductId.CompareTo(b.ProductId));
        var neighbours = new Dictionary<int, Neighbour[]>(_neighbours);
        foreach (var n in similar)
        {
            var existing = Neighbours(n.ProductId).Where(e => e.ProductId != productId);
            neighbours[n.ProductId] = [.. existing.Append(new Neighbour(productId, n.Similarity))
                .OrderByDescending(e => e.Similarity).ThenBy(e => e.ProductId)];
        }
        neighbours[productId] = [.. similar.Take(Settings.NeighboursPerProduct)];
        return new ItemToItem(neighbours, _buyers, Settings);
    }

    /// <summary>Customer → distinct products and product → customers, over dense product indices for fast counting.</summary>
    private sealed class Baskets
    {
        private readonly int[] _products;
        private readonly Dictionary<int, int> _indexOf;
        private readonly long[][] _customersOf;
        private readonly Dictionary<long, int[]> _productsOf;

        private Baskets(int[] products, Dictionary<int, int> indexOf, long[][] customersOf, Dictionary<long, int[]> productsOf)
        {
            _products = products;
            _indexOf = indexOf;
            _customersOf = customersOf;
            _productsOf = productsOf;
        }

        public IEnumerable<int> Products => _products;

        public static Baskets From(IEnumerable<(long Customer, int Product)> pairs)
        {
            var sets = new Dictionary<long, HashSet<int>>();
            foreach (var (customer, product) in pairs)
            {
                if (!sets.TryGetValue(customer, out var set))
                {
                    sets[customer] = set = [];
                }
                set.Add(product);
            }
            var products = sets.Values.SelectMany(s => s).Distinct().Order().ToArray();
            var indexOf = new Dictionary<int, int>(products.Length);
            for (var i = 0; i < products.Length; i++)
            {
                indexOf[products[i]] = i;
            }
            var customers = Enumerable.Range(0, products.Length).Select(_ => new List<long>()).ToArray();
            var productsOf = new Dictionary<long, int[]>(sets.Count);
            foreach (var (customer, set) in sets.OrderBy(kv => kv.Key))
            {
                var indices = set.Select(p => indexOf[p]).Order().ToArray();
                productsOf[customer] = indices;
                foreach (var index in indices)
                {
                    customers[index].Add(customer);
                }
            }
            return new Baskets(products, indexOf, [.. customers.Select(c => c.ToArray())], productsOf);
        }

        /// <summary>Scratch space for <see cref="CountCoOccurrences"/>: a counter per product and the list of touched ones.</summary>
        public (int[] Counts, List<int> Touched) NewScratch() => (new int[_products.Length], []);

        /// <summary>
        /// Counts, for every other product j, the customers who have both <paramref name="product"/> and j, and returns
        /// them as (product id, count). The scratch counters are left at zero again.
        /// </summary>
        public Dictionary<int, int> CountCoOccurrences(int product, (int[] Counts, List<int> Touched) scratch)
        {
            var result = new Dictionary<int, int>();
            if (!_indexOf.TryGetValue(product, out var self))
            {
                return result;
            }
            var (counts, touched) = scratch;
            foreach (var customer in _customersOf[self])
            {
                foreach (var other in _productsOf[customer])
                {
                    if (other != self && counts[other]++ == 0)
                    {
                        touched.Add(other);
                    }
                }
            }
            foreach (var other in touched)
            {
                result[_products[other]] = counts[other];
                counts[other] = 0;
            }
            touched.Clear();
            return result;
        }

        public double Cosine(int product, int other, Dictionary<int, int> counts)
        {
            var both = counts.GetValueOrDefault(other);
            return both == 0 ? 0 : both / Math.Sqrt((double)Buyers(product) * Buyers(other));
        }

        private int Buyers(int product) => _customersOf[_indexOf[product]].Length;

        public Dictionary<int, long[]> BuyersByProduct()
        {
            var result = new Dictionary<int, long[]>(_products.Length);
            for (var i = 0; i < _products.Length; i++)
            {
                result[_products[i]] = _customersOf[i];
            }
            return result;
        }
    }
}
