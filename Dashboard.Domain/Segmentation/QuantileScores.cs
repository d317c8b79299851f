namespace Dashboard.Domain.Segmentation;

/// <summary>
/// Scores values 1..levels by quantile (levels = 5 gives RFM quintiles, 3 gives VAP terciles).
/// </summary>
/// <remarks>
/// Tie rule (a product decision, documented here and in the help panel): equal values always get the same score,
/// so the score depends only on the value and the population, never on customer ids or input order.
/// A value's score comes from its mid-rank percentile p = (below + equal / 2) / n, where below counts the
/// values strictly lower and equal the values equal to it; score = 1 + floor(levels × p). This is the
/// mid-rank percentile of Hyndman &amp; Fan's plotting positions, applied to whole groups of ties.
/// Consequences: without ties every score holds n / levels values (exact when n divides); a large tie group
/// takes the score of its middle, so a neighbouring score may stay empty (e.g. 35% of customers with one
/// purchase all score 1 and the next value scores 3); one distinct value scores the middle (3 of 5);
/// two equally large groups score 2 and 4 of 5.
/// </remarks>
public static class QuantileScores
{
    /// <summary>Writes the score (1..levels) of each value into <paramref name="scores"/> (same order).</summary>
    /// <param name="values">Finite numbers; higher values get higher scores.</param>
    /// <exception cref="ArgumentException">A value is NaN or infinite, or the spans differ in length.</exception>
    public static void Assign(ReadOnlySpan<double> values, int levels, Span<byte> scores)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(levels, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(levels, byte.MaxValue);
        if (scores.Length != values.Length)
        {
            throw new ArgumentException("scores must have one slot per value", nameof(scores));
        }
        var n = values.Length;
        if (n == 0)
        {
            return;
        }
        var keys = values.ToArray();
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            if (!double.IsFinite(keys[i]))
            {
                throw new ArgumentException($"value #{i} is {keys[i]}; quantile scores need finite values", nameof(values));
            }
            order[i] = i;
        }
        Array.Sort(keys, order);
        var twiceN = 2L * n;
        var start = 0;
        while (start < n)
        {
            var end = start + 1;
            while (end < n && keys[end] == keys[start])
            {
                end++;
            }
            // 2·n·p = 2·below + equal, kept in integers so boundaries are exact.
            var score = (byte)(1 + levels * (2L * start + (end - start)) / twiceN);
            for (var k = start; k < end; k++)
            {
                scores[order[k]] = score;
            }
            start = end;
        }
    }

    /// <summary>Convenience form of <see cref="Assign(ReadOnlySpan{double}, int, Span{byte})"/> returning a new array.</summary>
    public static byte[] Assign(ReadOnlySpan<double> values, int levels)
    {
        var scores = new byte[values.Length];
        Assign(values, levels, scores);
        return scores;
    }
}
