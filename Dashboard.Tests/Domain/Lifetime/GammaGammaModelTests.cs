using Dashboard.Domain.Lifetime;

namespace Dashboard.Tests.Domain.Lifetime;

/// <summary>The Gamma-Gamma closed forms against mpmath values (40 digits) of the density of m_x and note 025 eq. 5.</summary>
public class GammaGammaModelTests
{
    private static readonly GammaGammaParameters Cdnow = new(6.25, 3.74, 15.44);

    [Theory]
    [InlineData(1, 20.0, -3.5941964929491959)]
    [InlineData(2, 35.5, -4.1216651926127216)]
    [InlineData(7, 12.25, -4.0094103304812373)]
    [InlineData(29, 299.63, -11.715309510684788)]
    public void LogLikelihood_HandComputedCustomers_MatchesDensity(int x, double m, double expected)
    {
        var actual = GammaGammaModel.LogLikelihood(Cdnow, x, m);

        Assert.Equal(expected, actual, 1e-10);
    }

    [Theory]
    [InlineData(1, 20.0, 24.638487208008899)]
    [InlineData(2, 35.5, 35.449475065616798)]
    [InlineData(7, 12.25, 13.603731985373199)]
    [InlineData(29, 299.63, 295.69236099788032)]
    [InlineData(0, 0, 35.218978102189781)]
    public void ConditionalExpectedAverageValue_HandComputed_MatchesEquation5(int x, double m, double expected)
    {
        var actual = GammaGammaModel.ConditionalExpectedAverageValue(Cdnow, x, m);

        Assert.Equal(expected, actual, 1e-10);
    }

    [Fact]
    public void PopulationMean_QAboveOne_IsPGammaOverQMinusOne()
    {
        Assert.Equal(6.25 * 15.44 / 2.74, Cdnow.PopulationMean!.Value, 1e-12);
    }

    [Fact]
    public void ConditionalExpectedAverageValue_NoFiniteMean_ThrowsForNewCustomers()
    {
        var heavyTailed = new GammaGammaParameters(2, 0.8, 10);

        Assert.Null(heavyTailed.PopulationMean);
        var ex = Assert.Throws<LifetimeDataException>(() => GammaGammaModel.ConditionalExpectedAverageValue(heavyTailed, 0, 0));
        Assert.Contains("no finite mean", ex.Message);
    }

    [Fact]
    public void LogLikelihood_ZeroSpend_Throws()
    {
        Assert.Throws<ArgumentException>(() => GammaGammaModel.LogLikelihood(Cdnow, 2, 0));
    }
}
