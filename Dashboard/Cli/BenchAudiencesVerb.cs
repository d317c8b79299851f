using System.Diagnostics;
using Dashboard.Domain.Audiences;
using Dashboard.Domain.Recommendations;

namespace Dashboard.Cli;

/// <summary>
/// "bench audiences": trains a lookalike model on a sample of a generated pool and scores the whole pool (train and score
/// timed separately), then evaluates the recommender on the UCI Online Retail data (leave-last-order-out, hit rate@10
/// and NDCG@10 against popularity) and simulates a cold-start product on it. Run in Release.
/// </summary>
public sealed class BenchAudiencesVerb : ICliVerb
{
    public string Name => "bench audiences";

    public string Usage => "bench audiences [--profiles N] [--train-sample N] [--seed N] [--retail DIR] [--skip-retail] [--replenishment-boost X] [--json]";

    public async Task<int> RunAsync(CliContext context)
    {
        var args = context.Args;
        var profiles = args.Int("profiles", 1_000_000, 1_000, 20_000_000);
        var trainSample = args.Int("train-sample", 100_000, 1_000, 10_000_000);
        var seed = args.Int("seed", 42);
        var skipRetail = args.Flag("skip-retail");
        var retailDirectory = args.Optional("retail");
        var boost = args.Double("replenishment-boost", new RecommenderSettings().ReplenishmentBoost, 0, 1000);

        var lookalike = BenchLookalike(profiles, trainSample, seed);
        object? retail = null;
        if (!skipRetail)
        {
            retailDirectory ??= FindRetail() ?? throw new CliUsageException(
                "the Online Retail folder was not found beside the repository (shared/data/online-retail/by-day); pass --retail DIR or --skip-retail");
            retail = BenchRetail(retailDirectory, seed, boost);
        }
        var result = new { lookalike, recommendations = retail };
        // The figures are nested; indented JSON is also the readable form, so both modes print it.
        _ = context.Json;
        await context.WriteJsonAsync(result);
        return 0;
    }

    private static object BenchLookalike(int profiles, int trainSample, int seed)
    {
        var clock = Stopwatch.StartNew();
        var pool = SyntheticProfiles.Generate(profiles, seed);
        var generateSeconds = clock.Elapsed.TotalSeconds;

        // Seed: buyers in the top 10% of latent value (the "best customers"); the flag for richness is the same top 10%.
        var threshold = pool.LatentValue.Order().ElementAt((int)(0.9 * profiles));
        var highValue = new HashSet<long>();
        var seedIds = new HashSet<long>();
        for (var i = 0; i < profiles; i++)
        {
            var row = pool.Table.Rows[i];
            if (pool.LatentValue[i] > threshold)
            {
                highValue.Add(row.ProfileId);
                if (row.OrderCount > 0 && i % 2 == 0)
                {
                    seedIds.Add(row.ProfileId);
                }
            }
        }
        var settings = new LookalikeSettings { Seed = seed, MaxSeedProfiles = trainSample / 5, MaxOtherProfiles = trainSample - trainSample / 5 };
        clock.Restart();
        var training = LookalikeModel.Train(pool.Table, seedIds, settings);
        var trainSeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var ranked = training.Model.ScorePool(pool.Table, seedIds);
        var scoreSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var everyProfile = training.Model.Score(pool.Table.Rows);
        var scoreAllSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var curve = LookalikeExpansion.Curve(ranked);
        var curveSeconds = clock.Elapsed.TotalSeconds;
        var richness = LookalikeMetrics.Richness(ranked, highValue.Contains);
        return new
        {
            profiles,
            seedProfiles = seedIds.Count,
            trainRows = training.Evaluation.TrainSeed + training.Evaluation.TrainOthers,
            holdoutRows = training.Evaluation.HoldoutSeed + training.Evaluation.HoldoutOthers,
            features = training.Model.Layout.Count,
            generateSeconds = Round(generateSeconds),
            trainSeconds = Round(trainSeconds),
            // Score() over every row (the benchmark's 1,000,000), then ScorePool(): the non-seed pool, validated and ranked.
            scoreAllSeconds = Round(scoreAllSeconds),
            scoredAll = everyProfile.Length,
            profilesPerSecond = Math.Round(everyProfile.Length / scoreAllSeconds),
            scorePoolAndRankSeconds = Round(scoreSeconds),
            pool = ranked.Count,
            curveSeconds = Round(curveSeconds),
            auc = Round(training.Evaluation.Auc),
            topDecileLift = Round(training.Evaluation.TopDecileLift),
            richnessTopDecile = Round(richness.Lift),
            topFeatures = training.Importance.Take(5).Select(f => new { f.Feature, aucDrop = Round(f.AucDrop), gainShare = Round(f.GainShare) }),
            curve = curve.Where(p => p.SharePercent is 1 or 5 or 10 or 20).Select(p => new { p.SharePercent, p.Size, meanScore = Round(p.MeanScore) }),
        };
    }

    private static object BenchRetail(string directory, int seed, double boost)
    {
        var clock = Stopwatch.StartNew();
        var load = OnlineRetailBaskets.Load(directory);
        var loadSeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var index = ItemToItem.Build(load.Orders);
        var buildSeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var novel = OfflineEvaluation.HoldOutLastOrder(load.Orders);
        var novelSeconds = clock.Elapsed.TotalSeconds;

        // Repeat purchases allowed: every product "replenishable" at once, so what a customer bought before can come back.
        clock.Restart();
        var repeat = OfflineEvaluation.HoldOutLastOrder(load.Orders, recommenderSettings: new RecommenderSettings { DefaultReplenishmentDays = 0, ReplenishmentBoost = boost });
        var repeatSeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var coldStart = SimulateColdStart(load.Orders, seed);
        var coldStartSeconds = clock.Elapsed.TotalSeconds;
        return new
        {
            data = new
            {
                load.Files, load.Lines, load.KeptLines, load.Cancellations, load.WithoutCustomer, load.NonPositiveQuantityOrPrice, load.NonProductCodes,
                orders = load.Orders.Count,
                customers = load.Orders.Select(o => o.CustomerId).Distinct().Count(),
                products = load.StockCodes.Count,
            },
            loadSeconds = Round(loadSeconds),
            indexBuildSeconds = Round(buildSeconds),
            indexProducts = index.Products.Count(),
            newProductsOnly = Report(novel, novelSeconds),
            repeatsAllowed = Report(repeat, repeatSeconds),
            coldStart,
            coldStartSeconds = Round(coldStartSeconds),
        };
    }

    private static object Report(OfflineEvaluationReport r, double seconds) => new
    {
        r.K,
        r.CustomersWithTwoOrders,
        r.CustomersEvaluated,
        r.CustomersWithoutEligibleTarget,
        hitRate = Round(r.Model.HitRate),
        ndcg = Round(r.Model.Ndcg),
        popularityHitRate = Round(r.PopularityBaseline.HitRate),
        popularityNdcg = Round(r.PopularityBaseline.Ndcg),
        seconds = Round(seconds),
    };

    /// <summary>
    /// Makes one real product "new": its sales are removed, half its buyers (chosen at random) are given campaign
    /// signals (a click, a visit with random dwell, and for some an add-to-cart), and three times as many non-buyers get
    /// impressions only. The other half of its buyers are the people the campaign should find; the question is where
    /// the product ranks for them against the non-buyers the campaign only exposed.
    /// </summary>
    private static object SimulateColdStart(IReadOnlyList<CustomerOrder> orders, int seed)
    {
        var popular = Popularity.Rank(orders);
        var product = popular[19];
        var asOf = orders.Max(o => o.PlacedAtUtc).AddDays(1);
        var random = new Random(seed);
        var buyers = orders.Where(o => o.ProductIds.Contains(product)).Select(o => o.CustomerId).Distinct().Order().ToList();
        var signalers = buyers.Where(_ => random.NextDouble() < 0.5).ToHashSet();
        var laterBuyers = buyers.Where(b => !signalers.Contains(b)).ToList();
        var buyerSet = buyers.ToHashSet();
        var nonBuyers = orders.Select(o => o.CustomerId).Distinct().Where(c => !buyerSet.Contains(c)).Order().ToList();
        var exposedOnly = nonBuyers.OrderBy(_ => random.Next()).Take(3 * laterBuyers.Count).ToList();

        var signals = new List<CampaignSignal>();
        foreach (var customer in signalers)
        {
            signals.Add(new CampaignSignal(customer, product, SignalType.Exposure, asOf));
            signals.Add(new CampaignSignal(customer, product, SignalType.Click, asOf));
            signals.Add(new CampaignSignal(customer, product, SignalType.Visit, asOf, random.Next(10, 300)));
            if (random.NextDouble() < 0.3)
            {
                signals.Add(new CampaignSignal(customer, product, SignalType.AddToCart, asOf));
            }
        }
        signals.AddRange(laterBuyers.Concat(exposedOnly).Select(c => new CampaignSignal(c, product, SignalType.Exposure, asOf)));

        var withoutProduct = orders
            .Select(o => o with { ProductIds = [.. o.ProductIds.Where(p => p != product)] })
            .Where(o => o.ProductIds.Count > 0)
            .ToList();
        var recommender = new Recommender(ColdStart.Extend(ItemToItem.Build(withoutProduct), signals, product));
        var byCustomer = withoutProduct.ToLookup(o => o.CustomerId);
        List<CustomerHistory> Histories(IEnumerable<long> customers) => [.. customers.Select(c => CustomerHistory.From(byCustomer[c], asOf))];
        var found = ColdStart.Reach(recommender, Histories(laterBuyers), product, asOf);
        var exposed = ColdStart.Reach(recommender, Histories(exposedOnly), product, asOf);
        return new
        {
            product,
            buyers = buyers.Count,
            audienceFound = ColdStart.Audience(signals, product).Count,
            laterBuyers = Reach(found),
            exposedNonBuyers = Reach(exposed),
        };
    }

    private static object Reach(ProductReach r) => new
    {
        r.Customers,
        r.Ranked,
        r.MedianRank,
        shareInTop10 = Round(r.ShareInTop10),
        meanReciprocalRank = Round(r.MeanReciprocalRank),
    };

    private static string? FindRetail()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("DASHBOARD_SHARED_DATA");
        IEnumerable<string> roots = fromEnvironment is { Length: > 0 } ? [fromEnvironment] : [];
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            roots = roots.Append(Path.Combine(dir.FullName, "shared", "data"));
        }
        return roots.Select(r => Path.Combine(r, "online-retail", "by-day")).FirstOrDefault(Directory.Exists);
    }

    private static double Round(double value) => Math.Round(value, 4);
}
