using Dashboard.Domain.Audiences;

namespace Dashboard.Tests.Domain.Audiences;

public class LookalikeExpansionTests
{
    private static List<LookalikeScore> Ranked(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new LookalikeScore(i + 1, 1.0 - (double)i / count))];

    [Fact]
    public void Curve_OneToTwentyPercent_HasTwentyPointsWithGrowingSizeAndFallingMean()
    {
        var ranked = Ranked(1000);

        var curve = LookalikeExpansion.Curve(ranked);

        Assert.Equal(Enumerable.Range(1, 20), curve.Select(p => p.SharePercent));
        Assert.Equal(Enumerable.Range(1, 20).Select(p => p * 10), curve.Select(p => p.Size));
        Assert.All(curve.Zip(curve.Skip(1)), pair => Assert.True(pair.Second.MeanScore <= pair.First.MeanScore));
    }

    [Fact]
    public void Curve_FirstPoint_IsMeanAndMinOfTheTopProfiles()
    {
        // 200 profiles: 1% = 2 profiles scoring 1.0 and 0.995.
        var ranked = Ranked(200);

        var first = LookalikeExpansion.Curve(ranked)[0];

        Assert.Equal(2, first.Size);
        Assert.Equal(0.9975, first.MeanScore, 12);
        Assert.Equal(0.995, first.MinScore, 12);
    }

    [Fact]
    public void Curve_TinyPool_TakesAtLeastOneProfile()
    {
        var ranked = Ranked(10);

        var curve = LookalikeExpansion.Curve(ranked, 1, 3);

        Assert.All(curve, p => Assert.Equal(1, p.Size));
    }

    [Fact]
    public void Select_FivePercent_ReturnsTheTopFiftyOfAThousand()
    {
        var ranked = Ranked(1000);

        var chosen = LookalikeExpansion.Select(ranked, 5);

        Assert.Equal(50, chosen.Count);
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), chosen.Select(c => c.ProfileId));
    }

    [Fact]
    public void Select_SizeOutsideOneToTwentyPercent_Throws()
    {
        var ranked = Ranked(100);

        Assert.Throws<ArgumentOutOfRangeException>(() => LookalikeExpansion.Select(ranked, 25));
    }

    [Fact]
    public void Curve_PoolNotRankedBestFirst_Throws()
    {
        List<LookalikeScore> unranked = [new(1, 0.2), new(2, 0.9)];

        var ex = Assert.Throws<ArgumentException>(() => LookalikeExpansion.Curve(unranked));

        Assert.Contains("best first", ex.Message, StringComparison.Ordinal);
    }
}
