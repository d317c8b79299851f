using Dashboard.Domain.Allocation;

namespace Dashboard.Tests.Domain.Allocation;

/// <summary>Slow reference methods the optimizer is checked against.</summary>
internal static class BruteForce
{
    /// <summary>
    /// The exact best split on a grid of <paramref name="steps"/> equal budget units above the lower bounds (dynamic programming
    /// over channels), and <c>Slack</c>: how much the true optimum can exceed it (Σ over channels of the largest gain one grid
    /// step can bring, since rounding the true optimum down to the grid loses at most that; the rounding remainder is put back
    /// into a channel with room, which never lowers the response).
    /// </summary>
    public static (double Value, double[] Spends, double Slack) Best(IReadOnlyList<BudgetChannel> channels, double total, int steps)
    {
        var free = total - channels.Sum(c => c.Lower);
        var unit = free / steps;
        var n = channels.Count;
        var value = new double[n + 1, steps + 1];
        var choice = new int[n + 1, steps + 1];
        for (var b = 1; b <= steps; b++)
        {
            value[0, b] = double.NegativeInfinity;
        }
        for (var i = 1; i <= n; i++)
        {
            var c = channels[i - 1];
            var maxUnits = (int)Math.Min(steps, Math.Floor((Math.Min(c.Upper, total) - c.Lower) / unit + 1e-9));
            for (var b = 0; b <= steps; b++)
            {
                value[i, b] = double.NegativeInfinity;
                for (var g = 0; g <= Math.Min(b, maxUnits); g++)
                {
                    var v = value[i - 1, b - g] + c.Curve.Response(c.Lower + g * unit);
                    if (v > value[i, b])
                    {
                        value[i, b] = v;
                        choice[i, b] = g;
                    }
                }
            }
        }
        // The grid may not add up exactly when upper bounds are not multiples of the unit: take the best reachable budget.
        var bestB = Enumerable.Range(0, steps + 1).MaxBy(b => value[n, b]);
        var spends = new double[n];
        for (int i = n, b = bestB; i >= 1; i--)
        {
            spends[i - 1] = channels[i - 1].Lower + choice[i, b] * unit;
            b -= choice[i, b];
        }
        var slack = channels.Sum(c => MaxStepGain(c, unit, total));
        return (value[n, bestB], spends, slack);
    }

    /// <summary>Projected gradient-style local ascent: repeatedly move a small amount from the lowest to the highest marginal.</summary>
    public static (double Value, double[] Spends) LocalAscent(IReadOnlyList<BudgetChannel> channels, double[] start)
    {
        var s = (double[])start.Clone();
        var step = s.Sum() / 100;
        for (var iteration = 0; iteration < 100_000 && step > 1e-9; iteration++)
        {
            var marginals = channels.Select((c, i) => c.Curve.Marginal(s[i])).ToArray();
            var up = Enumerable.Range(0, s.Length).Where(i => s[i] < channels[i].Upper).MaxBy(i => marginals[i]);
            var down = Enumerable.Range(0, s.Length).Where(i => s[i] > channels[i].Lower).MinBy(i => marginals[i]);
            var move = Math.Min(step, Math.Min(channels[up].Upper - s[up], s[down] - channels[down].Lower));
            var before = BudgetEvaluator.TotalResponse(channels, s);
            s[up] += move;
            s[down] -= move;
            if (up == down || BudgetEvaluator.TotalResponse(channels, s) <= before)
            {
                s[up] -= move;
                s[down] += move;
                step /= 2;
            }
        }
        return (BudgetEvaluator.TotalResponse(channels, s), s);
    }

    /// <summary>The best total reachable by moving any amount (on a fine grid) between any two channels.</summary>
    public static double BestPairwiseTransfer(IReadOnlyList<BudgetChannel> channels, double[] spends)
    {
        var best = double.NegativeInfinity;
        for (var i = 0; i < spends.Length; i++)
        {
            for (var j = 0; j < spends.Length; j++)
            {
                if (i == j)
                {
                    continue;
                }
                var room = Math.Min(channels[i].Upper - spends[i], spends[j] - channels[j].Lower);
                for (var k = 1; k <= 200; k++)
                {
                    var s = (double[])spends.Clone();
                    var move = room * k / 200;
                    s[i] += move;
                    s[j] -= move;
                    best = Math.Max(best, BudgetEvaluator.TotalResponse(channels, s));
                }
            }
        }
        return best;
    }

    private static double MaxStepGain(BudgetChannel channel, double unit, double total)
    {
        var best = 0.0;
        var top = Math.Min(channel.Upper, total);
        for (var x = channel.Lower; x <= top; x += unit / 20)
        {
            best = Math.Max(best, channel.Curve.Response(Math.Min(x + unit, channel.Upper)) - channel.Curve.Response(x));
        }
        return best;
    }
}
