namespace Dashboard.Domain.Recommendations;

/// <summary>An order (a basket): the products one customer bought at one time. Repeated products count once.</summary>
public sealed record CustomerOrder(long CustomerId, long OrderId, DateTime PlacedAtUtc, IReadOnlyList<int> ProductIds);

/// <summary>
/// A customer's engagement with a product short of buying it (co-engagement data): a click by default, or an exposure,
/// a visit (with its dwell time) or an add-to-cart. <see cref="ItemToItem"/> weighs each by <see cref="SignalWeights"/>;
/// a customer's history counts every type except exposures as a click.
/// </summary>
public sealed record ProductClick(long CustomerId, int ProductId, DateTime AtUtc, SignalType Type = SignalType.Click, double? DwellSeconds = null);

/// <summary>
/// What one customer did with one product: the last purchase and the last click (either possibly absent), in how many
/// orders they bought it, and the weight of their strongest engagement short of buying (<see cref="SignalWeights.EventWeight"/>
/// of a click, visit or add-to-cart; 0 when none).
/// </summary>
public sealed record ProductInteraction(int ProductId, DateTime? LastPurchaseUtc, DateTime? LastClickUtc, int PurchaseCount = 0, double Engagement = 0);

/// <summary>
/// One customer's history as of a date: the last purchase and last click per product. Events after the as-of date are
/// left out, so the same history can be replayed at any date without seeing the future.
/// </summary>
public sealed class CustomerHistory
{
    private readonly Dictionary<int, ProductInteraction> _byProduct;

    private CustomerHistory(Dictionary<int, ProductInteraction> byProduct) => _byProduct = byProduct;

    public static CustomerHistory Empty { get; } = new([]);

    public IReadOnlyCollection<ProductInteraction> Interactions => _byProduct.Values;

    public ProductInteraction? Of(int productId) => _byProduct.GetValueOrDefault(productId);

    /// <summary>
    /// Builds the history from one customer's orders and clicks, keeping only events at or before <paramref name="asOfUtc"/>;
    /// <paramref name="weights"/> (defaults when null) weigh the engagements.
    /// </summary>
    public static CustomerHistory From(IEnumerable<CustomerOrder> orders, IEnumerable<ProductClick> clicks, DateTime asOfUtc, SignalWeights? weights = null)
    {
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(clicks);
        weights ??= new SignalWeights();
        var byProduct = new Dictionary<int, ProductInteraction>();
        foreach (var order in orders.Where(o => o.PlacedAtUtc <= asOfUtc))
        {
            foreach (var product in order.ProductIds.Distinct())
            {
                var current = byProduct.GetValueOrDefault(product) ?? new ProductInteraction(product, null, null);
                if (current.LastPurchaseUtc is null || current.LastPurchaseUtc < order.PlacedAtUtc)
                {
                    current = current with { LastPurchaseUtc = order.PlacedAtUtc };
                }
                byProduct[product] = current with { PurchaseCount = current.PurchaseCount + 1 };
            }
        }
        // An impression says more about the ad's targeting than about the customer's taste: it is no history item.
        foreach (var click in clicks.Where(c => c.AtUtc <= asOfUtc && c.Type != SignalType.Exposure))
        {
            var current = byProduct.GetValueOrDefault(click.ProductId) ?? new ProductInteraction(click.ProductId, null, null);
            if (current.LastClickUtc is null || current.LastClickUtc < click.AtUtc)
            {
                current = current with { LastClickUtc = click.AtUtc };
            }
            byProduct[click.ProductId] = current with
            {
                Engagement = Math.Max(current.Engagement, weights.EventWeight(click.Type, click.DwellSeconds, click.CustomerId)),
            };
        }
        return new CustomerHistory(byProduct);
    }

    /// <summary>A history of purchases only.</summary>
    public static CustomerHistory From(IEnumerable<CustomerOrder> orders, DateTime asOfUtc) => From(orders, [], asOfUtc);
}
