namespace Dashboard.Domain.Audiences;

/// <summary>How much richer the top of a ranking is than the whole: rate in the top share ÷ rate overall.</summary>
/// <param name="TopShare">The share of the ranking taken as "top" (0.1 = top decile).</param>
/// <param name="TopRate">Share of flagged profiles among the top (ties at the cut counted proportionally).</param>
/// <param name="BaseRate">Share of flagged profiles among all ranked (what a random pick of any size gets on average).</param>
/// <param name="Lift">TopRate ÷ BaseRate; 1 means no better than random.</param>
public sealed record TopShareLift(double TopShare, double TopRate, double BaseRate, double Lift);

/// <summary>Ranking metrics for lookalike models and their held-out evaluation.</summary>
public static class LookalikeMetrics
{
    /// <summary>
    /// Area under the ROC curve: the probability that a random positive scores above a random negative, ties counting
    /// one half (Mann–Whitney U ÷ (P·N), with mid-ranks for ties; Hanley &amp; McNeil 1982).
    /// Throws when either class is empty, because the AUC is then undefined.
    /// </summary>
    public static double Auc(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        CheckSameLength(scores, labels);
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double positiveRankSum = 0;
        long positives = 0;
        var start = 0;
        while (start < order.Length)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]])
            {
                end++;
            }
            // Ranks start + 1 .. end + 1 share their mean.
            var midRank = (start + end + 2) / 2.0;
            for (var k = start; k <= end; k++)
            {
                if (labels[order[k]])
                {
                    positiveRankSum += midRank;
                    positives++;
                }
            }
            start = end + 1;
        }
        long negatives = scores.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            throw new ArgumentException($"AUC needs both classes; got {positives} positive and {negatives} negative examples", nameof(labels));
        }
        var u = positiveRankSum - positives * (positives + 1) / 2.0;
        return u / ((double)positives * negatives);
    }

    /// <summary>
    /// The rate of flagged profiles in the top <paramref name="topShare"/> of the ranking (highest scores first) over the
    /// rate in the whole ranking. The top holds exactly topShare × n profiles; when the cut falls inside a group of
    /// equal scores, that group counts in proportion to the part of it that fits, so ties never favour either side.
    /// </summary>
    public static TopShareLift LiftAtTop(IReadOnlyList<double> scores, IReadOnlyList<bool> flags, double topShare = 0.1)
    {
        CheckSameLength(scores, flags);
        if (!(topShare is > 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(topShare), topShare, "the top share must be in (0, 1]");
        }
        if (scores.Count == 0)
        {
            throw new ArgumentException("cannot compute a lift over an empty ranking", nameof(scores));
        }
        var flagged = flags.Count(f => f);
        if (flagged == 0)
        {
            throw new ArgumentException("no profile is flagged, so the base rate is 0 and the lift is undefined", nameof(flags));
        }
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        var capacity = topShare * scores.Count;
        var remaining = capacity;
        double flaggedInTop = 0;
        var start = 0;
        while (start < order.Length && remaining > 1e-12)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]])
            {
                end++;
            }
            var groupSize = end - start + 1;
            var groupFlagged = 0;
            for (var k = start; k <= end; k++)
            {
                groupFlagged += flags[order[k]] ? 1 : 0;
            }
            var taken = Math.Min(groupSize, remaining);
            flaggedInTop += groupFlagged * (taken / groupSize);
            remaining -= taken;
            start = end + 1;
        }
        var topRate = flaggedInTop / capacity;
        var baseRate = (double)flagged / scores.Count;
        return new TopShareLift(topShare, topRate, baseRate, topRate / baseRate);
    }

    /// <summary>
    /// "Richness" of an expansion: given a ground-truth flag per ranked profile (e.g. high latent value on the demo
    /// brand), how much richer in flagged people the top decile of the ranking is than a random pick of the pool.
    /// </summary>
    public static TopShareLift Richness(IReadOnlyList<LookalikeScore> ranked, Func<long, bool> isHighValue, double topShare = 0.1)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(isHighValue);
        return LiftAtTop([.. ranked.Select(r => r.Score)], [.. ranked.Select(r => isHighValue(r.ProfileId))], topShare);
    }

    private static void CheckSameLength<T>(IReadOnlyList<double> scores, IReadOnlyList<T> labels)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        if (scores.Count != labels.Count)
        {
            throw new ArgumentException($"{scores.Count} scores but {labels.Count} labels", nameof(labels));
        }
        for (var i = 0; i < scores.Count; i++)
        {
            if (!double.IsFinite(scores[i]))
            {
                throw new ArgumentException($"score {i} is not a finite number", nameof(scores));
            }
        }
    }
}
