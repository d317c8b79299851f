using System.Globalization;
using Dashboard.Domain.Allocation;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Dashboard.Features.Budget;

/// <summary>What a budget split is judged on.</summary>
public enum BudgetOutcome
{
    Revenue,
    Conversions,
}

/// <summary>A channel bound as typed by the user: an absolute weekly spend, or a percentage of the channel's current spend.</summary>
public sealed record BoundSpec(double Value, bool IsPercent)
{
    /// <summary>The URL form: "60pct" for 60% of current spend, "12000" for an absolute weekly spend.</summary>
    public string Format() => IsPercent
        ? Value.ToString("0.#", CultureInfo.InvariantCulture) + "pct"
        : Value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>The weekly spend this bound stands for, given the channel's reference (current) spend.</summary>
    public double Resolve(double reference) => IsPercent ? reference * Value / 100 : Value;

    /// <summary>Reads "60pct", "60%" or "12000"; anything else (negative, not a number, infinite) gives null.</summary>
    public static BoundSpec? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        text = text.Trim();
        var (number, percent) = text.EndsWith("pct", StringComparison.OrdinalIgnoreCase) ? (text[..^3], true)
            : text.EndsWith('%') ? (text[..^1], true)
            : (text, false);
        return BudgetQuery.TryParseAmount(number) is { } value && (!percent || value <= 100_000) ? new BoundSpec(value, percent) : null;
    }
}

/// <summary>
/// The Budget page's URL state: outcome, whether the total is locked, the weekly spend per channel (absent = current spend),
/// per-channel bounds (absent = the defaults), the inverse questions, the compared scenario and the channel whose fit is shown.
/// Bad values fall back to their defaults; parsing never throws.
/// </summary>
/// <param name="Spends">Weekly spend per channel code; channels not listed stay at their current spend.</param>
/// <param name="Lower">Lower bound per channel code; channels not listed use <see cref="DefaultLower"/>.</param>
/// <param name="Upper">Upper bound per channel code; channels not listed use <see cref="DefaultUpper"/>.</param>
/// <param name="Target">Inverse question: the weekly outcome to reach with the smallest budget.</param>
/// <param name="Floor">Inverse question: the marginal ROI to keep while spending as much as possible.</param>
/// <param name="Compare">The saved scenario compared with the current and optimized splits.</param>
/// <param name="Fit">The channel whose fit (observed vs fitted, residuals) is shown.</param>
/// <param name="GroupTotal">The budget split across customer groups; null = the channel split's weekly total.</param>
/// <param name="GroupBudgets">
/// The user's split across customer groups (groups not listed get 0); null or empty = the same spend per head in every group.
/// </param>
public sealed record BudgetQuery(
    BudgetOutcome Outcome,
    bool TotalLocked,
    IReadOnlyDictionary<string, double> Spends,
    IReadOnlyDictionary<string, BoundSpec> Lower,
    IReadOnlyDictionary<string, BoundSpec> Upper,
    double? Target = null,
    double? Floor = null,
    long? Compare = null,
    string? Fit = null,
    double? GroupTotal = null,
    IReadOnlyDictionary<CustomerGroup, double>? GroupBudgets = null)
{
    public const string OutcomeParameter = "outcome";
    public const string LockParameter = "lock";
    public const string SpendPrefix = "s.";
    public const string LowerPrefix = "lo.";
    public const string UpperPrefix = "hi.";
    public const string TargetParameter = "target";
    public const string FloorParameter = "floor";
    public const string CompareParameter = "cmp";
    public const string FitParameter = "fit";
    public const string GroupTotalParameter = "g.total";
    public const string GroupPrefix = "g.";

    /// <summary>The default bounds: half and twice the current spend.</summary>
    public static BoundSpec DefaultLower { get; } = new(50, IsPercent: true);

    public static BoundSpec DefaultUpper { get; } = new(200, IsPercent: true);

    public static BudgetQuery Default { get; } = new(BudgetOutcome.Revenue, TotalLocked: true,
        new Dictionary<string, double>(), new Dictionary<string, BoundSpec>(), new Dictionary<string, BoundSpec>());

    public BoundSpec LowerOf(string code) => Lower.GetValueOrDefault(code) ?? DefaultLower;

    public BoundSpec UpperOf(string code) => Upper.GetValueOrDefault(code) ?? DefaultUpper;

    /// <summary>Parses a query string ("?a=1&amp;b=2", with or without the "?") or a whole URI.</summary>
    public static BudgetQuery Parse(string? queryOrUri)
    {
        var text = queryOrUri ?? "";
        var start = text.IndexOf('?', StringComparison.Ordinal);
        var query = start >= 0 ? QueryHelpers.ParseQuery(text[start..]) : QueryHelpers.ParseQuery(text.Contains('=', StringComparison.Ordinal) ? text : "");
        return Parse(query);
    }

    public static BudgetQuery Parse(IReadOnlyDictionary<string, StringValues> query)
    {
        var spends = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var lower = new SortedDictionary<string, BoundSpec>(StringComparer.Ordinal);
        var upper = new SortedDictionary<string, BoundSpec>(StringComparer.Ordinal);
        var groups = new SortedDictionary<CustomerGroup, double>();
        foreach (var (key, values) in query)
        {
            var value = values.LastOrDefault();
            if (GroupKey(key) is { } group && TryParseAmount(value) is { } budget)
            {
                groups[group] = budget;
            }
            else if (ChannelKey(key, SpendPrefix) is { } s && TryParseAmount(value) is { } spend)
            {
                spends[s] = spend;
            }
            else if (ChannelKey(key, LowerPrefix) is { } l && BoundSpec.TryParse(value) is { } lo)
            {
                lower[l] = lo;
            }
            else if (ChannelKey(key, UpperPrefix) is { } u && BoundSpec.TryParse(value) is { } hi)
            {
                upper[u] = hi;
            }
        }
        string? Single(string name) => query.TryGetValue(name, out var v) ? v.LastOrDefault() : null;
        var outcome = string.Equals(Single(OutcomeParameter), "conversions", StringComparison.OrdinalIgnoreCase)
            ? BudgetOutcome.Conversions : BudgetOutcome.Revenue;
        var locked = Single(LockParameter) is not ("0" or "false" or "off");
        var compare = long.TryParse(Single(CompareParameter), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : (long?)null;
        var target = TryParseAmount(Single(TargetParameter)) is > 0 and var t ? t : (double?)null;
        var floor = TryParseAmount(Single(FloorParameter)) is > 0 and var f ? f : (double?)null;
        var fit = Single(FitParameter) is { } code && IsChannelCode(code) ? code : null;
        var groupTotal = TryParseAmount(Single(GroupTotalParameter));
        return new BudgetQuery(outcome, locked, spends, lower, upper, target, floor, compare, fit, groupTotal, groups.Count > 0 ? groups : null);
    }

    /// <summary>The query pairs in a fixed order, defaults left out (build links with DashboardUrls.Budget).</summary>
    public IEnumerable<KeyValuePair<string, string?>> ToPairs()
    {
        if (Outcome == BudgetOutcome.Conversions)
        {
            yield return new(OutcomeParameter, "conversions");
        }
        if (!TotalLocked)
        {
            yield return new(LockParameter, "0");
        }
        foreach (var (code, spend) in Spends.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            yield return new(SpendPrefix + code, FormatAmount(spend));
        }
        foreach (var (code, bound) in Lower.Where(kv => kv.Value != DefaultLower).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            yield return new(LowerPrefix + code, bound.Format());
        }
        foreach (var (code, bound) in Upper.Where(kv => kv.Value != DefaultUpper).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            yield return new(UpperPrefix + code, bound.Format());
        }
        if (Target is { } target)
        {
            yield return new(TargetParameter, FormatAmount(target));
        }
        if (Floor is { } floor)
        {
            yield return new(FloorParameter, floor.ToString("0.####", CultureInfo.InvariantCulture));
        }
        if (Compare is { } compare)
        {
            yield return new(CompareParameter, compare.ToString(CultureInfo.InvariantCulture));
        }
        if (Fit is { } fit)
        {
            yield return new(FitParameter, fit);
        }
        if (GroupTotal is { } groupTotal)
        {
            yield return new(GroupTotalParameter, FormatAmount(groupTotal));
        }
        foreach (var (group, budget) in (GroupBudgets ?? new Dictionary<CustomerGroup, double>()).OrderBy(kv => kv.Key))
        {
            yield return new(GroupPrefix + GroupName(group), FormatAmount(budget));
        }
    }

    /// <summary>A customer group's key in links: "retain", "develop", "winback", "acquire".</summary>
    public static string GroupName(CustomerGroup group) => group.ToString().ToLowerInvariant();

    private static CustomerGroup? GroupKey(string key)
    {
        if (!key.StartsWith(GroupPrefix, StringComparison.Ordinal))
        {
            return null;
        }
        var name = key[GroupPrefix.Length..];
        return Enum.GetValues<CustomerGroup>().Where(g => GroupName(g) == name).Select(g => (CustomerGroup?)g).FirstOrDefault();
    }

    /// <summary>Weekly amounts in links: whole units are written without decimals, otherwise at most two.</summary>
    public static string FormatAmount(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A finite number ≥ 0 in invariant culture, below 10^13; null otherwise.</summary>
    internal static double? TryParseAmount(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value >= 0 && value < 1e13
            ? value
            : null;

    /// <summary>Channel codes are short lower-case identifiers (AdChannel.Code): letters, digits, '_' and '-'.</summary>
    public static bool IsChannelCode(string code) =>
        code.Length is > 0 and <= 40 && code.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-');

    private static string? ChannelKey(string key, string prefix) =>
        key.StartsWith(prefix, StringComparison.Ordinal) && IsChannelCode(key[prefix.Length..]) ? key[prefix.Length..] : null;
}
