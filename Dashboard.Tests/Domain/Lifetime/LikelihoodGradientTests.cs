using Dashboard.Domain.Lifetime;
using Dashboard.Tests.TestSupport;

namespace Dashboard.Tests.Domain.Lifetime;

/// <summary>
/// The fits' fast likelihoods (grouped histories, integer-sum gamma ratios, vectorised log-sum-exp) against the
/// per-customer closed forms, and their analytic gradients against central differences.
/// </summary>
public class LikelihoodGradientTests
{
    private static readonly int[] Frequency = [0, 0, 1, 2, 2, 7, 29, 3, 2, 0, 5];
    private static readonly double[] Recency = [0, 0, 1.71, 30.43, 30.43, 29.43, 38.43, 0, 12.5, 0, 36.0];
    private static readonly double[] Age = [38.86, 20.0, 38.86, 38.86, 38.86, 35.14, 38.86, 10, 30.0, 38.86, 36.0];
    private static readonly double[] Monetary = [0, 0, 20.0, 35.5, 35.5, 12.25, 299.63, 7.5, 18.0, 0, 41.0];

    public static TheoryData<double, double, double, double> BgNbdPoints => new()
    {
        { 0.243, 4.414, 0.793, 2.426 },
        { 1.5, 0.7, 3.0, 0.4 },
        { 0.05, 60, 0.2, 9.0 },
    };

    public static TheoryData<double, double, double> GammaGammaPoints => new()
    {
        { 6.25, 3.74, 15.44 },
        { 0.6, 12.0, 300.0 },
        { 40.0, 1.2, 2.0 },
    };

    [Theory]
    [MemberData(nameof(BgNbdPoints))]
    public void BgNbdEvaluate_GroupedHistories_EqualsSumOfCustomerLikelihoods(double r, double alpha, double a, double b)
    {
        var parameters = new BgNbdParameters(r, alpha, a, b);
        var expected = Frequency.Select((x, i) => BgNbdModel.LogLikelihood(parameters, x, Recency[i], Age[i])).Sum();

        var (actual, _) = BgNbdFitter.Evaluate(parameters, Frequency, Recency, Age);

        Assert.Equal(expected, actual, Math.Abs(expected) * 1e-12);
    }

    [Fact]
    public void BgNbdEvaluate_Weights_EqualRepeatedRows()
    {
        var parameters = new BgNbdParameters(0.243, 4.414, 0.793, 2.426);
        var weights = Frequency.Select((_, i) => (double)(i % 3 + 1)).ToArray();
        var repeated = Enumerable.Range(0, Frequency.Length).SelectMany(i => Enumerable.Repeat(i, i % 3 + 1)).ToArray();

        var (weighted, weightedGradient) = BgNbdFitter.Evaluate(parameters, Frequency, Recency, Age, weights);
        var (expanded, expandedGradient) = BgNbdFitter.Evaluate(parameters,
            repeated.Select(i => Frequency[i]).ToArray(), repeated.Select(i => Recency[i]).ToArray(), repeated.Select(i => Age[i]).ToArray());

        Assert.Equal(expanded, weighted, Math.Abs(expanded) * 1e-12);
        for (var k = 0; k < 4; k++)
        {
            Assert.Equal(expandedGradient[k], weightedGradient[k], 1e-9);
        }
    }

    [Theory]
    [MemberData(nameof(BgNbdPoints))]
    public void BgNbdGradient_AnalyticVersusCentralDifferences_Agree(double r, double alpha, double a, double b)
    {
        var theta = new[] { Math.Log(r), Math.Log(alpha), Math.Log(a), Math.Log(b) };
        BgNbdParameters At(double[] t) => new(Math.Exp(t[0]), Math.Exp(t[1]), Math.Exp(t[2]), Math.Exp(t[3]));

        var (_, analytic) = BgNbdFitter.Evaluate(At(theta), Frequency, Recency, Age);
        var numeric = CentralDifferences(t => BgNbdFitter.Evaluate(At(t), Frequency, Recency, Age).LogLikelihood, theta);

        AssertClose(numeric, analytic);
    }

    [Fact]
    public void BgNbdGradient_CdnowSampleAtPublishedFit_AgreesAndIsNearZero()
    {
        var data = SummaryColumns.From(Cdnow.Published);
        var theta = new[] { Math.Log(0.243), Math.Log(4.414), Math.Log(0.793), Math.Log(2.426) };
        BgNbdParameters At(double[] t) => new(Math.Exp(t[0]), Math.Exp(t[1]), Math.Exp(t[2]), Math.Exp(t[3]));

        var (ll, analytic) = BgNbdFitter.Evaluate(At(theta), data.Frequency, data.Recency, data.Age);
        var numeric = CentralDifferences(t => BgNbdFitter.Evaluate(At(t), data.Frequency, data.Recency, data.Age).LogLikelihood, theta);

        AssertClose(numeric, analytic);
        Assert.Equal(-9582.4, ll, 0.1);
        // At the published optimum (rounded to 3 decimals) the mean gradient is small.
        Assert.All(analytic, g => Assert.InRange(g / data.Count, -1e-3, 1e-3));
    }

    [Theory]
    [MemberData(nameof(GammaGammaPoints))]
    public void GammaGammaEvaluate_EqualsSumOfCustomerLikelihoods(double p, double q, double v)
    {
        var parameters = new GammaGammaParameters(p, q, v);
        var expected = Frequency.Select((x, i) => x > 0 ? GammaGammaModel.LogLikelihood(parameters, x, Monetary[i]) : 0).Sum();

        var (actual, _) = GammaGammaFitter.Evaluate(parameters, Frequency, Monetary);

        Assert.Equal(expected, actual, Math.Abs(expected) * 1e-12);
    }

    [Theory]
    [MemberData(nameof(GammaGammaPoints))]
    public void GammaGammaGradient_AnalyticVersusCentralDifferences_Agree(double p, double q, double v)
    {
        var theta = new[] { Math.Log(p), Math.Log(q), Math.Log(v) };
        GammaGammaParameters At(double[] t) => new(Math.Exp(t[0]), Math.Exp(t[1]), Math.Exp(t[2]));

        var (_, analytic) = GammaGammaFitter.Evaluate(At(theta), Frequency, Monetary);
        var numeric = CentralDifferences(t => GammaGammaFitter.Evaluate(At(t), Frequency, Monetary).LogLikelihood, theta);

        AssertClose(numeric, analytic);
    }

    [Fact]
    public void Evaluate_ManyCustomers_VectorAndScalarPathsAgreeWithClosedForms()
    {
        // 1,003 rows: the vectorised blocks of four and the scalar tail both run.
        var truth = new LifetimeTruth(new BgNbdParameters(0.8, 6, 0.9, 2.5), new GammaGammaParameters(4, 5, 30));
        var data = LifetimeSimulator.SimulateSummaries(truth, 1003, 10, 60, seed: 3);
        var bgNbd = new BgNbdParameters(0.7, 5, 1.1, 2.0);
        var spend = new GammaGammaParameters(3.5, 4.5, 28);
        var expectedBgNbd = Enumerable.Range(0, data.Count).Sum(i => BgNbdModel.LogLikelihood(bgNbd, data.Frequency[i], data.Recency[i], data.Age[i]));
        var expectedSpend = Enumerable.Range(0, data.Count).Where(i => data.Frequency[i] > 0)
            .Sum(i => GammaGammaModel.LogLikelihood(spend, data.Frequency[i], data.MonetaryValue[i]));

        var (actualBgNbd, _) = BgNbdFitter.Evaluate(bgNbd, data.Frequency, data.Recency, data.Age);
        var (actualSpend, _) = GammaGammaFitter.Evaluate(spend, data.Frequency, data.MonetaryValue);

        Assert.Equal(expectedBgNbd, actualBgNbd, Math.Abs(expectedBgNbd) * 1e-12);
        Assert.Equal(expectedSpend, actualSpend, Math.Abs(expectedSpend) * 1e-12);
    }

    private static double[] CentralDifferences(Func<double[], double> f, double[] theta)
    {
        const double H = 1e-5;
        return theta.Select((_, k) =>
        {
            var plus = (double[])theta.Clone();
            var minus = (double[])theta.Clone();
            plus[k] += H;
            minus[k] -= H;
            return (f(plus) - f(minus)) / (2 * H);
        }).ToArray();
    }

    private static void AssertClose(double[] numeric, double[] analytic)
    {
        for (var k = 0; k < numeric.Length; k++)
        {
            Assert.True(Math.Abs(numeric[k] - analytic[k]) <= 1e-5 * Math.Max(1, Math.Abs(numeric[k])),
                $"parameter {k}: numeric {numeric[k]} vs analytic {analytic[k]}");
        }
    }
}
