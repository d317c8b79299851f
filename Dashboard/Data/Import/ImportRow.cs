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

    private string[] _values = Enumerable.Repeat("", columns.Count).ToArray();
    private Func<long>? _locate;
    private long? _line;

    public IReadOnlyList<string> Columns => columns;

    public bool HasProblems { get; private set; }

    /// <summary>The 1-based line where the record starts (the header is line 1).</summary>
    public long Line => _line ??= _locate?.Invoke() ?? 0;

    /// <summary>
    /// Starts a new record with <paramref name="values"/> (in layout order; not copied); <paramref name="locate"/>
    /// finds its line only when a problem needs it.
    /// </summary>
    public void Reset(Func<long> locate, string[] values)
    {
        _locate = locate;
        _line = null;
        _values = values;
        HasProblems = false;
    }

    /// <summary>
    /// Line breaks inside (quoted) values: the parser knows the line where a record ends, and a record spanning
    /// lines starts this many lines earlier. Every column of the file is a value here (the column set is exact).
    /// </summary>
    public int NewlinesInValues()
    {
        var count = 0;
        foreach (var value in _values)
        {
            count += value.AsSpan().Count('\n');
        }
        return count;
    }

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
        if (IsoDate.TryParseUtc(text, out var fast))
        {
            return fast;
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

/// <summary>
/// One record as the parser read it, kept until its batch is written: the values in layout order (all empty when the
/// record has the wrong number of fields), the parser's line at its end, and whether its quoting was malformed.
/// </summary>
internal sealed class CsvRecord(int columns)
{
    public string[] Values { get; } = new string[columns];

    /// <summary>The 1-based line where the record ends (a quoted value may span lines).</summary>
    public long EndLine { get; private set; }

    public int FieldCount { get; private set; }

    public bool BadQuoting { get; set; }

    /// <summary>Whether the record's values were read (the right number of fields, well quoted): the writer may look at them.</summary>
    public bool Readable => FieldCount == Values.Length && !BadQuoting;

    public void Read(CsvHelper.CsvParser parser, int[] map)
    {
        EndLine = parser.RawRow;
        FieldCount = parser.Count;
        if (FieldCount != map.Length)
        {
            Array.Fill(Values, "");
            return;
        }
        for (var i = 0; i < map.Length; i++)
        {
            Values[i] = parser[map[i]] ?? "";
        }
    }

    /// <summary>A value trimmed, as the row's parsers take it.</summary>
    public string Trimmed(int column) => Values[column].Trim();
}

/// <summary>
/// The common ISO 8601 shapes without fractions, parsed by hand (the general parser costs about as much as
/// inserting the row): yyyy-MM-dd, yyyy-MM-ddTHH:mm:ss (T or space), then nothing, Z, or ±HH:mm. Anything else
/// is left to <see cref="DateTimeOffset.TryParseExact(string, string[], IFormatProvider, DateTimeStyles, out DateTimeOffset)"/>.
/// </summary>
internal static class IsoDate
{
    public static bool TryParseUtc(ReadOnlySpan<char> s, out DateTime utc)
    {
        utc = default;
        if (s.Length is not (10 or 19 or 20 or 25) || s[4] != '-' || s[7] != '-'
            || !TryDigits(s[..4], out var year) || !TryDigits(s.Slice(5, 2), out var month) || !TryDigits(s.Slice(8, 2), out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }
        if (s.Length == 10)
        {
            utc = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc);
            return true;
        }
        if (s[10] is not ('T' or ' ') || s[13] != ':' || s[16] != ':'
            || !TryDigits(s.Slice(11, 2), out var hour) || !TryDigits(s.Slice(14, 2), out var minute) || !TryDigits(s.Slice(17, 2), out var second)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        var offset = TimeSpan.Zero;
        if (s.Length == 20 && s[19] != 'Z')
        {
            return false;
        }
        if (s.Length == 25)
        {
            if (s[19] is not ('+' or '-') || s[22] != ':' || !TryDigits(s.Slice(20, 2), out var oh) || !TryDigits(s.Slice(23, 2), out var om) || oh > 14 || om > 59)
            {
                return false;
            }
            offset = new TimeSpan(oh, om, 0) * (s[19] == '-' ? -1 : 1);
        }
        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        if ((offset > TimeSpan.Zero && local < DateTime.MinValue + offset) || (offset < TimeSpan.Zero && local > DateTime.MaxValue + offset))
        {
            return false;
        }
        utc = DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
            value = value * 10 + (c - '0');
        }
        return true;
    }
}
