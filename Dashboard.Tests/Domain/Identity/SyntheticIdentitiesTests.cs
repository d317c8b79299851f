using Dashboard.Domain.Identity;

namespace Dashboard.Tests.Domain.Identity;

public class SyntheticIdentitiesTests
{
    [Fact]
    public void Generate_SameSeed_SameRecords()
    {
        var first = SyntheticIdentities.Generate(500, seed: 1);

        var second = SyntheticIdentities.Generate(500, seed: 1);

        Assert.Equal(first.Records, second.Records);
        Assert.Equal(first.PersonOf, second.PersonOf);
    }

    [Fact]
    public void Generate_Count_ExactRecordsOneToThreePerPerson()
    {
        var data = SyntheticIdentities.Generate(10_000, seed: 2);

        Assert.Equal(10_000, data.Records.Count);
        Assert.Equal(Enumerable.Range(1, 10_000).Select(i => (long)i), data.Records.Select(r => r.Id));
        Assert.InRange(data.PersonOf.GroupBy(p => p).Max(g => g.Count()), 2, 3);
        Assert.InRange(data.Persons, 10_000 / 3, 10_000 / 1.5);
    }

    [Fact]
    public void Generate_Resolved_HighButImperfectScores()
    {
        var data = SyntheticIdentities.Generate(20_000, seed: 3);

        var resolution = IdentityResolver.Resolve(data.Records);
        var score = PairwiseScore.Compute(resolution.Clusters.Select(c => c.RecordIds), id => data.PersonOf[(int)id - 1]);

        Assert.InRange(score.Precision, 0.95, 0.9999);
        Assert.InRange(score.Recall, 0.8, 0.9999);
        Assert.Contains(resolution.Blocked, b => b.Value == "13800000000");
    }
}
