using Dashboard.Domain.Identity;

namespace Dashboard.Tests.Domain.Identity;

public class PairwiseScoreTests
{
    // Truth: records 1-3 are person A, 4-5 person B, 6 person C: 3 + 1 = 4 true pairs.
    private static readonly long[] Truth = [0, 0, 0, 1, 1, 2];

    [Fact]
    public void Compute_SplitAndWrongMerge_CountsPairsByHand()
    {
        // Predicted {1,2} {3,4,5} {6}: predicted pairs 1 + 3 = 4; correct (1,2) and (4,5) = 2.
        long[] predicted = [0, 0, 1, 1, 1, 2];

        var score = PairwiseScore.Compute(predicted, Truth);

        Assert.Equal(new PairwiseScore(0.5, 0.5, 4, 4, 2), score);
    }

    [Fact]
    public void Compute_OverMerged_PerfectRecallLowPrecision()
    {
        // Predicted {1..5} {6}: 10 predicted pairs, of which the 4 true ones are correct.
        long[] predicted = [9, 9, 9, 9, 9, 3];

        var score = PairwiseScore.Compute(predicted, Truth);

        Assert.Equal(0.4, score.Precision, 12);
        Assert.Equal(1.0, score.Recall, 12);
        Assert.Equal(2 * 0.4 / 1.4, score.F1, 12);
    }

    [Fact]
    public void Compute_AllSingletons_PrecisionOneRecallZero()
    {
        long[] predicted = [0, 1, 2, 3, 4, 5];

        var score = PairwiseScore.Compute(predicted, Truth);

        Assert.Equal(new PairwiseScore(1.0, 0.0, 0, 4, 0), score);
    }

    [Fact]
    public void Compute_Clusters_SameAsLabels()
    {
        IReadOnlyList<long>[] clusters = [[1, 2], [3, 4, 5], [6]];

        var score = PairwiseScore.Compute(clusters, id => Truth[id - 1]);

        Assert.Equal(new PairwiseScore(0.5, 0.5, 4, 4, 2), score);
    }

    [Fact]
    public void Compute_MatchesBruteForcePairCount()
    {
        var random = new Random(17);
        var predicted = Enumerable.Range(0, 300).Select(_ => (long)random.Next(40)).ToArray();
        var truth = Enumerable.Range(0, 300).Select(_ => (long)random.Next(60)).ToArray();

        var score = PairwiseScore.Compute(predicted, truth);

        long both = 0, inPredicted = 0, inTruth = 0;
        for (var i = 0; i < predicted.Length; i++)
        {
            for (var j = i + 1; j < predicted.Length; j++)
            {
                var p = predicted[i] == predicted[j];
                var t = truth[i] == truth[j];
                both += p && t ? 1 : 0;
                inPredicted += p ? 1 : 0;
                inTruth += t ? 1 : 0;
            }
        }
        Assert.Equal((inPredicted, inTruth, both), (score.PredictedPairs, score.TruePairs, score.CorrectPairs));
    }

    [Fact]
    public void Compute_DifferentLengths_Throws()
    {
        Assert.Throws<ArgumentException>(() => PairwiseScore.Compute([1, 2], [1]));
    }
}
