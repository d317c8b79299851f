using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace Dashboard.Domain.Measurement;

/// <summary>One customer of a randomized campaign: treated or control, the outcome, and pre-treatment features.</summary>
public sealed record UpliftRow(string Id, bool Treated, double Outcome, float[] Features);

/// <summary>
/// T-learner settings: <see cref="TrainFraction"/> of the customers (a seeded random split) train the two models,
/// the rest evaluate them. FastTree (gradient-boosted trees from ML.NET) with <see cref="Trees"/> trees of
/// <see cref="Leaves"/> leaves and at least <see cref="MinLeafCount"/> customers per leaf (large leaves because a
/// difference of two noisy models is noisier than either).
/// </summary>
public sealed record UpliftSettings(
    int Seed = 1,
    double TrainFraction = 0.5,
    int Trees = 100,
    int Leaves = 16,
    int MinLeafCount = 200,
    double LearningRate = 0.05,
    int CurvePoints = 100,
    int TopPersuadables = 1000);

/// <summary>A customer with predicted uplift τ̂(x) = μ̂₁(x) − μ̂₀(x) (outcome units: probability points for a 0/1 outcome).</summary>
public sealed record ScoredCustomer(string Id, double Uplift, double TreatedOutcome, double ControlOutcome);

/// <summary>
/// The uplift model's result: the held-out Qini curve with AUUC and the random baseline, and the persuadables,
/// all customers ranked by predicted uplift (positive only, at most <see cref="UpliftSettings.TopPersuadables"/>),
/// ready to save as an audience. Scores of customers in the training half are in-sample.
/// </summary>
public sealed record UpliftResult(
    bool BinaryOutcome,
    int TrainCount,
    int TestCount,
    QiniCurve HeldOutQini,
    double HeldOutObservedLift,
    IReadOnlyList<ScoredCustomer> Persuadables);

/// <summary>
/// Two-model uplift (T-learner; Künzel, Sekhon, Bickel &amp; Yu, PNAS 2019): one model of the outcome fitted on the
/// treated, one on the controls, τ̂(x) = μ̂₁(x) − μ̂₀(x). Assumes a randomized assignment and pre-treatment features
/// only (a post-treatment feature would leak the effect). A 0/1 outcome uses FastTree binary classification
/// (calibrated probabilities), otherwise FastTree regression. Single-threaded and seeded: deterministic.
/// </summary>
public static class UpliftModel
{
    public static UpliftResult Fit(IReadOnlyList<UpliftRow> rows, UpliftSettings settings)
    {
        Validate(rows, settings);
        var binary = rows.All(r => r.Outcome is 0 or 1);
        var random = new Random(settings.Seed);
        var isTrain = rows.Select(_ => random.NextDouble() < settings.TrainFraction).ToArray();
        var train = rows.Where((_, i) => isTrain[i]).ToList();
        var test = rows.Where((_, i) => !isTrain[i]).ToList();
        if (train.Count(r => r.Treated) < 10 || train.Count(r => !r.Treated) < 10 || test.Count(r => r.Treated) < 10 || test.Count(r => !r.Treated) < 10)
        {
            throw new ArgumentException("each half of the split needs at least 10 treated and 10 control customers");
        }

        var ml = new MLContext(settings.Seed);
        var width = rows[0].Features.Length;
        var treatedModel = Train(ml, train.Where(r => r.Treated), width, binary, settings);
        var controlModel = Train(ml, train.Where(r => !r.Treated), width, binary, settings);

        var testScores = Score(ml, treatedModel, controlModel, test, width, binary);
        var qini = QiniCurve.Evaluate(test.Select((r, i) => (testScores[i].Uplift, r.Treated, r.Outcome)).ToList(), settings.CurvePoints);
        var observed = test.Where(r => r.Treated).Average(r => r.Outcome) - test.Where(r => !r.Treated).Average(r => r.Outcome);

        var all = Score(ml, treatedModel, controlModel, rows, width, binary);
        var persuadables = all.Where(s => s.Uplift > 0).OrderByDescending(s => s.Uplift).ThenBy(s => s.Id, StringComparer.Ordinal)
            .Take(settings.TopPersuadables).ToList();
        return new UpliftResult(binary, train.Count, test.Count, qini, observed, persuadables);
    }

    private static ITransformer Train(MLContext ml, IEnumerable<UpliftRow> rows, int width, bool binary, UpliftSettings settings)
    {
        var data = ml.Data.LoadFromEnumerable(rows.Select(ToInput), Schema(width));
        if (binary)
        {
            var options = new FastTreeBinaryTrainer.Options
            {
                NumberOfTrees = settings.Trees,
                NumberOfLeaves = settings.Leaves,
                MinimumExampleCountPerLeaf = settings.MinLeafCount,
                LearningRate = settings.LearningRate,
                NumberOfThreads = 1,
                Seed = settings.Seed,
            };
            return ml.BinaryClassification.Trainers.FastTree(options).Fit(data);
        }
        var regression = new FastTreeRegressionTrainer.Options
        {
            LabelColumnName = "RegressionLabel",
            NumberOfTrees = settings.Trees,
            NumberOfLeaves = settings.Leaves,
            MinimumExampleCountPerLeaf = settings.MinLeafCount,
            LearningRate = settings.LearningRate,
            NumberOfThreads = 1,
            Seed = settings.Seed,
        };
        return ml.Regression.Trainers.FastTree(regression).Fit(data);
    }

    private static List<ScoredCustomer> Score(MLContext ml, ITransformer treated, ITransformer control, IReadOnlyList<UpliftRow> rows, int width, bool binary)
    {
        var data = ml.Data.LoadFromEnumerable(rows.Select(ToInput), Schema(width));
        var mu1 = Predictions(treated.Transform(data), binary);
        var mu0 = Predictions(control.Transform(data), binary);
        return rows.Select((r, i) => new ScoredCustomer(r.Id, mu1[i] - mu0[i], mu1[i], mu0[i])).ToList();
    }

    private static double[] Predictions(IDataView scored, bool binary) =>
        binary
            ? [.. scored.GetColumn<float>("Probability").Select(p => (double)p)]
            : [.. scored.GetColumn<float>("Score").Select(p => (double)p)];

    private static Input ToInput(UpliftRow r) => new() { Label = (float)r.Outcome, BoolLabel = r.Outcome > 0.5, Features = r.Features };

    private static SchemaDefinition Schema(int width)
    {
        var schema = SchemaDefinition.Create(typeof(Input));
        schema[nameof(Input.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        return schema;
    }

    private static void Validate(IReadOnlyList<UpliftRow> rows, UpliftSettings settings)
    {
        if (rows.Count == 0)
        {
            throw new ArgumentException("an uplift model needs customers");
        }
        var width = rows[0].Features.Length;
        if (width == 0)
        {
            throw new ArgumentException("an uplift model needs at least one feature");
        }
        var bad = rows.FirstOrDefault(r => r.Features.Length != width || !r.Features.All(float.IsFinite) || !double.IsFinite(r.Outcome));
        if (bad is not null)
        {
            throw new ArgumentException($"customer '{bad.Id}' has a missing or non-finite feature or outcome");
        }
        if (!(settings.TrainFraction is > 0.05 and < 0.95))
        {
            throw new ArgumentException("the training fraction must lie between 0.05 and 0.95");
        }
    }

    private sealed class Input
    {
        // The classifier reads a boolean label, the regressor a float; both columns are present and each trainer picks its own.
        [ColumnName("Label")]
        public bool BoolLabel { get; set; }

        [ColumnName("RegressionLabel")]
        public float Label { get; set; }

        public float[] Features { get; set; } = [];
    }
}
