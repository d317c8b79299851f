using System.Globalization;

namespace Dashboard.Navigation;

/// <summary>An inclusive range of calendar days, read from and written to the URL as from=YYYY-MM-DD&amp;to=YYYY-MM-DD.</summary>
public readonly record struct DayRange(DateOnly From, DateOnly To)
{
    public const string Format = "yyyy-MM-dd";

    /// <summary>Start of the first day, UTC.</summary>
    public DateTime FromUtc => From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>Start of the day after the last day, UTC (exclusive upper bound).</summary>
    public DateTime ToExclusiveUtc => To.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The twelve months ending on <paramref name="end"/>.</summary>
    public static DayRange LastYear(DateOnly end) => new(end.AddYears(-1).AddDays(1), end);

    /// <summary>Parses the two query values; anything missing, malformed or reversed yields null (the caller's default).</summary>
    public static DayRange? TryParse(string? from, string? to)
    {
        if (!TryParseDay(from, out var f) || !TryParseDay(to, out var t) || t < f)
        {
            return null;
        }
        return new DayRange(f, t);
    }

    private static bool TryParseDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    public override string ToString() =>
        From.ToString(Format, CultureInfo.InvariantCulture) + ".." + To.ToString(Format, CultureInfo.InvariantCulture);
}
