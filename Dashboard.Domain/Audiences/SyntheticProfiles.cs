using MathNet.Numerics.Distributions;

namespace Dashboard.Domain.Audiences;

/// <summary>A generated pool: the feature table and each profile's latent value (same order as the rows).</summary>
public sealed record SyntheticPool(ProfileFeatureTable Table, IReadOnlyList<double> LatentValue);

/// <summary>
/// Generates feature tables for tests and benchmarks (the demo brand's seeder fills the real ones). Each profile has a
/// latent value v ~ LogNormal(0, 1); purchases, engagement and category mix depend on it, and a share of profiles are
/// prospects with engagement but no orders. Deterministic for a given seed.
/// </summary>
public static class SyntheticProfiles
{
    public static readonly IReadOnlyList<string> Categories = ["Skincare", "Makeup", "Fragrance", "Haircare"];
    public static readonly IReadOnlyList<string> Sources = ["tmall", "jd", "douyin", "wechat", "app"];

    public static SyntheticPool Generate(int count, int seed, double prospectShare = 0.4)
    {
        if (count < 1 || !(prospectShare is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(count), "count must be ≥ 1 and prospectShare in [0, 1]");
        }
        var random = new Random(seed);
        var rows = new ProfileFeatures[count];
        var latent = new double[count];
        for (var i = 0; i < count; i++)
        {
            var v = Math.Exp(Normal.Sample(random, 0, 1));
            latent[i] = v;
            rows[i] = Profile(i + 1, v, random.NextDouble() < prospectShare, random);
        }
        return new SyntheticPool(new ProfileFeatureTable(Categories, Sources, rows), latent);
    }

    private static ProfileFeatures Profile(long id, double v, bool prospect, Random random)
    {
        var orders = prospect ? 0 : 1 + Poisson.Sample(random, Math.Min(2 * v, 50));
        var spend = orders * Math.Exp(Normal.Sample(random, Math.Log(150 * Math.Sqrt(v)), 0.4));
        // High-value profiles lean to skincare and fragrance; everyone else to makeup and haircare.
        var lean = v / (1 + v);
        double[] weights = [lean + 0.1 * random.NextDouble(), 1 - lean + 0.1 * random.NextDouble(), 0.5 * lean * random.NextDouble(), 0.5 * (1 - lean) * random.NextDouble()];
        var total = weights.Sum();
        var impressions = Poisson.Sample(random, 5 + 3 * v);
        var clicks = Poisson.Sample(random, 0.5 + 0.8 * v);
        var visits = Poisson.Sample(random, 0.5 + v);
        var touchpoints = impressions + clicks + visits;
        var sourceTouchpoints = new double[Sources.Count];
        for (var t = 0; t < touchpoints; t++)
        {
            sourceTouchpoints[random.Next(Sources.Count)]++;
        }
        return new ProfileFeatures(id)
        {
            OrderCount = orders,
            TotalSpend = Math.Round(spend, 2),
            DaysSinceLastOrder = orders > 0 ? Math.Round(365 * random.NextDouble() / Math.Sqrt(v + 0.1), 1) % 730 : null,
            DaysSinceFirstSeen = Math.Round(30 + 900 * random.NextDouble(), 1),
            CategoryShares = orders > 0 ? [.. weights.Select(w => w / total)] : new double[Categories.Count],
            Impressions = impressions,
            Clicks = clicks,
            Visits = visits,
            DwellMinutes = Math.Round(visits * 2 * (0.5 + random.NextDouble()) * Math.Sqrt(v), 1),
            MessagesOpened = Poisson.Sample(random, 1 + v),
            AddToCarts = Poisson.Sample(random, 0.2 * v),
            SourceTouchpoints = sourceTouchpoints,
            DaysSinceLastTouchpoint = touchpoints > 0 ? Math.Round(90 * random.NextDouble(), 1) : null,
            Gender = (ProfileGender)random.Next(3),
            Age = random.NextDouble() < 0.2 ? null : 18 + random.Next(45),
            CityTier = random.NextDouble() < 0.1 ? null : Math.Clamp(1 + (int)(5 * random.NextDouble() / Math.Sqrt(0.5 + lean)), 1, 5),
        };
    }
}
