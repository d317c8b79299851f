using Dashboard.Domain.Lifetime;
using Dashboard.Tests.TestSupport;

namespace Dashboard.Tests.Domain.Lifetime;

/// <summary>
/// The published CDNOW fits. BG/NBD: r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4 (Fader, Hardie &amp; Lee
/// 2005, Marketing Science, section 7; also brucehardie.com/notes/004). Gamma-Gamma on the 946 repeat customers:
/// p = 6.25, q = 3.74, γ = 15.44 (Fader &amp; Hardie 2013, note 025, which reproduces the JMR 2005 spend model;
/// CLVTools' tests use the same figures with LL = −4055.9177).
/// </summary>
public class CdnowPublishedFitTests
{
    public static TheoryData<string> Sources => new() { "published summary", "raw transactions" };

    [Theory]
    [MemberData(nameof(Sources))]
    public void FitBgNbd_CdnowSample_MatchesPublishedWithinOnePercent(string source)
    {
        var customers = Load(source);

        var fit = BgNbdFitter.Fit(customers);

        Assert.Equal(2357, fit.Customers);
        AssertWithin(0.243, fit.Parameters.R, 0.01);
        AssertWithin(4.414, fit.Parameters.Alpha, 0.01);
        AssertWithin(0.793, fit.Parameters.A, 0.01);
        AssertWithin(2.426, fit.Parameters.B, 0.01);
        AssertWithin(-9582.4, fit.LogLikelihood, 0.01);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void FitGammaGamma_CdnowRepeatCustomers_MatchesPublishedWithinOnePercent(string source)
    {
        var customers = Load(source);

        var fit = GammaGammaFitter.Fit(customers);

        Assert.Equal(946, fit.Customers);
        Assert.Equal(0, fit.ExcludedNonPositiveSpend);
        AssertWithin(6.25, fit.Parameters.P, 0.01);
        AssertWithin(3.74, fit.Parameters.Q, 0.01);
        AssertWithin(15.44, fit.Parameters.V, 0.01);
        AssertWithin(-4055.9177, fit.LogLikelihood, 0.01);
    }

    private static IReadOnlyList<CustomerSummary> Load(string source) =>
        source == "raw transactions" ? Cdnow.FromTransactions() : Cdnow.Published;

    private static void AssertWithin(double expected, double actual, double relative) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected),
            $"expected {expected} within {relative:P0}, got {actual}");
}
