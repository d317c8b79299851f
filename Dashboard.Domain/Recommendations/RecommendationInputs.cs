namespace Dashboard.Domain.Recommendations;

/// <summary>An order (a basket): the products one customer bought at one time. Repeated products count once.</summary>
public sealed record CustomerOrder(long CustomerId, long OrderId, DateTime PlacedAtUtc, IReadOnlyList<int> ProductIds);

/// <summary>A click on, or a visit to, a product page by a customer (co-click data).</summary>
public sealed record ProductClick(long CustomerId, int ProductId, DateTime AtUtc);

/// <summary>What one customer did with one product: the last purchase and the last click (either possibly absent), and in how many orders they bought it.</summary>
public sealed record ProductInteraction(int ProductId, DateTime? LastPurchaseUtc, DateTime? LastClickUtc, int PurchaseCount = 0);

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

    /// <summary>Builds the history from one customer's orders and clicks, keeping only events at or before <paramref name="asOfUtc"/>.</summary>
    public static CustomerHistory From(IEnumerable<CustomerOrder> orders, IEnumerable<ProductClick> clicks, DateTime asOfUtc)
    {
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(clicks);
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
        foreach (var click in clicks.Where(c => c.AtUtc <= asOfUtc))
        {
            var current = byProduct.GetValueOrDefault(click.ProductId) ?? new ProductInteraction(click.ProductId, null, null);
            if (current.LastClickUtc is null || current.LastClickUtc < click.AtUtc)
            {
                byProduct[click.ProductId] = current with { LastClickUtc = click.AtUtc };
            }
        }
        return new CustomerHistory(byProduct);
    }

    /// <summary>A history of purchases only.</summary>
    public static CustomerHistory From(IEnumerable<CustomerOrder> orders, DateTime asOfUtc) => From(orders, [], asOfUtc);
}
