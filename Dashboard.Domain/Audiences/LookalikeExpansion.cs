namespace Dashboard.Domain.Audiences;

/// <summary>A profile outside the seed and its similarity to the seed: the model's probability of being a seed member.</summary>
public sealed record LookalikeScore(long ProfileId, double Score);

/// <summary>One point of the expansion trade-off: the top <see cref="SharePercent"/>% of the pool and how alike it is.</summary>
/// <param name="SharePercent">Expansion size as a percentage of the pool (the non-seed profiles).</param>
/// <param name="Size">Profiles in the expansion: round(share × pool), at least 1.</param>
/// <param name="MeanScore">Mean similarity of those profiles (expected similarity of the audience).</param>
/// <param name="MinScore">Similarity of the last profile taken (the cut-off).</param>
public sealed record ExpansionPoint(int SharePercent, int Size, double MeanScore, double MinScore);

/// <summary>Chooses the size of a lookalike audience from a ranked pool.</summary>
public static class LookalikeExpansion
{
    /// <summary>The smallest and largest expansion sizes offered, in percent of the pool.</summary>
    public const int MinPercent = 1;
    public const int MaxPercent = 20;

    /// <summary>
    /// Size versus expected similarity for every whole percentage from <paramref name="fromPercent"/> to
    /// <paramref name="toPercent"/>. <paramref name="ranked"/> must be ordered best first (as
    /// <see cref="LookalikeModel.ScorePool"/> returns it), so MeanScore never rises as the size grows.
    /// </summary>
    public static IReadOnlyList<ExpansionPoint> Curve(IReadOnlyList<LookalikeScore> ranked, int fromPercent = MinPercent, int toPercent = MaxPercent)
    {
        CheckRanked(ranked);
        if (fromPercent < 1 || toPercent > 100 || fromPercent > toPercent)
        {
            throw new ArgumentOutOfRangeException(nameof(fromPercent), $"sizes must satisfy 1 ≤ from ≤ to ≤ 100 (got {fromPercent}..{toPercent})");
        }
        var points = new List<ExpansionPoint>(toPercent - fromPercent + 1);
        double runningSum = 0;
        var taken = 0;
        for (var percent = fromPercent; percent <= toPercent; percent++)
        {
            var size = SizeFor(ranked.Count, percent);
            for (; taken < size; taken++)
            {
                runningSum += ranked[taken].Score;
            }
            points.Add(new ExpansionPoint(percent, size, runningSum / size, ranked[size - 1].Score));
        }
        return points;
    }

    /// <summary>The top <paramref name="sharePercent"/>% of the ranked pool (round(share × pool), at least 1), best first.</summary>
    public static IReadOnlyList<LookalikeScore> Select(IReadOnlyList<LookalikeScore> ranked, double sharePercent)
    {
        CheckRanked(ranked);
        if (!(sharePercent is >= MinPercent and <= MaxPercent))
        {
            throw new ArgumentOutOfRangeException(nameof(sharePercent), sharePercent, $"the expansion size must be {MinPercent}% to {MaxPercent}% of the pool");
        }
        return [.. ranked.Take(SizeFor(ranked.Count, sharePercent))];
    }

    private static int SizeFor(int pool, double percent) => Math.Max(1, (int)Math.Round(pool * percent / 100.0, MidpointRounding.AwayFromZero));

    private static void CheckRanked(IReadOnlyList<LookalikeScore> ranked)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        if (ranked.Count == 0)
        {
            throw new ArgumentException("the pool is empty: there is no profile outside the seed to expand to", nameof(ranked));
        }
        for (var i = 1; i < ranked.Count; i++)
        {
            if (ranked[i].Score > ranked[i - 1].Score)
            {
                throw new ArgumentException($"the pool must be ranked best first; entry {i} scores above entry {i - 1}", nameof(ranked));
            }
        }
    }
}
