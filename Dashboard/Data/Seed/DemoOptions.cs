using System.ComponentModel.DataAnnotations;

namespace Dashboard.Data.Seed;

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seed the demo brand when the store is empty at start-up.</summary>
    public bool SeedOnFirstStart { get; set; } = true;

    [Range(100, 10_000_000)]
    public int Customers { get; set; } = 20_000;

    public int Seed { get; set; } = 42;
}
