using Dashboard.Domain.Segmentation;

namespace Dashboard.Tests.Domain.Segmentation;

public class QuantileScoresTests
{
    [Fact]
    public void Assign_TenDistinctValuesShuffled_TwoPerQuintile()
    {
        double[] values = [7, 1, 10, 4, 2, 9, 3, 8, 6, 5];

        var scores = QuantileScores.Assign(values, 5);

        // sorted 1..10: mid-rank p = 0.05, 0.15, …, 0.95 → 1,1,2,2,3,3,4,4,5,5
        Assert.Equal(new byte[] { 4, 1, 5, 2, 1, 5, 2, 4, 3, 3 }, scores);
    }

    [Fact]
    public void Assign_FiveDistinctValues_OneScoreEach()
    {
        double[] values = [50, 10, 40, 20, 30];

        var scores = QuantileScores.Assign(values, 5);

        Assert.Equal(new byte[] { 5, 1, 4, 2, 3 }, scores);
    }

    [Fact]
    public void Assign_TieGroup_AllTiedValuesShareTheMiddleScore()
    {
        double[] values = [10, 20, 20, 20, 30, 40, 50, 60, 70, 80];

        var scores = QuantileScores.Assign(values, 5);

        // 20 ×3: below 1, equal 3 → p = (1 + 1.5) / 10 = 0.25 → 1 + floor(1.25) = 2
        Assert.Equal(new byte[] { 1, 2, 2, 2, 3, 3, 4, 4, 5, 5 }, scores);
    }

    [Fact]
    public void Assign_LargeTieGroup_NeighbouringScoresStayEmpty()
    {
        double[] values = [1, 1, 1, 1, 2, 3];

        var scores = QuantileScores.Assign(values, 5);

        // 1 ×4: p = 2/6 → 2; 2: p = 4.5/6 = 0.75 → 4; 3: p = 5.5/6 → 5 (no 1s, no 3s)
        Assert.Equal(new byte[] { 2, 2, 2, 2, 4, 5 }, scores);
    }

    [Fact]
    public void Assign_OneDistinctValue_EveryoneScoresTheMiddle()
    {
        double[] values = [9, 9, 9, 9];

        var scores = QuantileScores.Assign(values, 5);

        Assert.All(scores, s => Assert.Equal(3, s));
    }

    [Theory]
    [InlineData(new double[] { 1, 1, 2, 2 }, new byte[] { 2, 2, 4, 4 })]
    [InlineData(new double[] { 3, 2, 1 }, new byte[] { 5, 3, 1 })]
    [InlineData(new double[] { 5 }, new byte[] { 3 })]
    public void Assign_FewerDistinctValuesThanScores_SpreadsByMidRank(double[] values, byte[] expected)
    {
        var scores = QuantileScores.Assign(values, 5);

        Assert.Equal(expected, scores);
    }

    [Fact]
    public void Assign_ThreeLevels_Terciles()
    {
        double[] values = [6, 5, 4, 3, 2, 1];

        var scores = QuantileScores.Assign(values, 3);

        Assert.Equal(new byte[] { 3, 3, 2, 2, 1, 1 }, scores);
    }

    [Fact]
    public void Assign_PermutedInput_SameScorePerValue()
    {
        double[] values = [4, 4, 1, 9, 9, 9, 2, 7, 4, 3, 3];
        var permuted = values.Reverse().ToArray();

        var scores = QuantileScores.Assign(values, 5);
        var permutedScores = QuantileScores.Assign(permuted, 5).Reverse().ToArray();

        Assert.Equal(scores, permutedScores);
    }

    [Fact]
    public void Assign_Empty_ReturnsEmpty()
    {
        var scores = QuantileScores.Assign([], 5);

        Assert.Empty(scores);
    }

    [Fact]
    public void Assign_NaN_Throws()
    {
        double[] values = [1, double.NaN];

        var ex = Assert.Throws<ArgumentException>(() => QuantileScores.Assign(values, 5));

        Assert.Contains("value #1", ex.Message);
    }
}
