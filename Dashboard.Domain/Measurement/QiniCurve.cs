namespace Dashboard.Domain.Measurement;

/// <summary>One point of a Qini curve: after targeting the top <see cref="FractionTargeted"/> by predicted uplift.</summary>
public sealed record QiniPoint(double FractionTargeted, int Targeted, double ModelGain, double RandomGain);

/// <summary>
/// The Qini curve of a ranking on held-out customers (Radcliffe, "Using control groups to target on predicted
/// lift", 2007): Q(k) = Yₜ(k) − Y꜀(k)·Nₜ(k)/N꜀(k) over the top k by score, where Yₜ, Y꜀ sum the outcome of treated
/// and control customers among them and Nₜ, N꜀ count them: the incremental outcomes had only the top k been
/// treated. Random targeting gives the straight line k/N·Q(N). <see cref="Auuc"/> is the area under the model's
/// curve over the fraction targeted (trapezoids, units: incremental outcomes), <see cref="RandomAuuc"/> the
/// random line's, Q(N)/2, and <see cref="QiniCoefficient"/> their difference: positive when the model ranks
/// persuadables ahead of the rest.
/// </summary>
public sealed record QiniCurve(IReadOnlyList<QiniPoint> Points, double Auuc, double RandomAuuc, double QiniCoefficient, double TotalGain)
{
    /// <summary>Scores the ranking of (score, treated, outcome) triples; <paramref name="points"/> curve points are kept for charts.</summary>
    public static QiniCurve Evaluate(IReadOnlyList<(double Score, bool Treated, double Outcome)> customers, int points = 100)
    {
        if (customers.Count == 0)
        {
            throw new ArgumentException("a Qini curve needs customers");
        }
        var order = Enumerable.Range(0, customers.Count).OrderByDescending(i => customers[i].Score).ThenBy(i => i).ToArray();
        var n = order.Length;
        var gains = new double[n + 1];
        double yt = 0, yc = 0;
        long nt = 0, nc = 0;
        for (var k = 0; k < n; k++)
        {
            var c = customers[order[k]];
            if (c.Treated)
            {
                yt += c.Outcome;
                nt++;
            }
            else
            {
                yc += c.Outcome;
                nc++;
            }
            gains[k + 1] = nc > 0 ? yt - yc * nt / nc : yt;
        }
        var total = gains[n];
        var area = 0.0;
        for (var k = 1; k <= n; k++)
        {
            area += (gains[k - 1] + gains[k]) / 2;
        }
        area /= n;
        var randomArea = total / 2;
        var kept = Enumerable.Range(0, points + 1).Select(j => (int)Math.Round((double)j * n / points)).Distinct()
            .Select(k => new QiniPoint((double)k / n, k, gains[k], total * k / n)).ToList();
        return new QiniCurve(kept, area, randomArea, area - randomArea, total);
    }
}
