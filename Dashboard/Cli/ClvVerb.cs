using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using Dashboard.Domain.Lifetime;

namespace Dashboard.Cli;

/// <summary>
/// clv: fits the BG/NBD and Gamma-Gamma models on a purchase file or a summary file, optionally validates on a
/// holdout period and writes per-customer forecasts (issue 4).
/// </summary>
public sealed class ClvVerb : ICliVerb
{
    public string Name => "clv";

    public string Usage =>
        "clv (--transactions FILE --format cdnow|csv [--calibration-end YYYY-MM-DD] [--period weeks|days] | --summary FILE) " +
        "[--customers-out FILE] [--horizon PERIODS(39)] [--horizon-months N(12)] [--discount-rate ANNUAL_FRACTION(0.10)] " +
        "[--margin PERCENT(100)] [--penalizer L2(0)] [--json]";

    public async Task<int> RunAsync(CliContext context)
    {
        var options = ClvOptions.Read(context.Args);
        var json = context.Json;
        try
        {
            var report = Run(options);
            if (options.CustomersOut is { } path)
            {
                await WriteCustomersAsync(path, report.Scores!, context.Cancellation);
            }
            if (json)
            {
                await context.WriteJsonAsync(report.Output);
            }
            else
            {
                await context.Out.WriteLineAsync(Describe(report.Output));
            }
            return 0;
        }
        catch (LifetimeDataException ex)
        {
            throw new CliInputException(ex.Message);
        }
    }

    private static (ClvOutput Output, IReadOnlyList<CustomerScore>? Scores) Run(ClvOptions options)
    {
        IReadOnlyList<CustomerSummary> customers;
        IReadOnlyList<CalibrationHoldoutSummary>? holdoutCustomers = null;
        DateOnly? calibrationEnd = null, observationEnd = null;
        if (options.SummaryFile is { } summaryFile)
        {
            customers = ClvInputFiles.ReadSummaryCsv(summaryFile);
        }
        else
        {
            var file = options.TransactionsFile!;
            var purchases = options.Format == "cdnow" ? ClvInputFiles.ReadCdnow(file) : ClvInputFiles.ReadTransactionsCsv(file);
            observationEnd = purchases.Max(p => p.Date);
            calibrationEnd = options.CalibrationEnd ?? observationEnd;
            if (options.CalibrationEnd is { } end)
            {
                if (end >= observationEnd)
                {
                    throw new CliInputException(
                        $"{file}: the last purchase is on {observationEnd:yyyy-MM-dd}, so there is no holdout period after --calibration-end {end:yyyy-MM-dd}.");
                }
                holdoutCustomers = CustomerSummaryBuilder.BuildWithHoldout(purchases, end, observationEnd.Value, options.Period);
                customers = holdoutCustomers.Select(c => c.Calibration).ToList();
            }
            else
            {
                customers = CustomerSummaryBuilder.Build(purchases, calibrationEnd.Value, options.Period);
            }
        }

        var fitOptions = new LifetimeFitOptions(options.Penalizer);
        var stopwatch = Stopwatch.StartNew();
        var bgNbd = BgNbdFitter.Fit(customers, fitOptions);
        var gammaGamma = GammaGammaFitter.Fit(customers, fitOptions);
        var fitSeconds = stopwatch.Elapsed.TotalSeconds;

        HoldoutOutput? holdout = null;
        if (holdoutCustomers is not null)
        {
            var comparison = HoldoutValidation.Compare(
                holdoutCustomers, bgNbd.Parameters, calibrationEnd!.Value, observationEnd!.Value, options.Period);
            holdout = HoldoutOutput.From(comparison);
        }
        IReadOnlyList<CustomerScore>? scores = null;
        if (options.CustomersOut is not null)
        {
            scores = CustomerLifetimeValue.Score(customers, bgNbd.Parameters, gammaGamma.Parameters, options.Horizon,
                options.Clv, options.Period);
        }
        var p = bgNbd.Parameters;
        var g = gammaGamma.Parameters;
        var output = new ClvOutput(
            customers.Count,
            options.Period == PeriodUnit.Weeks ? "weeks" : "days",
            calibrationEnd?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            holdout is null ? null : observationEnd?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            new BgNbdOutput(p.R, p.Alpha, p.A, p.B, bgNbd.LogLikelihood),
            new GammaGammaOutput(g.P, g.Q, g.V),
            customers.Count(c => c.Frequency > 0),
            gammaGamma.Customers,
            gammaGamma.LogLikelihood,
            holdout,
            fitSeconds);
        return (output, scores);
    }

    private static async Task WriteCustomersAsync(string path, IReadOnlyList<CustomerScore> scores, CancellationToken cancellation)
    {
        var text = new StringBuilder("customer_id,frequency,recency,T,p_alive,expected_purchases,expected_avg_value,clv\n");
        foreach (var s in scores)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{CsvField(s.CustomerId)},{s.Frequency},{s.Recency:R},{s.Age:R},{s.ProbabilityAlive:G10},{s.ExpectedPurchases:G10},{s.ExpectedAverageValue:G10},{s.Clv:G10}\n");
        }
        try
        {
            await File.WriteAllTextAsync(path, text.ToString(), cancellation);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"{path}: cannot write the customers file ({ex.Message})");
        }
    }

    private static string CsvField(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static string Describe(ClvOutput o)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"customers: {o.Customers:N0} ({o.RepeatCustomers:N0} with repeat purchases), time in {o.Period}");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"BG/NBD: r={o.Bgnbd.R:G4} alpha={o.Bgnbd.Alpha:G4} a={o.Bgnbd.A:G4} b={o.Bgnbd.B:G4} LL={o.Bgnbd.LogLikelihood:F1}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Gamma-Gamma: p={o.GammaGamma.P:G4} q={o.GammaGamma.Q:G4} v={o.GammaGamma.V:G4}");
        if (o.Holdout is { } h)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"holdout {h.Periods:G4} {o.Period}: actual {h.Actual:N0}, model {h.Predicted:N1} (MAE {h.ModelMae:F3}), naive {h.Naive:N1} (MAE {h.NaiveMae:F3})");
        }
        text.Append(CultureInfo.InvariantCulture, $"fit: {o.FitSeconds:F3} s");
        return text.ToString();
    }

    private sealed record ClvOptions(
        string? TransactionsFile, string? SummaryFile, string? Format, DateOnly? CalibrationEnd, PeriodUnit Period,
        string? CustomersOut, double Horizon, ClvSettings Clv, double Penalizer)
    {
        public static ClvOptions Read(CliArguments args)
        {
            var transactions = args.Optional("transactions");
            var summary = args.Optional("summary");
            var format = args.Optional("format");
            var calibrationEnd = args.Date("calibration-end");
            var periodText = args.Optional("period");
            var customersOut = args.Optional("customers-out");
            var horizon = args.Double("horizon", 39, 0, 1e6);
            var horizonMonths = args.Int("horizon-months", 12, 1, 1200);
            var discountRate = args.Double("discount-rate", 0.10, 0, 10);
            var margin = args.Double("margin", 100, 0, 100);
            var penalizer = args.Double("penalizer", 0, 0, 1e6);
            if ((transactions is null) == (summary is null))
            {
                throw new CliUsageException("give either --transactions FILE (with --format) or --summary FILE");
            }
            if (transactions is not null && format is not ("cdnow" or "csv"))
            {
                throw new CliUsageException(format is null ? "--format cdnow|csv is required with --transactions" : $"--format must be cdnow or csv (got '{format}')");
            }
            if (summary is not null && (format is not null || calibrationEnd is not null || periodText is not null))
            {
                throw new CliUsageException("--format, --calibration-end and --period apply to --transactions only (a summary file is already in its period unit)");
            }
            var period = periodText switch
            {
                null or "weeks" => PeriodUnit.Weeks,
                "days" => PeriodUnit.Days,
                _ => throw new CliUsageException($"--period must be weeks or days (got '{periodText}')"),
            };
            return new ClvOptions(transactions, summary, format, calibrationEnd, period, customersOut, horizon,
                new ClvSettings(horizonMonths, discountRate, margin / 100), penalizer);
        }
    }

    private sealed record ClvOutput(
        int Customers,
        string Period,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CalibrationEnd,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ObservationEnd,
        BgNbdOutput Bgnbd,
        GammaGammaOutput GammaGamma,
        int RepeatCustomers,
        int GammaGammaCustomers,
        double GammaGammaLogLikelihood,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] HoldoutOutput? Holdout,
        double FitSeconds);

    private sealed record BgNbdOutput(double R, double Alpha, double A, double B, double LogLikelihood);

    private sealed record GammaGammaOutput(double P, double Q, double V);

    private sealed record HoldoutOutput(
        double Predicted, double Actual, double Naive, double Periods, double ModelMae, double NaiveMae, double ModelRmse, double NaiveRmse,
        IReadOnlyList<FrequencyBin> ByFrequency, IReadOnlyList<WeeklyCumulative> Weekly)
    {
        public static HoldoutOutput From(HoldoutComparison c) => new(
            c.Predicted, c.Actual, c.Naive, c.HoldoutPeriods, c.ModelMae, c.NaiveMae, c.ModelRmse, c.NaiveRmse, c.ByFrequency, c.Weekly);
    }
}
