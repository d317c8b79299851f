using System.Globalization;

namespace Dashboard.Data.Import;

/// <summary>
/// The current record of a file, its values in layout order, with parsers that record a problem (naming the line
/// and column) instead of throwing. A row with any problem is not written.
/// </summary>
internal sealed class ImportRow(IReadOnlyList<string> columns, ImportProblems problems)
{
    // ISO 8601: a date, or a date and time with optional fraction and optional Z/offset (a space instead of T is accepted).
    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
    ];

    private readonly string[] _values = new string[columns.Count];
    private Func<long>? _locate;
    private long? _line;

    public IReadOnlyList<string> Columns => columns;

    public bool HasProblems { get; private set; }

    /// <summary>The 1-based line where the record starts (the header is line 1).</summary>
    public long Line => _line ??= _locate?.Invoke() ?? 0;

    /// <summary>Starts a new record; <paramref name="locate"/> finds its line only when a problem needs it.</summary>
    public void Reset(Func<long> locate)
    {
        _locate = locate;
        _line = null;
        HasProblems = false;
    }

    public void Set(int column, string value) => _values[column] = value;

    public string Raw(int column) => _values[column];

    public void Problem(int column, string problem)
    {
        HasProblems = true;
        problems.Add(Line, columns[column], problem);
    }

    /// <summary>An optional text: trimmed, null when empty.</summary>
    public string? Text(int column, int maxLength)
    {
        var text = _values[column].Trim();
        if (text.Length == 0)
        {
            return null;
        }
        if (text.Length > maxLength)
        {
            Problem(column, $"{columns[column]} is {text.Length} characters long; at most {maxLength} are allowed");
            return null;
        }
        return text;
    }

    /// <summary>A required text, such as an id: trimmed; a problem when empty.</summary>
    public string Required(int column, int maxLength)
    {
        var text = Text(column, maxLength);
        if (text is null && _values[column].Trim().Length == 0)
        {
            Problem(column, $"missing {columns[column]}: every row needs one");
        }
        return text ?? "";
    }

    /// <summary>An ISO 8601 date or date-time, converted to UTC (no zone = UTC).</summary>
    public DateTime? Date(int column, bool required)
    {
        var text = _values[column].Trim();
        if (text.Length == 0)
        {
            if (required)
            {
                Problem(column, $"missing {columns[column]}: every row needs a date");
            }
            return null;
        }
        if (!DateTimeOffset.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            Problem(column, $"'{Clip(text)}' is not a date: use yyyy-MM-dd or yyyy-MM-ddTHH:mm:ss, optionally with Z or an offset such as +08:00");
            return null;
        }
        return value.UtcDateTime;
    }

    /// <summary>A finite number in invariant culture (dot as decimal separator, no thousands separators), at least <paramref name="min"/>.</summary>
    public double? Number(int column, bool required, double min)
    {
        var text = _values[column].Trim();
        if (text.Length == 0)
        {
            if (required)
            {
                Problem(column, $"missing {columns[column]}: every row needs an amount");
            }
            return null;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            Problem(column, $"'{Clip(text)}' is not a number: use digits with a dot for decimals, e.g. 1234.5");
            return null;
        }
        if (value < min)
        {
            Problem(column, $"{columns[column]} {text} is {(value < 0 ? "negative" : "too small")}: it must be at least {min.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }
        return value;
    }

    /// <summary>A whole number between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public int? Whole(int column, bool required, int min, int max)
    {
        var text = _values[column].Trim();
        if (text.Length == 0)
        {
            if (required)
            {
                Problem(column, $"missing {columns[column]}: every row needs one");
            }
            return null;
        }
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            Problem(column, $"'{Clip(text)}' is not a whole number");
            return null;
        }
        if (value < min || value > max)
        {
            var what = value < 0 ? "negative" : "out of range";
            Problem(column, $"{columns[column]} {text} is {what}: it must be a whole number from {min} to {max}");
            return null;
        }
        return (int)value;
    }

    /// <summary>A yes/no flag: 1/0, true/false, yes/no, y/n; empty means no (consent is opt-in).</summary>
    public bool Flag(int column)
    {
        var text = _values[column].Trim();
        switch (text.ToLowerInvariant())
        {
            case "" or "0" or "false" or "no" or "n":
                return false;
            case "1" or "true" or "yes" or "y":
                return true;
            default:
                Problem(column, $"'{Clip(text)}' is not a yes/no value: use 1 or 0 (true/false and yes/no are accepted too)");
                return false;
        }
    }

    public static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
