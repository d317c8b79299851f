using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Dashboard.Domain.Allocation;

namespace Dashboard.Cli;

/// <summary>
/// `budget fit`: fits response curves from a weekly CSV (one row per week; a date column, an outcome column and one spend
/// column per channel). One spend column is fitted alone; several share the outcome and are fitted additively (backfitting).
/// </summary>
public sealed class BudgetFitVerb : ICliVerb
{
    public string Name => "budget fit";

    public string Usage => "budget fit --csv FILE --date COLUMN --outcome COLUMN --spend COLUMN[,COLUMN...] [--control COLUMN[,COLUMN...]] [--season] [--bootstrap N] [--seed N] [--json]";

    public async Task<int> RunAsync(CliContext context)
    {
        var path = context.Args.Required("csv");
        var dateColumn = context.Args.Required("date");
        var outcomeColumn = context.Args.Required("outcome");
        var spendColumns = context.Args.Required("spend").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var controlColumns = (context.Args.Optional("control") ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var season = context.Args.Flag("season");
        var settings = new FitSettings(BootstrapReplicates: context.Args.Int("bootstrap", 200, min: 0, max: 10_000), Seed: context.Args.Int("seed", 1));
        if (spendColumns.Length == 0)
        {
            throw new CliUsageException("--spend needs at least one column");
        }
        var (weeks, outcome, columns) = await ReadAsync(path, dateColumn, outcomeColumn, [.. spendColumns, .. controlColumns], context.Cancellation);
        var spends = columns[..spendColumns.Length];
        var controls = columns[spendColumns.Length..].ToList();
        if (season)
        {
            controls.AddRange(SeasonTerms(weeks.Length));
        }
        AdditiveFit joint;
        try
        {
            joint = CurveFitter.FitAdditive(spendColumns, weeks, spends, outcome, controls, settings, sweeps: spendColumns.Length == 1 && controls.Count == 0 ? 1 : 8);
        }
        catch (ArgumentException ex)
        {
            throw new CliInputException($"{path}: {ex.Message}");
        }
        var fits = joint.Channels;
        var baseline = joint.Intercept;
        var rSquared = joint.RSquared;
        var channels = fits.Select((f, i) =>
        {
            var meanSpend = spends[i].Average();
            return new FittedChannel(f.Channel, f.Beta, f.HalfSaturation, f.Shape, f.Carryover, meanSpend,
                meanSpend > 0 ? f.Curve.Response(meanSpend) / meanSpend : 0, f.Curve.Marginal(meanSpend), f.IsShrunk, f.ShrinkReason,
                f.SpendVariation);
        }).ToList();
        var result = new BudgetFitOutput(weeks.Length, weeks[0], weeks[^1], baseline, rSquared, channels);
        if (controlColumns.Length > 0 || season)
        {
            await context.Error.WriteLineAsync($"controls: {string.Join(", ", controlColumns.Concat(season ? ["trend", "season×4"] : []))}");
        }
        if (context.Json)
        {
            await context.WriteJsonAsync(result);
            return 0;
        }
        await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{weeks.Length} weeks {weeks[0]:yyyy-MM-dd}..{weeks[^1]:yyyy-MM-dd}; baseline {baseline:G6}; R² {rSquared:F3}"));
        foreach (var c in channels)
        {
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{c.Channel,-20} β {Show(c.Beta)}  k {Show(c.HalfSaturation)}  h {Show(c.Shape)}  θ {Show(c.Carryover)}  ROI@mean {c.RoiAtMeanSpend:G4}  mROI@mean {c.MarginalRoiAtMeanSpend:G4}{(c.Shrunk ? "  SHRUNK: " + c.ShrinkReason : "")}"));
        }
        return 0;
    }

    /// <summary>A linear trend and two yearly harmonics (sin/cos of 2πkt/52.18), the usual smooth season of weekly MMM data.</summary>
    private static IEnumerable<double[]> SeasonTerms(int weeks)
    {
        yield return Enumerable.Range(0, weeks).Select(t => (double)t / weeks).ToArray();
        for (var harmonic = 1; harmonic <= 2; harmonic++)
        {
            var h = harmonic;
            yield return Enumerable.Range(0, weeks).Select(t => Math.Sin(2 * Math.PI * h * t / 52.18)).ToArray();
            yield return Enumerable.Range(0, weeks).Select(t => Math.Cos(2 * Math.PI * h * t / 52.18)).ToArray();
        }
    }

    private static string Show(ParameterInterval p) => string.Create(CultureInfo.InvariantCulture, $"{p.Estimate:G4} [{p.Lower:G4}, {p.Upper:G4}]");

    private static async Task<(DateOnly[] Weeks, double[] Outcome, double[][] Spends)> ReadAsync(string path, string dateColumn, string outcomeColumn,
        string[] spendColumns, CancellationToken cancellation)
    {
        if (!File.Exists(path))
        {
            throw new CliInputException($"{path}: file not found");
        }
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        if (!await csv.ReadAsync() || !csv.ReadHeader())
        {
            throw new CliInputException($"{path}: the file is empty");
        }
        var header = csv.HeaderRecord!;
        foreach (var column in spendColumns.Prepend(outcomeColumn).Prepend(dateColumn))
        {
            if (!header.Contains(column, StringComparer.Ordinal))
            {
                throw new CliInputException($"{path}: no column '{column}' (the header has {string.Join(", ", header)})");
            }
        }
        var weeks = new List<DateOnly>();
        var outcome = new List<double>();
        var spends = spendColumns.Select(_ => new List<double>()).ToArray();
        while (await csv.ReadAsync())
        {
            cancellation.ThrowIfCancellationRequested();
            var line = csv.Parser.RawRow;
            var dateText = csv.GetField(dateColumn) ?? "";
            if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var week))
            {
                throw new CliInputException($"{path}: line {line}, column '{dateColumn}': '{dateText}' is not a date YYYY-MM-DD");
            }
            weeks.Add(week);
            outcome.Add(Number(csv, path, line, outcomeColumn));
            for (var i = 0; i < spendColumns.Length; i++)
            {
                spends[i].Add(Number(csv, path, line, spendColumns[i]));
            }
        }
        if (weeks.Count == 0)
        {
            throw new CliInputException($"{path}: no rows below the header");
        }
        return (weeks.ToArray(), outcome.ToArray(), spends.Select(s => s.ToArray()).ToArray());
    }

    private static double Number(CsvReader csv, string path, long line, string column)
    {
        var text = csv.GetField(column) ?? "";
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new CliInputException($"{path}: line {line}, column '{column}': '{text}' is not a number");
    }

    private sealed record FittedChannel(string Channel, ParameterInterval Beta, ParameterInterval HalfSaturation, ParameterInterval Shape,
        ParameterInterval Carryover, double MeanSpend, double RoiAtMeanSpend, double MarginalRoiAtMeanSpend, bool Shrunk, string? ShrinkReason,
        double SpendVariation);

    private sealed record BudgetFitOutput(int Weeks, DateOnly From, DateOnly To, double Baseline, double RSquared, IReadOnlyList<FittedChannel> Channels);
}
