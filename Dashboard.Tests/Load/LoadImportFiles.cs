using System.Globalization;
using Dashboard.Cli;
using Dashboard.Data;
using Dashboard.Data.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Load;

/// <summary>
/// The files the load test imports: new customers (the `bench import` generator's), and a second basket for every order the
/// demo brand holds, three days after the first, from the same buyer. Repeat purchases keep the order history one the
/// lifetime model can fit (the generator's uniformly random orders cannot identify BG/NBD, and a run on them fails).
/// </summary>
public static class LoadImportFiles
{
    public const int NewCustomers = 20_000;

    public static async Task<(string Customers, string Orders)> WriteAsync(IServiceProvider services, string folder)
    {
        var customers = BenchImportFiles.Write(folder, NewCustomers, lines: 1, seed: 11).Customers;
        var orders = Path.Combine(folder, "second-baskets.csv");
        await using var db = await services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var lines = await db.OrderLines.AsNoTracking()
            .Select(l => new
            {
                Source = l.Order!.Source!.Code, l.Order.OrderNo, l.LineNo, ExternalId = db.SourceIdentities.Single(s => s.Id == l.Order.SourceIdentityId).ExternalId,
                l.Order.PlacedAtUtc, l.Product!.Sku, l.Product.Name, l.Product.Category, l.Quantity, l.UnitPrice,
            })
            .ToListAsync();
        await using var writer = new StreamWriter(orders);
        await writer.WriteLineAsync(string.Join(",", CsvLayouts.Orders));
        foreach (var l in lines)
        {
            await writer.WriteLineAsync(string.Join(",", l.Source, "L" + l.OrderNo, l.LineNo.ToString(CultureInfo.InvariantCulture), l.ExternalId,
                l.PlacedAtUtc.AddDays(3).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), l.Sku, Quote(l.Name), Quote(l.Category),
                l.Quantity.ToString(CultureInfo.InvariantCulture), l.UnitPrice.ToString("0.00", CultureInfo.InvariantCulture)));
        }
        return (customers, orders);
    }

    private static string Quote(string value) => value.Contains(',') || value.Contains('"') ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}
