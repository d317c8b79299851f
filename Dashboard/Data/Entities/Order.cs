namespace Dashboard.Data.Entities;

/// <summary>An order placed through one source. Total is the sum of its lines, kept for fast aggregation.</summary>
public sealed class Order
{
    public long Id { get; set; }
    public int SourceId { get; set; }
    /// <summary>The order number within the source.</summary>
    public required string OrderNo { get; set; }
    public long CustomerId { get; set; }
    public long SourceIdentityId { get; set; }
    public DateTime PlacedAtUtc { get; set; }
    /// <summary>Sum of line amounts, in the brand's currency.</summary>
    public double Total { get; set; }
    public int LineCount { get; set; }
    public long? ImportRunId { get; set; }

    public DataSource? Source { get; set; }
    public Customer? Customer { get; set; }
    public List<OrderLine> Lines { get; set; } = [];
}

public sealed class OrderLine
{
    public long Id { get; set; }
    public long OrderId { get; set; }
    public int LineNo { get; set; }
    public int ProductId { get; set; }
    public int Quantity { get; set; }
    public double UnitPrice { get; set; }
    /// <summary>Quantity × unit price.</summary>
    public double Amount { get; set; }
    public long? ImportRunId { get; set; }

    public Order? Order { get; set; }
    public Product? Product { get; set; }
}
