using System.Globalization;
using Dashboard.Shared;

namespace Dashboard.Features.Budget;

/// <summary>Formats outcomes and returns for the chosen outcome: money for revenue, counts for conversions.</summary>
public sealed class BudgetFormat(Money money, BudgetOutcome outcome)
{
    public BudgetOutcome Outcome => outcome;

    public string Spend(double amount) => money.Format(amount);

    /// <summary>A weekly outcome: ¥12,345 of revenue, or 1,234.5 conversions.</summary>
    public string Response(double value) => outcome == BudgetOutcome.Revenue
        ? money.Format(value)
        : value.ToString(Math.Abs(value) < 100 ? "N1" : "N0", CultureInfo.CurrentCulture);

    /// <summary>A return per unit of spend: 3.21× for revenue, conversions per 1,000 of currency for conversions.</summary>
    public string Return(double perUnit)
    {
        if (double.IsPositiveInfinity(perUnit))
        {
            return "∞";
        }
        return outcome == BudgetOutcome.Revenue
            ? perUnit.ToString("N2", CultureInfo.CurrentCulture) + "×"
            : (perUnit * 1000).ToString("N2", CultureInfo.CurrentCulture) + " / " + money.Symbol + "1K";
    }

    /// <summary>A signed change in percent, e.g. +12.5%.</summary>
    public static string Change(double from, double to) =>
        from > 0 ? ((to - from) / from).ToString("+0.0%;-0.0%;0.0%", CultureInfo.CurrentCulture) : "—";

    /// <summary>A slider step of 1, 2 or 5 × 10^k giving about 200 steps over the range (whole currency units).</summary>
    public static double Step(double lower, double upper)
    {
        var raw = Math.Max(1, (upper - lower) / 200);
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var mantissa = raw / magnitude;
        var nice = mantissa <= 1 ? 1 : mantissa <= 2 ? 2 : mantissa <= 5 ? 5 : 10;
        return Math.Max(1, nice * magnitude);
    }
}
