using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace Dashboard.Domain.Audiences;

/// <summary>How a lookalike model is trained. The defaults suit pools of thousands to millions of profiles.</summary>
public sealed record LookalikeSettings
{
    /// <summary>Seeds the split, the sampling of non-seed profiles, the learner and the permutation importance.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Share of the seed and of the sampled non-seed profiles held out for evaluation (stratified).</summary>
    public double HoldoutShare { get; init; } = 0.2;

    /// <summary>At most this many seed profiles are used (a seeded random sample when the seed is larger).</summary>
    public int MaxSeedProfiles { get; init; } = 50_000;

    /// <summary>At most this many non-seed profiles are used as negatives (a seeded random sample of the pool).</summary>
    public int MaxOtherProfiles { get; init; } = 100_000;

    public int NumberOfTrees { get; init; } = 100;
    public int NumberOfLeaves { get; init; } = 16;

    /// <summary>Each leaf needs this many training examples, which keeps the trees from memorising single profiles.</summary>
    public int MinimumExampleCountPerLeaf { get; init; } = 20;

    public double LearningRate { get; init; } = 0.1;

    /// <summary>
    /// False trains on engagement, touchpoints and demographics only (see <see cref="FeatureLayout"/>): use it to reach
    /// prospects, who would otherwise all rank below every buyer of a buyer seed.
    /// </summary>
    public bool UsePurchaseFeatures { get; init; } = true;

    /// <summary>Times each feature is shuffled for permutation feature importance (more = steadier, slower).</summary>
    public int PermutationCount { get; init; } = 1;
}

/// <summary>The held-out evaluation of a lookalike model, on the stratified split it never trained on.</summary>
/// <param name="Auc">Probability that a held-out seed member scores above a held-out non-member.</param>
/// <param name="TopDecileLift">Rate of seed members in the top 10% of held-out scores over their overall held-out rate.</param>
public sealed record LookalikeEvaluation(int TrainSeed, int TrainOthers, int HoldoutSeed, int HoldoutOthers, double Auc, double TopDecileLift);

/// <summary>What drives similarity to the seed.</summary>
/// <param name="Feature">Column name from <see cref="FeatureLayout.Names"/>.</param>
/// <param name="AucDrop">Held-out AUC lost when this column is shuffled (permutation feature importance; ≤ 0 = unused).</param>
/// <param name="GainShare">The column's share of the trees' total split gain (0 to 1).</param>
public sealed record FeatureImportance(string Feature, double AucDrop, double GainShare);

/// <summary>A trained model with its evaluation and explanation.</summary>
/// <param name="SeedIdsNotFound">Seed ids that have no row in the feature table (reported, not silently dropped).</param>
public sealed record LookalikeTraining(
    LookalikeModel Model,
    LookalikeEvaluation Evaluation,
    IReadOnlyList<FeatureImportance> Importance,
    int SeedProfilesFound,
    IReadOnlyList<long> SeedIdsNotFound);

/// <summary>
/// Lookalike expansion as a propensity model: a boosted-tree classifier (ML.NET FastTree, MART gradient boosting with
/// Platt calibration) learns seed vs non-seed from the profile features; its calibrated probability of "seed" is the
/// similarity of any other profile to the seed. Non-seed profiles include people who would fit the seed but are not
/// in it yet (positive-unlabelled learning), which is exactly what the ranking exploits: those are the profiles the
/// model scores highest. Entry points: <see cref="Train"/>, then <see cref="ScorePool"/>, then
/// <see cref="LookalikeExpansion.Curve"/> and <see cref="LookalikeExpansion.Select"/>.
/// </summary>
public sealed class LookalikeModel
{
    private const string LabelColumn = "Label";
    private const string FeaturesColumn = "Features";
    private const string ProbabilityColumn = "Probability";
    private const int ScoringChunk = 65_536;

    private readonly MLContext _ml;
    private readonly ITransformer _transformer;
    private readonly IReadOnlyList<string> _categories;
    private readonly IReadOnlyList<string> _sources;

    private LookalikeModel(MLContext ml, ITransformer transformer, FeatureLayout layout, ProfileFeatureTable table)
    {
        _ml = ml;
        _transformer = transformer;
        Layout = layout;
        _categories = [.. table.Categories];
        _sources = [.. table.Sources];
    }

    /// <summary>The feature columns the model reads, in vector order.</summary>
    public FeatureLayout Layout { get; }

    /// <summary>
    /// Trains seed vs non-seed. The seed (capped at <see cref="LookalikeSettings.MaxSeedProfiles"/>) and a seeded random
    /// sample of the other profiles (capped at <see cref="LookalikeSettings.MaxOtherProfiles"/>) are each split
    /// train/holdout with the same holdout share (a stratified split); the model is fitted on the training part and
    /// evaluated on the holdout. Needs at least 2 seed profiles and 2 others present in the table.
    /// </summary>
    public static LookalikeTraining Train(ProfileFeatureTable table, IReadOnlyCollection<long> seedIds, LookalikeSettings? settings = null)
    {
        settings ??= new LookalikeSettings();
        ArgumentNullException.ThrowIfNull(seedIds);
        CheckSettings(settings);
        var layout = FeatureLayout.For(table, settings.UsePurchaseFeatures);
        var seedSet = seedIds.ToHashSet();
        var present = new HashSet<long>(table.Rows.Count);
        var seedRows = new List<ProfileFeatures>();
        var otherRows = new List<ProfileFeatures>();
        foreach (var row in table.Rows)
        {
            present.Add(row.ProfileId);
            (seedSet.Contains(row.ProfileId) ? seedRows : otherRows).Add(row);
        }
        var notFound = seedSet.Where(id => !present.Contains(id)).Order().ToList();
        if (seedRows.Count < 2 || otherRows.Count < 2)
        {
            throw new ArgumentException(
                $"a lookalike model needs at least 2 seed profiles and 2 other profiles in the feature table; found {seedRows.Count} seed ({notFound.Count} seed ids not in the table) and {otherRows.Count} others",
                nameof(seedIds));
        }

        var random = new Random(settings.Seed);
        var (trainSeed, holdSeed) = SampleAndSplit(seedRows, settings.MaxSeedProfiles, settings.HoldoutShare, random);
        var (trainOther, holdOther) = SampleAndSplit(otherRows, settings.MaxOtherProfiles, settings.HoldoutShare, random);

        var ml = new MLContext(settings.Seed);
        var trainData = ToDataView(ml, layout, trainSeed, trainOther);
        var holdData = ToDataView(ml, layout, holdSeed, holdOther);
        var trainer = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            LabelColumnName = LabelColumn,
            FeatureColumnName = FeaturesColumn,
            NumberOfTrees = settings.NumberOfTrees,
            NumberOfLeaves = settings.NumberOfLeaves,
            MinimumExampleCountPerLeaf = settings.MinimumExampleCountPerLeaf,
            LearningRate = settings.LearningRate,
            Seed = settings.Seed,
            FeatureSelectionSeed = settings.Seed,
        });
        var transformer = trainer.Fit(trainData);
        var model = new LookalikeModel(ml, transformer, layout, table);

        var holdScores = model.Score([.. holdSeed, .. holdOther]);
        var holdLabels = Enumerable.Range(0, holdScores.Length).Select(i => i < holdSeed.Count).ToArray();
        var evaluation = new LookalikeEvaluation(
            trainSeed.Count, trainOther.Count, holdSeed.Count, holdOther.Count,
            LookalikeMetrics.Auc(holdScores, holdLabels),
            LookalikeMetrics.LiftAtTop(holdScores, holdLabels, 0.1).Lift);
        var importance = Importance(ml, transformer, holdData, layout, settings.PermutationCount);
        return new LookalikeTraining(model, evaluation, importance, seedRows.Count, notFound);
    }

    /// <summary>Similarity (calibrated probability of being a seed member, 0 to 1) of each row, in row order.</summary>
    public double[] Score(IReadOnlyList<ProfileFeatures> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var scores = new double[rows.Count];
        var chunks = (rows.Count + ScoringChunk - 1) / ScoringChunk;
        // Chunks are scored in parallel; each gets its own data view and cursor over the same (read-only) model.
        Parallel.For(0, chunks, chunk =>
        {
            var start = chunk * ScoringChunk;
            var count = Math.Min(ScoringChunk, rows.Count - start);
            var view = ToDataView(_ml, Layout, Enumerable.Range(start, count).Select(i => rows[i]));
            var probabilities = _transformer.Transform(view).GetColumn<float>(ProbabilityColumn);
            var i = start;
            foreach (var p in probabilities)
            {
                scores[i++] = p;
            }
        });
        return scores;
    }

    /// <summary>
    /// Scores every profile of the table outside <paramref name="seedIds"/> (prospects included) and ranks them best
    /// first; equal scores are ordered by profile id so the ranking is reproducible. The table must name the same
    /// categories and sources, in the same order, as the one the model was trained on.
    /// </summary>
    public IReadOnlyList<LookalikeScore> ScorePool(ProfileFeatureTable table, IReadOnlyCollection<long> seedIds)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(seedIds);
        if (!table.Categories.SequenceEqual(_categories) || !table.Sources.SequenceEqual(_sources))
        {
            throw new ArgumentException("the feature table's categories or sources differ from those the model was trained on", nameof(table));
        }
        FeatureLayout.For(table, Layout.IncludesPurchases);
        var seedSet = seedIds as IReadOnlySet<long> ?? seedIds.ToHashSet();
        var pool = table.Rows.Where(r => !seedSet.Contains(r.ProfileId)).ToList();
        var scores = Score(pool);
        var ranked = new LookalikeScore[pool.Count];
        for (var i = 0; i < pool.Count; i++)
        {
            ranked[i] = new LookalikeScore(pool[i].ProfileId, scores[i]);
        }
        Array.Sort(ranked, static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.ProfileId.CompareTo(b.ProfileId));
        return ranked;
    }

    private static (List<ProfileFeatures> Train, List<ProfileFeatures> Holdout) SampleAndSplit(
        List<ProfileFeatures> rows, int max, double holdoutShare, Random random)
    {
        // Partial Fisher–Yates: the first `take` entries become a uniform random sample in random order.
        var shuffled = rows.ToArray();
        var take = Math.Min(max, shuffled.Length);
        for (var i = 0; i < take; i++)
        {
            var j = random.Next(i, shuffled.Length);
            (shuffled[i], shuffled[j]) = (shuffled[j], shuffled[i]);
        }
        var holdout = Math.Clamp((int)Math.Round(take * holdoutShare, MidpointRounding.AwayFromZero), 1, take - 1);
        return ([.. shuffled.Skip(holdout).Take(take - holdout)], [.. shuffled.Take(holdout)]);
    }

    private static IDataView ToDataView(MLContext ml, FeatureLayout layout, List<ProfileFeatures> seed, List<ProfileFeatures> others)
    {
        var rows = seed.Select(r => Row(layout, r, true)).Concat(others.Select(r => Row(layout, r, false))).ToList();
        var schema = SchemaDefinition.Create(typeof(TrainingRow));
        schema[nameof(TrainingRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, layout.Count);
        return ml.Data.LoadFromEnumerable(rows, schema);
    }

    private static IDataView ToDataView(MLContext ml, FeatureLayout layout, IEnumerable<ProfileFeatures> rows)
    {
        var schema = SchemaDefinition.Create(typeof(ScoringRow));
        schema[nameof(ScoringRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, layout.Count);
        return ml.Data.LoadFromEnumerable(rows.Select(r => new ScoringRow { Features = Vector(layout, r) }), schema);
    }

    private static TrainingRow Row(FeatureLayout layout, ProfileFeatures row, bool label) =>
        new() { Label = label, Features = Vector(layout, row) };

    private static float[] Vector(FeatureLayout layout, ProfileFeatures row)
    {
        var vector = new float[layout.Count];
        layout.Fill(row, vector);
        return vector;
    }

    private static List<FeatureImportance> Importance(MLContext ml,
        BinaryPredictionTransformer<CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator>> transformer,
        IDataView holdout, FeatureLayout layout, int permutationCount)
    {
        var gains = default(VBuffer<float>);
        transformer.Model.SubModel.GetFeatureWeights(ref gains);
        var gain = gains.DenseValues().Select(g => (double)g).ToArray();
        var totalGain = gain.Sum();
        var permutation = ml.BinaryClassification.PermutationFeatureImportance(transformer, holdout, LabelColumn, permutationCount: permutationCount);
        return [.. layout.Names
            .Select((name, i) => new FeatureImportance(name,
                // PFI reports the change in AUC when the column is shuffled; a drop is the importance.
                -permutation[i].AreaUnderRocCurve.Mean,
                totalGain > 0 && i < gain.Length ? gain[i] / totalGain : 0))
            .OrderByDescending(f => f.AucDrop)
            .ThenByDescending(f => f.GainShare)];
    }

    private static void CheckSettings(LookalikeSettings s)
    {
        if (!(s.HoldoutShare is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(s), s.HoldoutShare, "HoldoutShare must be between 0 and 1");
        }
        if (s.MaxSeedProfiles < 2 || s.MaxOtherProfiles < 2 || s.NumberOfTrees < 1 || s.NumberOfLeaves < 2
            || s.MinimumExampleCountPerLeaf < 1 || !(s.LearningRate > 0) || s.PermutationCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(s), "lookalike settings: sample caps ≥ 2, trees ≥ 1, leaves ≥ 2, examples per leaf ≥ 1, learning rate > 0, permutations ≥ 1");
        }
    }

    private sealed class TrainingRow
    {
        public bool Label { get; set; }
        public float[] Features { get; set; } = [];
    }

    private sealed class ScoringRow
    {
        public float[] Features { get; set; } = [];
    }
}
