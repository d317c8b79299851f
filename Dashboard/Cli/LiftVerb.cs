using System.Globalization;
using Dashboard.Domain.Measurement;
using Dashboard.Features.Campaigns;

namespace Dashboard.Cli;

/// <summary>
/// `lift`: treatment-versus-control lift of every metric of a per-customer results file (see
/// <see cref="ExperimentAnalyzer"/>). Metrics whose values are all 0/1 are rates (two-proportion z-test), others
/// means (Welch). The SRM check is against an equal split unless --planned-split gives weights
/// ("Control=1,Treatment=2"). Revenue per converter and incremental revenue use the metrics named by
/// --conversion-metric / --revenue-metric (by default a metric called "conversion", and "revenue" or "spend").
/// </summary>
public sealed class LiftVerb : ICliVerb
{
    public string Name => "lift";

    public string Usage =>
        "lift --file FILE.csv --arm-column NAME --control LABEL --metrics m1,m2,... [--covariate COL] [--planned-split A=w,B=w]" +
        " [--conversion-metric M] [--revenue-metric M] [--cost-per-customer X] [--confidence 0.95] [--bootstrap N] [--seed S] [--json]";

    public async Task<int> RunAsync(CliContext context)
    {
        var args = context.Args;
        var file = args.Required("file");
        var armColumn = args.Required("arm-column");
        var controlArm = args.Required("control");
        var metricNames = SplitList(args.Required("metrics"), "metrics");
        var covariateName = args.Optional("covariate");
        var planned = ParseSplit(args.Optional("planned-split"));
        var conversionMetric = args.Optional("conversion-metric") ?? metricNames.FirstOrDefault(m => m == "conversion");
        var revenueMetric = args.Optional("revenue-metric") ?? metricNames.FirstOrDefault(m => m is "revenue" or "spend");
        var costPerCustomer = args.Double("cost-per-customer", 0, min: 0);
        var settings = new AnalysisSettings
        {
            Confidence = args.Double("confidence", 0.95, 0.5, 0.9999),
            PlannedSplit = planned,
            ConversionMetric = conversionMetric,
            RevenueMetric = revenueMetric,
            BootstrapResamples = args.Int("bootstrap", 0, 0, 100_000),
            Seed = args.Int("seed", 1),
        };
        foreach (var named in new[] { ("conversion-metric", conversionMetric), ("revenue-metric", revenueMetric) })
        {
            if (named.Item2 is not null && !metricNames.Contains(named.Item2))
            {
                throw new CliUsageException($"--{named.Item1} '{named.Item2}' is not one of --metrics");
            }
        }
        if (settings.BootstrapResamples is > 0 and < 100)
        {
            throw new CliUsageException("--bootstrap needs at least 100 resamples");
        }
        var json = context.Json;

        var numeric = covariateName is null ? metricNames : [.. metricNames, covariateName];
        if (numeric.Distinct(StringComparer.Ordinal).Count() != numeric.Count)
        {
            throw new CliUsageException("a column is named twice in --metrics/--covariate");
        }
        var table = ReadTable(file, armColumn, numeric);
        var metrics = metricNames.Select(m => MetricColumn.Infer(m, table.Numeric[m])).ToList();
        var covariate = covariateName is null ? null : new CovariateColumn(covariateName, table.Numeric[covariateName]);
        var data = ExperimentData.FromLabels(table.ArmLabels, controlArm, metrics, covariate);
        if (costPerCustomer > 0)
        {
            settings = settings with
            {
                ArmCosts = data.Arms.Where(a => a != controlArm)
                    .ToDictionary(a => a, a => costPerCustomer * table.ArmLabels.Count(l => l == a), StringComparer.Ordinal),
            };
        }

        ExperimentResult result;
        try
        {
            result = ExperimentAnalyzer.Analyze(data, settings);
        }
        catch (ArgumentException ex)
        {
            throw new CliInputException($"{file}: {ex.Message}");
        }

        if (json)
        {
            await context.WriteJsonAsync(LiftReport.From(result));
        }
        else
        {
            await WriteTextAsync(context.Out, result);
        }
        return 0;
    }

    private static ExperimentTable ReadTable(string file, string armColumn, IReadOnlyList<string> numeric)
    {
        if (!File.Exists(file))
        {
            throw new CliInputException($"file not found: {file}");
        }
        try
        {
            using var reader = new StreamReader(file);
            return ExperimentCsvReader.Read(reader, file, armColumn, numeric);
        }
        catch (ExperimentFileException ex)
        {
            throw new CliInputException(ex.Message);
        }
    }

    internal static List<string> SplitList(string text, string option)
    {
        var items = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        return items.Count > 0 ? items : throw new CliUsageException($"--{option} needs at least one name");
    }

    private static Dictionary<string, double>? ParseSplit(string? text)
    {
        if (text is null)
        {
            return null;
        }
        var split = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.LastIndexOf('=');
            if (eq <= 0 || !double.TryParse(part[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var weight) || !(weight > 0))
            {
                throw new CliUsageException($"--planned-split entries are ARM=WEIGHT with a positive weight (got '{part}')");
            }
            split[part[..eq].Trim()] = weight;
        }
        return split;
    }

    private static async Task WriteTextAsync(TextWriter output, ExperimentResult result)
    {
        var c = CultureInfo.InvariantCulture;
        await output.WriteLineAsync(string.Create(c, $"control: {result.Control.Arm} (n = {result.Control.N:N0})"));
        await output.WriteLineAsync(string.Create(c, $"sample ratio check: chi-square {result.Srm.ChiSquare:0.###}, p {FormatP(result.Srm.PValue)}"));
        foreach (var warning in result.Warnings)
        {
            await output.WriteLineAsync($"WARNING: {warning}");
        }
        foreach (var arm in result.Arms)
        {
            await output.WriteLineAsync(string.Create(c, $"\n{arm.Arm} (n = {arm.N:N0})"));
            foreach (var m in arm.Metrics)
            {
                var e = m.Estimate;
                await output.WriteLineAsync(string.Create(c,
                    $"  {m.Metric,-14} {e.Mean,12:0.######} vs {e.ControlMean,12:0.######}  lift {e.Lift,10:0.######} [{e.LiftLow:0.######}, {e.LiftHigh:0.######}]  rel {e.RelativeLift:+0.0%;-0.0%}  p {FormatP(e.PValue)}"));
                if (m.Cuped is { } cu)
                {
                    await output.WriteLineAsync(string.Create(c,
                        $"  {"  CUPED",-14} lift {cu.Estimate.Lift:0.######} [{cu.Estimate.LiftLow:0.######}, {cu.Estimate.LiftHigh:0.######}]  p {FormatP(cu.Estimate.PValue)}  variance -{cu.VarianceReduction:0.0%}"));
                }
            }
        }
    }

    private static string FormatP(double p) => p < 0.0001 ? "< 0.0001" : string.Create(CultureInfo.InvariantCulture, $"= {p:0.0000}");
}
