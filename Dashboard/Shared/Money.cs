using System.Globalization;
using Microsoft.Extensions.Options;

namespace Dashboard.Shared;

/// <summary>Formats amounts in the brand's currency with the reader's digit grouping.</summary>
public sealed class Money(IOptions<BrandOptions> brand)
{
    private static readonly Dictionary<string, string> Symbols = new(StringComparer.Ordinal)
    {
        ["CNY"] = "¥", ["USD"] = "$", ["EUR"] = "€", ["GBP"] = "£", ["JPY"] = "¥", ["HKD"] = "HK$",
    };

    public string Currency => brand.Value.Currency;

    public string Symbol => Symbols.GetValueOrDefault(Currency, Currency + " ");

    /// <summary>¥1,234,568 (no decimals) for large figures, ¥12.34 below 100.</summary>
    public string Format(double amount)
    {
        var culture = CultureInfo.CurrentCulture;
        var digits = Math.Abs(amount) < 100 ? "N2" : "N0";
        var text = Math.Abs(amount).ToString(digits, culture);
        return (amount < 0 ? "-" : "") + Symbol + text;
    }

    /// <summary>¥1.2M style for chart annotations and KPI cards.</summary>
    public string Compact(double amount)
    {
        var abs = Math.Abs(amount);
        var (value, suffix) = abs switch
        {
            >= 1e9 => (amount / 1e9, "B"),
            >= 1e6 => (amount / 1e6, "M"),
            >= 1e4 => (amount / 1e3, "K"),
            _ => (amount, ""),
        };
        return Symbol + value.ToString(suffix.Length == 0 ? "N0" : "0.#", CultureInfo.CurrentCulture) + suffix;
    }
}
