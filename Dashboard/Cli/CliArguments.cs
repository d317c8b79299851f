using System.Globalization;

namespace Dashboard.Cli;

/// <summary>
/// "--name value" options and "--flag" switches. Every option a verb reads is recorded, so the
/// host can reject unknown options instead of silently ignoring a typo.
/// </summary>
public sealed class CliArguments
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private CliArguments() { }

    public static CliArguments Parse(IReadOnlyList<string> args)
    {
        var parsed = new CliArguments();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new CliUsageException($"unexpected argument '{arg}'");
            }
            var name = arg[2..];
            string? value = null;
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }
            if (!parsed._options.TryAdd(name, value))
            {
                throw new CliUsageException($"option --{name} is given twice");
            }
        }
        return parsed;
    }

    public bool Flag(string name)
    {
        _read.Add(name);
        if (!_options.TryGetValue(name, out var value))
        {
            return false;
        }
        return value is null ? true : throw new CliUsageException($"--{name} takes no value (got '{value}')");
    }

    public string? Optional(string name)
    {
        _read.Add(name);
        if (!_options.TryGetValue(name, out var value))
        {
            return null;
        }
        return value ?? throw new CliUsageException($"--{name} needs a value");
    }

    public string Required(string name) => Optional(name) ?? throw new CliUsageException($"--{name} is required");

    public int Int(string name, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        var text = Optional(name);
        if (text is null)
        {
            return fallback;
        }
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new CliUsageException($"--{name} must be a whole number between {min} and {max} (got '{text}')");
        }
        return value;
    }

    public double Double(string name, double fallback, double min = double.MinValue, double max = double.MaxValue)
    {
        var text = Optional(name);
        if (text is null)
        {
            return fallback;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max || !double.IsFinite(value))
        {
            throw new CliUsageException($"--{name} must be a number between {min} and {max} (got '{text}')");
        }
        return value;
    }

    public DateOnly? Date(string name)
    {
        var text = Optional(name);
        if (text is null)
        {
            return null;
        }
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new CliUsageException($"--{name} must be a date YYYY-MM-DD (got '{text}')");
    }

    /// <summary>Options given on the command line that the verb never read.</summary>
    public IEnumerable<string> Unread() => _options.Keys.Where(k => !_read.Contains(k));
}
