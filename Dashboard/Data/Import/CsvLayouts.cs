namespace Dashboard.Data.Import;

/// <summary>
/// The column sets of the import files (docs/import.md describes them). A file must have a header row with
/// exactly these columns, in any order; names are matched case-insensitively after trimming.
/// </summary>
public static class CsvLayouts
{
    public static readonly IReadOnlyList<string> Customers =
    [
        "source", "source_id", "name", "phone", "email", "member_no", "gender", "birth_year", "city", "city_tier",
        "first_seen", "consent_sms", "consent_email", "consent_push", "consent_ads",
    ];

    public static readonly IReadOnlyList<string> Orders =
    [
        "source", "order_no", "line_no", "source_id", "ordered_at", "sku", "product_name", "category", "quantity", "unit_price",
    ];

    public static readonly IReadOnlyList<string> Touchpoints =
    [
        "source", "event_id", "source_id", "type", "occurred_at", "dwell_seconds", "campaign", "sku",
    ];

    public static readonly IReadOnlyList<string> Spend = ["channel", "week_start", "spend", "revenue", "conversions"];

    public static IReadOnlyList<string> For(ImportKind kind) => kind switch
    {
        ImportKind.Customers => Customers,
        ImportKind.Orders => Orders,
        ImportKind.Touchpoints => Touchpoints,
        ImportKind.Spend => Spend,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The kind as written in files, URLs and the CLI ("customers", "orders", "touchpoints", "spend").</summary>
    public static string Code(this ImportKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>Parses "customers|orders|touchpoints|spend" (case-insensitive); false for anything else, including numbers.</summary>
    public static bool TryParseKind(string? text, out ImportKind kind)
    {
        foreach (var candidate in Enum.GetValues<ImportKind>())
        {
            if (string.Equals(text?.Trim(), candidate.Code(), StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }
        kind = default;
        return false;
    }

    public static string KindList => string.Join("|", Enum.GetValues<ImportKind>().Select(k => k.Code()));
}
