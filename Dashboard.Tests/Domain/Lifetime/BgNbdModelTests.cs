using Dashboard.Domain.Lifetime;

namespace Dashboard.Tests.Domain.Lifetime;

/// <summary>
/// The BG/NBD closed forms against values computed independently with mpmath at 40 digits, straight from FHL 2005
/// eq. 6 (beta and gamma functions), eq. 9 and eq. 10 (mpmath's own hyp2f1), and the P(alive) note; parameters are
/// the published CDNOW fit.
/// </summary>
public class BgNbdModelTests
{
    private static readonly BgNbdParameters Cdnow = new(0.243, 4.414, 0.793, 2.426);

    [Theory]
    [InlineData(0, 0, 38.86, -0.55471327643815845)]
    [InlineData(1, 1.71, 38.86, -4.4690932750325885)]
    [InlineData(2, 30.43, 38.86, -9.4586063070662712)]
    [InlineData(7, 29.43, 35.14, -21.400277658129328)]
    [InlineData(29, 38.43, 38.86, -44.453573136325952)]
    [InlineData(3, 0, 10, -7.1054365460280376)]
    public void LogLikelihood_HandComputedCustomers_MatchesEquation6(int x, double recency, double age, double expected)
    {
        var actual = BgNbdModel.LogLikelihood(Cdnow, x, recency, age);

        Assert.Equal(expected, actual, 1e-11);
    }

    [Theory]
    [InlineData(0, 0, 38.86, 1.0)]
    [InlineData(1, 1.71, 38.86, 0.21210098537737909)]
    [InlineData(2, 30.43, 38.86, 0.72657857008067291)]
    [InlineData(29, 38.43, 38.86, 0.96627463361937611)]
    [InlineData(3, 0, 10, 0.10732141498889627)]
    public void ProbabilityAlive_HandComputedCustomers_MatchesNote(int x, double recency, double age, double expected)
    {
        var actual = BgNbdModel.ProbabilityAlive(Cdnow, x, recency, age);

        Assert.Equal(expected, actual, 1e-13);
    }

    [Theory]
    [InlineData(39, 0, 0, 38.86, 0.19509805201126264)]
    [InlineData(39, 1, 1.71, 38.86, 0.20318698707975406)]
    [InlineData(39, 2, 30.43, 38.86, 1.2260281747671445)]
    [InlineData(39, 7, 29.43, 35.14, 4.3319186396475678)]
    [InlineData(39, 29, 38.43, 38.86, 19.677377187279377)]
    [InlineData(520, 0, 0, 38.86, 1.4645477714482395)]
    [InlineData(520, 2, 30.43, 38.86, 7.3193138117111048)]
    [InlineData(520, 29, 38.43, 38.86, 99.047263268646081)]
    [InlineData(520, 3, 0, 10, 2.445292652137015)]
    public void ExpectedPurchases_HandComputedCustomers_MatchesEquation10(double horizon, int x, double recency, double age, double expected)
    {
        var actual = BgNbdModel.ExpectedPurchases(Cdnow, horizon, x, recency, age);

        Assert.Equal(expected, actual, expected * 1e-11);
    }

    [Theory]
    [InlineData(1, 0.05326789117165828)]
    [InlineData(39, 1.1967231933208168)]
    [InlineData(78, 1.8605190579427685)]
    [InlineData(520, 4.9746178618496597)]
    public void ExpectedPurchasesNewCustomer_HandComputedTimes_MatchesEquation9(double time, double expected)
    {
        var actual = BgNbdModel.ExpectedPurchasesNewCustomer(Cdnow, time);

        Assert.Equal(expected, actual, expected * 1e-11);
    }

    [Fact]
    public void ExpectedPurchases_ZeroHorizon_IsZero()
    {
        var actual = BgNbdModel.ExpectedPurchases(Cdnow, 0, 3, 20, 30);

        Assert.Equal(0, actual);
    }

    [Fact]
    public void ExpectedPurchases_AEqualToOne_IsContinuousWithNeighbours()
    {
        var at = Cdnow with { A = 1 };
        var below = Cdnow with { A = 1 - 1e-4 };
        var above = Cdnow with { A = 1 + 1e-4 };

        var value = BgNbdModel.ExpectedPurchases(at, 39, 2, 30.43, 38.86);

        Assert.True(double.IsFinite(value));
        Assert.InRange(value, Math.Min(BgNbdModel.ExpectedPurchases(below, 39, 2, 30.43, 38.86), BgNbdModel.ExpectedPurchases(above, 39, 2, 30.43, 38.86)) - 1e-6,
            Math.Max(BgNbdModel.ExpectedPurchases(below, 39, 2, 30.43, 38.86), BgNbdModel.ExpectedPurchases(above, 39, 2, 30.43, 38.86)) + 1e-6);
    }

    [Fact]
    public void ExpectedPurchases_PosteriorIntegral_AgreesWithHypergeometricForm()
    {
        // Independent route: given alive, λ ~ Gamma(r+x, α+T) and p ~ Beta(a, b+x), and a live customer makes
        // (1 − e^{−λpt})/p purchases in t (FHL 2005 eq. 7 at the individual level), so
        // E[Y(t)] = P(alive) ∫ Beta(p; a, b+x) (1 − ((α+T)/(α+T+pt))^(r+x)) / p dp.
        var (x, recency, age, t) = (4, 20.0, 36.0, 52.0);
        var (r, alpha, a, b) = (Cdnow.R, Cdnow.Alpha, Cdnow.A, Cdnow.B);
        // Substitute p = u^(1/a) to remove the p^(a−1) singularity: p^(a−1) dp = du / a.
        var integral = MathNet.Numerics.Integration.GaussLegendreRule.Integrate(u =>
        {
            var p = Math.Pow(u, 1 / a);
            var perCustomer = (1 - Math.Pow((alpha + age) / (alpha + age + p * t), r + x)) / p;
            return perCustomer * Math.Pow(1 - p, b + x - 1) / a;
        }, 0, 1, 1024) / MathNet.Numerics.SpecialFunctions.Beta(a, b + x);
        var expected = BgNbdModel.ProbabilityAlive(Cdnow, x, recency, age) * integral;

        var actual = BgNbdModel.ExpectedPurchases(Cdnow, t, x, recency, age);

        Assert.Equal(expected, actual, expected * 1e-6);
    }

    [Theory]
    [InlineData(-1, 0, 10)]
    [InlineData(2, 11, 10)]
    [InlineData(2, -1, 10)]
    [InlineData(2, 1, double.NaN)]
    public void LogLikelihood_ImpossibleHistory_Throws(int x, double recency, double age)
    {
        Assert.Throws<ArgumentException>(() => BgNbdModel.LogLikelihood(Cdnow, x, recency, age));
    }

    [Fact]
    public void LogLikelihood_NonPositiveParameter_Throws()
    {
        Assert.Throws<ArgumentException>(() => BgNbdModel.LogLikelihood(Cdnow with { B = 0 }, 1, 1, 2));
    }
}
