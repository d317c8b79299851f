using System.Globalization;

namespace Dashboard.Domain.Audiences;

/// <summary>"F", "M" or unknown, as the store keeps it.</summary>
public enum ProfileGender
{
    Unknown = 0,
    Female = 1,
    Male = 2,
}

/// <summary>
/// One profile's features as of a date (the store wiring computes them with GROUP BY customer). Every profile has a
/// row, prospects who never bought included: their purchase columns are 0 and <see cref="DaysSinceLastOrder"/> is null.
/// Counts and money are totals over the look-back window the caller chose; days are whole or fractional days before the
/// as-of date. <see cref="CategoryShares"/> and <see cref="SourceTouchpoints"/> follow the order of the table's
/// <see cref="ProfileFeatureTable.Categories"/> and <see cref="ProfileFeatureTable.Sources"/>.
/// </summary>
public sealed record ProfileFeatures(long ProfileId)
{
    /// <summary>Orders placed (RFM frequency).</summary>
    public int OrderCount { get; init; }

    /// <summary>Total spend in the brand's currency (RFM monetary).</summary>
    public double TotalSpend { get; init; }

    /// <summary>Days from the last order to the as-of date (RFM recency); null when the profile never ordered.</summary>
    public double? DaysSinceLastOrder { get; init; }

    /// <summary>Days from the first time the profile was seen on any source to the as-of date.</summary>
    public double DaysSinceFirstSeen { get; init; }

    /// <summary>Share of spend (or of bought items) per category, each in [0, 1]; all 0 for a profile that never bought.</summary>
    public IReadOnlyList<double> CategoryShares { get; init; } = [];

    /// <summary>Ad impressions received.</summary>
    public int Impressions { get; init; }

    /// <summary>Ad clicks.</summary>
    public int Clicks { get; init; }

    /// <summary>Visits to a shop, app or mini-program page.</summary>
    public int Visits { get; init; }

    /// <summary>Total dwell time of those visits, in minutes.</summary>
    public double DwellMinutes { get; init; }

    /// <summary>Messages (SMS, push, WeChat) opened.</summary>
    public int MessagesOpened { get; init; }

    /// <summary>Add-to-cart events.</summary>
    public int AddToCarts { get; init; }

    /// <summary>Touchpoints of any type per source (app users, followers and ad clickers show up here).</summary>
    public IReadOnlyList<double> SourceTouchpoints { get; init; } = [];

    /// <summary>Days from the last touchpoint of any kind to the as-of date; null when there is none.</summary>
    public double? DaysSinceLastTouchpoint { get; init; }

    public ProfileGender Gender { get; init; }

    /// <summary>Age in years at the as-of date; null when the birth year is unknown.</summary>
    public int? Age { get; init; }

    /// <summary>1 (first-tier cities) to 5; null when unknown.</summary>
    public int? CityTier { get; init; }
}

/// <summary>The feature rows of every profile in the pool, with the category and source names their lists follow.</summary>
public sealed record ProfileFeatureTable(IReadOnlyList<string> Categories, IReadOnlyList<string> Sources, IReadOnlyList<ProfileFeatures> Rows);

/// <summary>
/// Turns a <see cref="ProfileFeatures"/> row into the learner's numeric vector, with one named column per value.
/// Missing recencies become <see cref="NeverDays"/> plus a 0/1 "has ..." column, and demographics are one-hot with an
/// explicit "unknown" column, so both trees and linear learners can use them.
/// </summary>
public sealed class FeatureLayout
{
    /// <summary>The value a missing "days since" takes: ten years, older than any real recency in the window.</summary>
    public const double NeverDays = 3650;

    private static readonly string[] AgeBands = ["Age<25", "Age25-34", "Age35-44", "Age45+", "Age?"];

    private readonly int _categoryCount;
    private readonly int _sourceCount;

    /// <param name="includePurchases">
    /// False leaves out the purchase columns (RFM and category shares), so that a model can rank prospects, who never
    /// bought, on engagement and demographics alone instead of ranking every buyer above every prospect.
    /// </param>
    public FeatureLayout(IReadOnlyList<string> categories, IReadOnlyList<string> sources, bool includePurchases = true)
    {
        _categoryCount = categories.Count;
        _sourceCount = sources.Count;
        IncludesPurchases = includePurchases;
        Names =
        [
            .. includePurchases
                ? ["OrderCount", "TotalSpend", "AverageOrderValue", "HasOrdered", "DaysSinceLastOrder", .. categories.Select(c => "CategoryShare:" + c)]
                : Array.Empty<string>(),
            "DaysSinceFirstSeen",
            "Impressions", "Clicks", "Visits", "DwellMinutes", "MessagesOpened", "AddToCarts",
            .. sources.Select(s => "Touchpoints:" + s),
            "HasTouchpoint", "DaysSinceLastTouchpoint",
            "Gender=F", "Gender=M", "Gender?",
            .. AgeBands,
            .. Enumerable.Range(1, 5).Select(t => "CityTier=" + t.ToString(CultureInfo.InvariantCulture)), "CityTier?",
        ];
    }

    /// <summary>Column names, in vector order.</summary>
    public IReadOnlyList<string> Names { get; }

    public int Count => Names.Count;

    /// <summary>Whether the RFM and category-share columns are part of the vector.</summary>
    public bool IncludesPurchases { get; }

    /// <summary>Checks every row and throws <see cref="ArgumentException"/> naming the first bad profile and column.</summary>
    public static FeatureLayout For(ProfileFeatureTable table, bool includePurchases = true)
    {
        ArgumentNullException.ThrowIfNull(table);
        var layout = new FeatureLayout(table.Categories, table.Sources, includePurchases);
        var seen = new HashSet<long>();
        foreach (var row in table.Rows)
        {
            if (!seen.Add(row.ProfileId))
            {
                throw new ArgumentException($"profile {row.ProfileId} appears twice in the feature table", nameof(table));
            }
            layout.Validate(row);
        }
        return layout;
    }

    /// <summary>Writes the row's values into <paramref name="vector"/> (length <see cref="Count"/>).</summary>
    public void Fill(ProfileFeatures row, Span<float> vector)
    {
        var i = 0;
        if (IncludesPurchases)
        {
            vector[i++] = row.OrderCount;
            vector[i++] = (float)row.TotalSpend;
            vector[i++] = row.OrderCount > 0 ? (float)(row.TotalSpend / row.OrderCount) : 0f;
            vector[i++] = row.OrderCount > 0 ? 1f : 0f;
            vector[i++] = (float)(row.DaysSinceLastOrder ?? NeverDays);
            for (var c = 0; c < _categoryCount; c++)
            {
                vector[i++] = (float)row.CategoryShares[c];
            }
        }
        vector[i++] = (float)row.DaysSinceFirstSeen;
        vector[i++] = row.Impressions;
        vector[i++] = row.Clicks;
        vector[i++] = row.Visits;
        vector[i++] = (float)row.DwellMinutes;
        vector[i++] = row.MessagesOpened;
        vector[i++] = row.AddToCarts;
        for (var s = 0; s < _sourceCount; s++)
        {
            vector[i++] = (float)row.SourceTouchpoints[s];
        }
        vector[i++] = row.DaysSinceLastTouchpoint is null ? 0f : 1f;
        vector[i++] = (float)(row.DaysSinceLastTouchpoint ?? NeverDays);
        vector[i++] = row.Gender == ProfileGender.Female ? 1f : 0f;
        vector[i++] = row.Gender == ProfileGender.Male ? 1f : 0f;
        vector[i++] = row.Gender == ProfileGender.Unknown ? 1f : 0f;
        var band = AgeBand(row.Age);
        for (var b = 0; b < AgeBands.Length; b++)
        {
            vector[i++] = b == band ? 1f : 0f;
        }
        for (var t = 1; t <= 5; t++)
        {
            vector[i++] = row.CityTier == t ? 1f : 0f;
        }
        vector[i] = row.CityTier is null ? 1f : 0f;
    }

    private static int AgeBand(int? age) => age switch
    {
        null => 4,
        < 25 => 0,
        < 35 => 1,
        < 45 => 2,
        _ => 3,
    };

    private void Validate(ProfileFeatures row)
    {
        if (row.CategoryShares.Count != _categoryCount)
        {
            throw Bad(row, "CategoryShares", $"has {row.CategoryShares.Count} values but the table names {_categoryCount} categories");
        }
        if (row.SourceTouchpoints.Count != _sourceCount)
        {
            throw Bad(row, "SourceTouchpoints", $"has {row.SourceTouchpoints.Count} values but the table names {_sourceCount} sources");
        }
        CheckCount(row, "OrderCount", row.OrderCount);
        CheckCount(row, "Impressions", row.Impressions);
        CheckCount(row, "Clicks", row.Clicks);
        CheckCount(row, "Visits", row.Visits);
        CheckCount(row, "MessagesOpened", row.MessagesOpened);
        CheckCount(row, "AddToCarts", row.AddToCarts);
        CheckAmount(row, "TotalSpend", row.TotalSpend);
        CheckAmount(row, "DaysSinceFirstSeen", row.DaysSinceFirstSeen);
        CheckAmount(row, "DwellMinutes", row.DwellMinutes);
        CheckAmount(row, "DaysSinceLastOrder", row.DaysSinceLastOrder ?? 0);
        CheckAmount(row, "DaysSinceLastTouchpoint", row.DaysSinceLastTouchpoint ?? 0);
        for (var c = 0; c < _categoryCount; c++)
        {
            if (!(row.CategoryShares[c] is >= 0 and <= 1))
            {
                throw Bad(row, "CategoryShares", $"value {row.CategoryShares[c].ToString(CultureInfo.InvariantCulture)} for category {c} is not a share in [0, 1]");
            }
        }
        for (var s = 0; s < _sourceCount; s++)
        {
            CheckAmount(row, "SourceTouchpoints", row.SourceTouchpoints[s]);
        }
        if (row.CityTier is < 1 or > 5)
        {
            throw Bad(row, "CityTier", $"is {row.CityTier.Value.ToString(CultureInfo.InvariantCulture)}, not 1 to 5");
        }
        if (row.Age is < 0 or > 130)
        {
            throw Bad(row, "Age", $"is {row.Age.Value.ToString(CultureInfo.InvariantCulture)}, not a plausible age");
        }
    }

    private static void CheckCount(ProfileFeatures row, string column, int value)
    {
        if (value < 0)
        {
            throw Bad(row, column, $"is negative ({value.ToString(CultureInfo.InvariantCulture)})");
        }
    }

    private static void CheckAmount(ProfileFeatures row, string column, double value)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw Bad(row, column, $"is {value.ToString(CultureInfo.InvariantCulture)}; it must be a finite number ≥ 0");
        }
    }

    private static ArgumentException Bad(ProfileFeatures row, string column, string problem) =>
        new($"profile {row.ProfileId}: {column} {problem}");
}
