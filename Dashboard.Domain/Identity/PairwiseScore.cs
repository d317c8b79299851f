namespace Dashboard.Domain.Identity;

/// <summary>
/// Pairwise quality of a clustering against the truth, over all pairs of records:
/// precision = correct pairs / pairs put in one profile, recall = correct pairs / pairs that are truly
/// one person, where a correct pair is in one profile and truly one person. Computed from the contingency
/// counts n_ij (records in predicted cluster i and true person j): correct = Σ C(n_ij, 2),
/// predicted = Σ_i C(a_i, 2), true = Σ_j C(b_j, 2), in O(n) instead of O(n²) pairs (the pair-counting
/// measures of Menestrina, Whang and Garcia-Molina 2010, "Evaluating entity resolution results").
/// With no predicted pairs precision is 1 (nothing claimed, nothing wrong); with no true pairs recall is 1.
/// </summary>
public sealed record PairwiseScore(double Precision, double Recall, long PredictedPairs, long TruePairs, long CorrectPairs)
{
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>Scores per-record labels: predicted[i] is record i's profile, truth[i] its true person.</summary>
    public static PairwiseScore Compute(IReadOnlyList<long> predicted, IReadOnlyList<long> truth)
    {
        if (predicted.Count != truth.Count)
        {
            throw new ArgumentException($"{predicted.Count} predicted labels but {truth.Count} true labels");
        }
        var cells = new Dictionary<(long, long), long>();
        var rows = new Dictionary<long, long>();
        var columns = new Dictionary<long, long>();
        for (var i = 0; i < predicted.Count; i++)
        {
            Increment(cells, (predicted[i], truth[i]));
            Increment(rows, predicted[i]);
            Increment(columns, truth[i]);
        }
        var correct = cells.Values.Sum(Pairs);
        var predictedPairs = rows.Values.Sum(Pairs);
        var truePairs = columns.Values.Sum(Pairs);
        return new PairwiseScore(
            predictedPairs == 0 ? 1.0 : (double)correct / predictedPairs,
            truePairs == 0 ? 1.0 : (double)correct / truePairs,
            predictedPairs,
            truePairs,
            correct);
    }

    /// <summary>Scores clusters of record ids against each record's true person.</summary>
    public static PairwiseScore Compute(IEnumerable<IReadOnlyList<long>> clusters, Func<long, long> truthOf)
    {
        var predicted = new List<long>();
        var truth = new List<long>();
        var cluster = 0L;
        foreach (var records in clusters)
        {
            foreach (var id in records)
            {
                predicted.Add(cluster);
                truth.Add(truthOf(id));
            }
            cluster++;
        }
        return Compute(predicted, truth);
    }

    private static long Pairs(long n) => n * (n - 1) / 2;

    private static void Increment<TKey>(Dictionary<TKey, long> counts, TKey key)
        where TKey : notnull => counts[key] = counts.GetValueOrDefault(key) + 1;
}
