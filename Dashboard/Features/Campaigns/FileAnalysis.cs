using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Dashboard.Domain.Measurement;

namespace Dashboard.Features.Campaigns;

/// <summary>An uploaded per-customer results file, held in memory, and the columns of its header.</summary>
public sealed record UploadedFile(string Name, string Text, IReadOnlyList<string> Columns);

/// <summary>What to analyze in an uploaded file: the arm column, the control label, metric columns and an optional covariate.</summary>
public sealed record FileAnalysisRequest(string ArmColumn, string ControlArm, IReadOnlyList<string> Metrics, string? Covariate);

/// <summary>What an uplift model is fitted on: one treatment arm against control, an outcome column and feature columns.</summary>
public sealed record FileUpliftRequest(string ArmColumn, string TreatmentArm, string ControlArm, string Outcome, IReadOnlyList<string> Features, int Seed = 1);

/// <summary>
/// The "Analyze a file" flow over <see cref="ExperimentCsvReader"/>, <see cref="ExperimentAnalyzer"/> and
/// <see cref="UpliftModel"/>. Malformed files raise <see cref="ExperimentFileException"/> naming file, line and
/// column; impossible analyses (one arm, unknown control) raise it too, with the file's name.
/// </summary>
public static class FileAnalysis
{
    /// <summary>Largest upload accepted (the Hillstrom file is about 4 MB).</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    public static UploadedFile Open(string name, string text)
    {
        using var csv = new CsvReader(new StringReader(text), new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null });
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } header || header.All(h => h.Trim().Length == 0))
        {
            throw new ExperimentFileException($"{name}: the file is empty (no header row)");
        }
        var columns = header.Select(h => h.Trim()).ToList();
        var duplicate = columns.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ExperimentFileException($"{name} line 1: column '{duplicate.Key}' appears more than once in the header");
        }
        return new UploadedFile(name, text, columns);
    }

    /// <summary>The distinct labels of <paramref name="armColumn"/>, in first-seen order.</summary>
    public static IReadOnlyList<string> ArmLabels(UploadedFile file, string armColumn) =>
        [.. ExperimentCsvReader.Read(new StringReader(file.Text), file.Name, armColumn, []).ArmLabels.Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// Every treatment arm against control on every metric (0/1 columns as rates, others as means), with CUPED when
    /// a covariate is chosen. Like the lift verb, a metric named "conversion" and one named "revenue" or "spend"
    /// give revenue per converter and incremental revenue.
    /// </summary>
    public static ExperimentView Analyze(UploadedFile file, FileAnalysisRequest request)
    {
        if (request.Metrics.Count == 0)
        {
            throw new ExperimentFileException($"{file.Name}: choose at least one metric column");
        }
        if (request.Covariate is { } cov && request.Metrics.Contains(cov))
        {
            throw new ExperimentFileException($"{file.Name}: column '{cov}' cannot be both a metric and the covariate");
        }
        IReadOnlyList<string> numeric = request.Covariate is null ? request.Metrics : [.. request.Metrics, request.Covariate];
        var table = ExperimentCsvReader.Read(new StringReader(file.Text), file.Name, request.ArmColumn, numeric);
        var metrics = request.Metrics.Select(m => MetricColumn.Infer(m, table.Numeric[m])).ToList();
        var covariate = request.Covariate is null ? null : new CovariateColumn(request.Covariate, table.Numeric[request.Covariate]);
        var data = ExperimentData.FromLabels(table.ArmLabels, request.ControlArm, metrics, covariate);
        var settings = new AnalysisSettings
        {
            ConversionMetric = request.Metrics.FirstOrDefault(m => string.Equals(m, "conversion", StringComparison.OrdinalIgnoreCase)),
            RevenueMetric = request.Metrics.FirstOrDefault(m => m.Equals("revenue", StringComparison.OrdinalIgnoreCase) || m.Equals("spend", StringComparison.OrdinalIgnoreCase)),
        };
        try
        {
            var result = ExperimentAnalyzer.Analyze(data, settings);
            return new ExperimentView(result, metrics.Select(m => new MetricInfo(m.Name, m.Name, m.Kind, IsMoney: false)).ToList());
        }
        catch (ArgumentException ex)
        {
            throw new ExperimentFileException($"{file.Name}: {ex.Message}");
        }
    }

    /// <summary>A T-learner on the rows of the two arms; text features become indicators (<see cref="FeatureEncoder"/>).</summary>
    public static UpliftResult Uplift(UploadedFile file, FileUpliftRequest request)
    {
        if (request.Features.Count == 0)
        {
            throw new ExperimentFileException($"{file.Name}: choose at least one feature column");
        }
        if (request.TreatmentArm == request.ControlArm)
        {
            throw new ExperimentFileException($"{file.Name}: the treatment arm and the control arm must differ");
        }
        if (request.Features.Contains(request.Outcome) || request.Features.Contains(request.ArmColumn))
        {
            throw new ExperimentFileException($"{file.Name}: the outcome and the arm column cannot be features");
        }
        var table = ExperimentCsvReader.Read(new StringReader(file.Text), file.Name, request.ArmColumn, [request.Outcome], request.Features);
        var keep = Enumerable.Range(0, table.RowCount)
            .Where(i => table.ArmLabels[i] == request.TreatmentArm || table.ArmLabels[i] == request.ControlArm).ToArray();
        var encoded = FeatureEncoder.Encode(request.Features.Select(f => (f, keep.Select(i => table.Text[f][i]).ToArray())).ToList());
        var rows = keep.Select((i, j) => new UpliftRow(
            string.Create(CultureInfo.InvariantCulture, $"line-{i + 2}"),
            table.ArmLabels[i] == request.TreatmentArm,
            table.Numeric[request.Outcome][i],
            encoded.Rows[j])).ToList();
        try
        {
            return UpliftModel.Fit(rows, new UpliftSettings(Seed: request.Seed, TopPersuadables: 100));
        }
        catch (ArgumentException ex)
        {
            throw new ExperimentFileException($"{file.Name}: {ex.Message}");
        }
    }
}
