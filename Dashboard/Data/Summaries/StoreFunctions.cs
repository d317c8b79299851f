using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Summaries;

/// <summary>SQL functions the store's LINQ queries use, mapped in <see cref="DashboardDbContext"/>.</summary>
public static class StoreFunctions
{
    /// <summary>
    /// The calendar day of a UTC timestamp: SQL's built-in date(), which SQLite applies to its stored text dates
    /// ('2025-01-02 10:00:00' → '2025-01-02') and PostgreSQL to timestamps. Only for use inside queries.
    /// </summary>
    public static DateOnly Day(DateTime utc) => throw new InvalidOperationException("StoreFunctions.Day runs only inside a database query.");

    /// <summary>Registers the functions with the model.</summary>
    public static void Map(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.HasDbFunction(typeof(StoreFunctions).GetMethod(nameof(Day))!).HasName("date").IsBuiltIn();
    }
}
