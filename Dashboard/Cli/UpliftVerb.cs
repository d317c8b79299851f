using System.Globalization;
using Dashboard.Domain.Measurement;
using Dashboard.Features.Campaigns;

namespace Dashboard.Cli;

/// <summary>
/// `uplift`: a T-learner uplift model (<see cref="UpliftModel"/>) on a randomized experiment file; prints the
/// held-out Qini curve, AUUC against random targeting, and the top persuadables. Rows of other arms are ignored.
/// Customers are identified by --id-column, or by their data line number ("line-N") when the file has no ids.
/// </summary>
public sealed class UpliftVerb : ICliVerb
{
    public string Name => "uplift";

    public string Usage =>
        "uplift --file FILE.csv --arm-column NAME --treatment LABEL --control LABEL --outcome COL --features f1,f2,... [--id-column COL]" +
        " [--train-fraction 0.5] [--seed 1] [--top 100] [--trees 100] [--json]";

    public async Task<int> RunAsync(CliContext context)
    {
        var args = context.Args;
        var file = args.Required("file");
        var armColumn = args.Required("arm-column");
        var treatment = args.Required("treatment");
        var control = args.Required("control");
        var outcome = args.Required("outcome");
        var features = LiftVerb.SplitList(args.Required("features"), "features");
        var idColumn = args.Optional("id-column");
        var settings = new UpliftSettings(
            Seed: args.Int("seed", 1),
            TrainFraction: args.Double("train-fraction", 0.5, 0.1, 0.9),
            Trees: args.Int("trees", 100, 1, 2000),
            TopPersuadables: args.Int("top", 100, 1, 1_000_000));
        var json = context.Json;
        if (treatment == control)
        {
            throw new CliUsageException("--treatment and --control must be different arms");
        }

        var text = idColumn is null ? features : [.. features, idColumn];
        ExperimentTable table;
        if (!File.Exists(file))
        {
            throw new CliInputException($"file not found: {file}");
        }
        try
        {
            using var reader = new StreamReader(file);
            table = ExperimentCsvReader.Read(reader, file, armColumn, [outcome], text);
        }
        catch (ExperimentFileException ex)
        {
            throw new CliInputException(ex.Message);
        }
        foreach (var arm in new[] { treatment, control })
        {
            if (!table.ArmLabels.Contains(arm))
            {
                throw new CliInputException($"{file}: arm '{arm}' not found in column '{armColumn}'; the arms are: {string.Join(", ", table.ArmLabels.Distinct().Select(a => $"'{a}'"))}");
            }
        }

        var keep = Enumerable.Range(0, table.RowCount).Where(i => table.ArmLabels[i] == treatment || table.ArmLabels[i] == control).ToArray();
        var encoded = FeatureEncoder.Encode(features.Select(f => (f, keep.Select(i => table.Text[f][i]).ToArray())).ToList());
        var rows = keep.Select((i, j) => new UpliftRow(
            idColumn is null ? string.Create(CultureInfo.InvariantCulture, $"line-{i + 2}") : table.Text[idColumn][i],
            table.ArmLabels[i] == treatment,
            table.Numeric[outcome][i],
            encoded.Rows[j])).ToList();

        UpliftResult result;
        try
        {
            result = UpliftModel.Fit(rows, settings);
        }
        catch (ArgumentException ex)
        {
            throw new CliInputException($"{file}: {ex.Message}");
        }

        var report = new
        {
            treatment,
            control,
            outcome,
            features = encoded.Names,
            result.BinaryOutcome,
            train = result.TrainCount,
            test = result.TestCount,
            heldOutObservedLift = result.HeldOutObservedLift,
            qini = new
            {
                auuc = result.HeldOutQini.Auuc,
                randomAuuc = result.HeldOutQini.RandomAuuc,
                qiniCoefficient = result.HeldOutQini.QiniCoefficient,
                totalGain = result.HeldOutQini.TotalGain,
                points = result.HeldOutQini.Points,
            },
            persuadables = result.Persuadables,
        };
        if (json)
        {
            await context.WriteJsonAsync(report);
            return 0;
        }
        var q = result.HeldOutQini;
        var c = CultureInfo.InvariantCulture;
        await context.Out.WriteLineAsync(string.Create(c, $"T-learner uplift of '{outcome}': {treatment} vs {control}; trained on {result.TrainCount:N0}, evaluated on {result.TestCount:N0}"));
        await context.Out.WriteLineAsync(string.Create(c, $"held-out Qini: AUUC {q.Auuc:0.###} vs random {q.RandomAuuc:0.###} (Qini coefficient {q.QiniCoefficient:+0.###;-0.###}); total incremental {q.TotalGain:0.#}"));
        foreach (var point in q.Points.Where((_, i) => i % 10 == 0))
        {
            await context.Out.WriteLineAsync(string.Create(c, $"  top {point.FractionTargeted,5:0%}: model {point.ModelGain,9:0.#}  random {point.RandomGain,9:0.#}"));
        }
        await context.Out.WriteLineAsync(string.Create(c, $"persuadables: {result.Persuadables.Count:N0} (top: {string.Join(", ", result.Persuadables.Take(5).Select(p => $"{p.Id} {p.Uplift:+0.000}"))})"));
        return 0;
    }
}
