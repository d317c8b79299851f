using System.Globalization;

namespace Dashboard.Domain.Measurement;

/// <summary>Numeric features for a learner, one row per customer, with the name of each column.</summary>
public sealed record EncodedFeatures(IReadOnlyList<string> Names, float[][] Rows);

/// <summary>
/// Turns raw text columns into learner features: a column whose every value parses as an invariant-culture number
/// stays one numeric feature; any other column becomes one 0/1 indicator per level (levels in ordinal order, named
/// "column=level"). Trees need no dropped reference level, so all levels are kept.
/// </summary>
public static class FeatureEncoder
{
    public static EncodedFeatures Encode(IReadOnlyList<(string Name, string[] Values)> columns)
    {
        if (columns.Count == 0)
        {
            throw new ArgumentException("no feature columns");
        }
        var n = columns[0].Values.Length;
        var names = new List<string>();
        var encoded = new List<float[]>();
        foreach (var (name, values) in columns)
        {
            if (values.Length != n)
            {
                throw new ArgumentException($"feature '{name}' has {values.Length} values for {n} customers");
            }
            var numbers = new float[n];
            var numeric = true;
            for (var i = 0; i < n && numeric; i++)
            {
                numeric = float.TryParse(values[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]) && float.IsFinite(numbers[i]);
            }
            if (numeric)
            {
                names.Add(name);
                encoded.Add(numbers);
                continue;
            }
            foreach (var level in values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                names.Add($"{name}={level}");
                encoded.Add([.. values.Select(v => string.Equals(v, level, StringComparison.Ordinal) ? 1f : 0f)]);
            }
        }
        var rows = new float[n][];
        for (var i = 0; i < n; i++)
        {
            rows[i] = [.. encoded.Select(c => c[i])];
        }
        return new EncodedFeatures(names, rows);
    }
}
