using System.Globalization;
using System.Text.Json;
using Dashboard.Data.Seed;

namespace Dashboard.Tests.Data.Seed;

/// <summary>The generated brand is consistent with the models it was generated from.</summary>
public class DemoBrandStatisticsTests(DemoBrandFixture brand) : IClassFixture<DemoBrandFixture>
{
    private static readonly DateTime WindowEnd = new(2026, 11, 16, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Seed_RepeatPurchases_MatchTheBgNbdExpectationForTheBuyersAges()
    {
        var rows = await brand.QueryAsync(
            "SELECT COUNT(*) - p.ExtraOrders, MIN(o.PlacedAtUtc) FROM Orders o JOIN DemoIdentityTruths t ON t.SourceIdentityId = o.SourceIdentityId " +
            "JOIN DemoPeople p ON p.Id = t.PersonId GROUP BY p.Id");
        var bgnbd = DemoModel.BgNbd;

        // x = repeat purchases of the BG/NBD process (orders minus the first one and the campaign extras);
        // E[X(T)] from the paper's closed form at each buyer's age T in weeks.
        var differences = rows.Select(r =>
        {
            var repeats = Convert.ToDouble(r[0], CultureInfo.InvariantCulture) - 1;
            var first = DateTime.Parse((string)r[1]!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            var age = (WindowEnd - first).TotalDays / 7;
            return repeats - ExpectedRepeats(bgnbd.R, bgnbd.Alpha, bgnbd.A, bgnbd.B, age);
        }).ToList();
        var mean = differences.Average();
        var standardError = Math.Sqrt(differences.Sum(d => (d - mean) * (d - mean)) / (differences.Count - 1) / differences.Count);

        Assert.Equal(DemoBrandFixture.Buyers, rows.Count);
        Assert.True(Math.Abs(mean) < 4 * standardError, $"mean observed − expected repeats {mean:F3} (se {standardError:F3})");
    }

    [Theory]
    [InlineData(0.6, 10, 0.8, 2.5, 52, 1.869)]
    [InlineData(0.6, 8, 0.7, 2.5, 104, 3.623)]
    [InlineData(0.8, 10, 0.8, 3, 26, 1.501)]
    public void ExpectedRepeats_KnownParameters_MatchesASimulation(double r, double alpha, double a, double b, double t, double simulated)
    {
        // The simulated values are means of 100,000 (200,000 for the last) independent BG/NBD histories,
        // simulated once while writing this test (standard error up to about 0.02).
        var expected = ExpectedRepeats(r, alpha, a, b, t);

        Assert.Equal(simulated, expected, 0.06);
    }

    [Fact]
    public async Task Seed_LatentRates_FollowTheirGammaAndBetaMixing()
    {
        var rows = await brand.QueryAsync("SELECT Lambda, DropoutProbability, MeanOrderValue FROM DemoPeople WHERE NOT IsProspect");
        var bgnbd = DemoModel.BgNbd;
        var gg = DemoModel.GammaGamma;

        AssertMean(rows.Select(r => (double)r[0]!), bgnbd.R / bgnbd.Alpha, "λ");
        AssertMean(rows.Select(r => (double)r[1]!), bgnbd.A / (bgnbd.A + bgnbd.B), "p");
        AssertMean(rows.Select(r => (double)r[2]!), gg.PopulationMean!.Value, "mean order value");
    }

    [Fact]
    public async Task Seed_OrderValues_AreGammaAroundEachBuyersMean()
    {
        var ratios = (await brand.QueryAsync(
            "SELECT o.Total / p.MeanOrderValue FROM Orders o JOIN DemoIdentityTruths t ON t.SourceIdentityId = o.SourceIdentityId " +
            "JOIN DemoPeople p ON p.Id = t.PersonId"))
            .Select(r => (double)r[0]!).ToList();
        var mean = ratios.Average();
        var variance = ratios.Sum(x => (x - mean) * (x - mean)) / (ratios.Count - 1);

        // z / (p/ν) ~ Gamma(shape p, rate p): mean 1, variance 1/p.
        Assert.Equal(1, mean, 0.03);
        Assert.Equal(1 / DemoModel.GammaGamma.P, variance, 0.03);
    }

    [Fact]
    public async Task Seed_FirstPurchases_ClusterAroundDoubleElevenAnd618()
    {
        var firsts = (await brand.QueryAsync(
            "SELECT MIN(o.PlacedAtUtc) FROM Orders o JOIN DemoIdentityTruths t ON t.SourceIdentityId = o.SourceIdentityId GROUP BY t.PersonId"))
            .Select(r => DateTime.Parse((string)r[0]!, CultureInfo.InvariantCulture)).ToList();

        double PerDay(DateTime from, DateTime to) => firsts.Count(d => d >= from && d < to) / (to - from).TotalDays;
        var ordinary = PerDay(new DateTime(2025, 8, 1), new DateTime(2025, 9, 1));
        Assert.True(PerDay(new DateTime(2025, 11, 1), new DateTime(2025, 11, 12)) > 2 * ordinary);
        Assert.True(PerDay(new DateTime(2026, 6, 10), new DateTime(2026, 6, 19)) > 1.5 * ordinary);
    }

    [Fact]
    public async Task Seed_ChannelOutcomes_FollowTheirAdstockHillCurves()
    {
        var truth = (string)(await brand.QueryAsync("SELECT Json FROM DemoTruths WHERE Key = 'channels'"))[0][0]!;
        var weeks = await brand.QueryAsync("SELECT AdChannelId, Spend, Revenue FROM ChannelSpends ORDER BY AdChannelId, WeekStartUtc");

        using var doc = JsonDocument.Parse(truth);
        var channels = doc.RootElement.GetProperty("channels").EnumerateArray().ToList();
        Assert.Equal(8 * 104, weeks.Count);
        foreach (var channel in channels)
        {
            var id = channel.GetProperty("adChannelId").GetInt32();
            double Get(string name) => channel.GetProperty(name).GetDouble();
            var series = weeks.Where(w => Convert.ToInt32(w[0], CultureInfo.InvariantCulture) == id).ToList();
            var adstock = 0.0;
            var residuals = new List<double>();
            foreach (var week in series)
            {
                adstock = (double)week[1]! + Get("theta") * adstock;
                var hill = Math.Pow(adstock, Get("h")) / (Math.Pow(adstock, Get("h")) + Math.Pow(Get("k"), Get("h")));
                residuals.Add((double)week[2]! - Get("baseline") - Get("beta") * hill);
            }
            var sd = Get("noiseSd");
            var mean = residuals.Average();
            var spread = Math.Sqrt(residuals.Sum(x => (x - mean) * (x - mean)) / (residuals.Count - 1));
            Assert.True(Math.Abs(mean) < 4 * sd / Math.Sqrt(residuals.Count), $"channel {id}: mean residual {mean}");
            Assert.InRange(spread, 0.7 * sd, 1.3 * sd);
            var spends = series.Select(w => (double)w[1]!).ToList();
            Assert.True(spends.Max() > 2.5 * spends.Where(s => s > 0).Min(), $"channel {id}: spend hardly varies");
        }
    }

    [Fact]
    public async Task Seed_ChannelSpend_PeaksAroundDoubleElevenAnd618()
    {
        var weeks = await brand.QueryAsync("SELECT WeekStartUtc, SUM(Spend) FROM ChannelSpends GROUP BY WeekStartUtc ORDER BY WeekStartUtc");

        var spend = weeks.ToDictionary(w => DateTime.Parse((string)w[0]!, CultureInfo.InvariantCulture), w => (double)w[1]!);
        var median = spend.Values.Order().ElementAt(spend.Count / 2);
        Assert.True(spend[new DateTime(2025, 11, 3)] > 2 * median);
        Assert.True(spend[new DateTime(2026, 11, 2)] > 2 * median);
        Assert.True(spend[new DateTime(2026, 6, 15)] > 1.5 * median);
    }

    private static void AssertMean(IEnumerable<double> values, double expected, string what)
    {
        var list = values.ToList();
        var mean = list.Average();
        var se = Math.Sqrt(list.Sum(x => (x - mean) * (x - mean)) / (list.Count - 1) / list.Count);
        Assert.True(Math.Abs(mean - expected) < 4 * se, $"{what}: mean {mean} vs {expected} (se {se})");
    }

    /// <summary>
    /// E[X(t)] of BG/NBD (Fader, Hardie &amp; Lee 2005, eq. 9):
    /// (a+b−1)/(a−1) · [1 − (α/(α+t))^r · ₂F₁(r, b; a+b−1; t/(α+t))], the Gauss series converging as t/(α+t) &lt; 1.
    /// </summary>
    private static double ExpectedRepeats(double r, double alpha, double a, double b, double t)
    {
        var z = t / (alpha + t);
        double sum = 1, term = 1;
        for (var k = 0; k < 100_000 && Math.Abs(term) > 1e-15 * sum; k++)
        {
            term *= (r + k) * (b + k) / ((a + b - 1 + k) * (k + 1)) * z;
            sum += term;
        }
        return (a + b - 1) / (a - 1) * (1 - Math.Pow(alpha / (alpha + t), r) * sum);
    }
}
