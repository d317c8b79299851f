namespace Dashboard.Data.Entities;

public sealed class Product
{
    public int Id { get; set; }
    public required string Sku { get; set; }
    public required string Name { get; set; }
    public required string Category { get; set; }
    /// <summary>List price in the brand's currency.</summary>
    public double Price { get; set; }
}
