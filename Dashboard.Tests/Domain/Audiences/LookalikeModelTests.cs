using Dashboard.Domain.Audiences;

namespace Dashboard.Tests.Domain.Audiences;

public class LookalikeModelTests
{
    private static readonly LookalikeSettings Fast = new() { NumberOfTrees = 40, Seed = 7 };

    [Fact]
    public void Train_SeedDefinedByFeatures_IsRecoveredWithAucNearOne()
    {
        var pool = SyntheticProfiles.Generate(3000, seed: 1);
        var seed = pool.Table.Rows.Where(r => r.AddToCarts >= 1 && r.Gender == ProfileGender.Female).Select(r => r.ProfileId).ToList();

        var training = LookalikeModel.Train(pool.Table, seed, Fast);

        Assert.True(training.Evaluation.Auc > 0.97, $"AUC {training.Evaluation.Auc}");
        Assert.True(training.Evaluation.TopDecileLift > 3, $"lift {training.Evaluation.TopDecileLift}");
        Assert.Contains(training.Importance[0].Feature, new[] { "AddToCarts", "Gender=F", "Gender=M", "Gender?" });
    }

    [Fact]
    public void Train_RandomSeed_GivesAucNearHalf()
    {
        var pool = SyntheticProfiles.Generate(4000, seed: 2);
        var random = new Random(3);
        var seed = pool.Table.Rows.Where(_ => random.NextDouble() < 0.2).Select(r => r.ProfileId).ToList();

        var training = LookalikeModel.Train(pool.Table, seed, Fast);

        Assert.InRange(training.Evaluation.Auc, 0.42, 0.58);
    }

    [Fact]
    public void Train_StratifiedSplit_HoldsOutTheSameShareOfEachClass()
    {
        var pool = SyntheticProfiles.Generate(2000, seed: 4);
        var seed = pool.Table.Rows.Take(300).Select(r => r.ProfileId).ToList();

        var evaluation = LookalikeModel.Train(pool.Table, seed, Fast).Evaluation;

        Assert.Equal(60, evaluation.HoldoutSeed);
        Assert.Equal(240, evaluation.TrainSeed);
        Assert.Equal(340, evaluation.HoldoutOthers);
        Assert.Equal(1360, evaluation.TrainOthers);
    }

    [Fact]
    public void Train_SameSettingsTwice_GivesIdenticalScores()
    {
        var pool = SyntheticProfiles.Generate(2000, seed: 5);
        var seed = pool.Table.Rows.Where(r => r.OrderCount >= 3).Select(r => r.ProfileId).ToList();

        var first = LookalikeModel.Train(pool.Table, seed, Fast);
        var second = LookalikeModel.Train(pool.Table, seed, Fast);

        Assert.Equal(first.Evaluation, second.Evaluation);
        Assert.Equal(first.Model.Score(pool.Table.Rows), second.Model.Score(pool.Table.Rows));
    }

    [Fact]
    public void ScorePool_AfterTraining_RanksEveryNonSeedProfileBestFirst()
    {
        var pool = SyntheticProfiles.Generate(2000, seed: 6);
        var seed = pool.Table.Rows.Where(r => r.OrderCount >= 4).Select(r => r.ProfileId).ToHashSet();
        var model = LookalikeModel.Train(pool.Table, seed, Fast).Model;

        var ranked = model.ScorePool(pool.Table, seed);

        Assert.Equal(2000 - seed.Count, ranked.Count);
        Assert.DoesNotContain(ranked, r => seed.Contains(r.ProfileId));
        Assert.All(ranked.Zip(ranked.Skip(1)), p => Assert.True(p.First.Score >= p.Second.Score));
        Assert.All(ranked, r => Assert.InRange(r.Score, 0, 1));
    }

    [Fact]
    public void ScorePool_HalfOfHighValueBuyersAsSeed_TopDecileIsRicherInHighValueThanRandom()
    {
        var pool = SyntheticProfiles.Generate(4000, seed: 8);
        var threshold = pool.LatentValue.Order().ElementAt(3000);
        var highValue = pool.Table.Rows.Where((_, i) => pool.LatentValue[i] > threshold).Select(r => r.ProfileId).ToHashSet();
        var seed = pool.Table.Rows.Where(r => r.OrderCount > 0 && highValue.Contains(r.ProfileId) && r.ProfileId % 2 == 0).Select(r => r.ProfileId).ToHashSet();
        var model = LookalikeModel.Train(pool.Table, seed, Fast).Model;

        var ranked = model.ScorePool(pool.Table, seed);
        var richness = LookalikeMetrics.Richness(ranked, highValue.Contains);

        Assert.True(richness.Lift > 2, $"richness {richness.Lift}");
    }

    [Fact]
    public void ScorePool_WithoutPurchaseFeatures_FindsHighValueProspects()
    {
        var pool = SyntheticProfiles.Generate(4000, seed: 8);
        var threshold = pool.LatentValue.Order().ElementAt(3000);
        var highValue = pool.Table.Rows.Where((_, i) => pool.LatentValue[i] > threshold).Select(r => r.ProfileId).ToHashSet();
        var seed = pool.Table.Rows.Where(r => r.OrderCount > 0 && highValue.Contains(r.ProfileId)).Select(r => r.ProfileId).ToHashSet();
        var model = LookalikeModel.Train(pool.Table, seed, Fast with { UsePurchaseFeatures = false }).Model;

        var prospects = model.ScorePool(pool.Table, seed).Where(s => pool.Table.Rows[(int)s.ProfileId - 1].OrderCount == 0).ToList();
        var richness = LookalikeMetrics.Richness(prospects, highValue.Contains);

        Assert.DoesNotContain("OrderCount", model.Layout.Names);
        Assert.True(richness.Lift > 1.5, $"richness {richness.Lift}");
    }

    [Fact]
    public void Train_SeedIdsMissingFromTable_AreReportedNotDropped()
    {
        var pool = SyntheticProfiles.Generate(1000, seed: 9);
        var seed = pool.Table.Rows.Take(100).Select(r => r.ProfileId).Append(999_999).Append(888_888).ToList();

        var training = LookalikeModel.Train(pool.Table, seed, Fast);

        Assert.Equal(100, training.SeedProfilesFound);
        Assert.Equal(new long[] { 888_888, 999_999 }, training.SeedIdsNotFound);
    }

    [Fact]
    public void Train_SeedWithOneProfile_ThrowsWithCounts()
    {
        var pool = SyntheticProfiles.Generate(100, seed: 10);

        var ex = Assert.Throws<ArgumentException>(() => LookalikeModel.Train(pool.Table, [pool.Table.Rows[0].ProfileId], Fast));

        Assert.Contains("found 1 seed", ex.Message, StringComparison.Ordinal);
    }
}
