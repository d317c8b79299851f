using Dashboard.Domain.Lifetime;

namespace Dashboard.Tests.Domain.Lifetime;

public class CustomerLifetimeValueTests
{
    private static readonly BgNbdParameters Purchases = new(0.243, 4.414, 0.793, 2.426);
    private static readonly GammaGammaParameters Spend = new(6.25, 3.74, 15.44);
    private static readonly CustomerSummary Customer = new("42", 2, 30.43, 38.86, 35.5);

    [Fact]
    public void Compute_ThreeMonthsTenPercentThirtyPercentMargin_MatchesHandComputation()
    {
        // mpmath: 0.3 × E[M] × Σ_{m=1..3} (E[Y(mL)] − E[Y((m−1)L)]) / (1+d)^m with L = 365.25/12/7 weeks and
        // d = 1.1^(1/12) − 1.
        var settings = new ClvSettings(HorizonMonths: 3, AnnualDiscountRate: 0.10, Margin: 0.30);

        var clv = CustomerLifetimeValue.Compute(Purchases, Spend, Customer, settings, PeriodUnit.Weeks);

        Assert.Equal(4.8023527563043258, clv, 1e-9);
    }

    [Fact]
    public void Compute_NoDiscount_IsMarginTimesValueTimesExpectedPurchases()
    {
        var settings = new ClvSettings(HorizonMonths: 24, AnnualDiscountRate: 0, Margin: 0.5);
        var horizonWeeks = 24 * 365.25 / 12 / 7;
        var expected = 0.5 * GammaGammaModel.ConditionalExpectedAverageValue(Spend, 2, 35.5)
            * BgNbdModel.ExpectedPurchases(Purchases, horizonWeeks, 2, 30.43, 38.86);

        var clv = CustomerLifetimeValue.Compute(Purchases, Spend, Customer, settings, PeriodUnit.Weeks);

        Assert.Equal(expected, clv, expected * 1e-12);
    }

    [Fact]
    public void Compute_DaysOrWeeks_SameValueForTheSameHistory()
    {
        var inDays = new CustomerSummary("42", 2, 30.43 * 7, 38.86 * 7, 35.5);
        var purchasesInDays = Purchases with { Alpha = Purchases.Alpha * 7 };
        var settings = new ClvSettings();

        var weeks = CustomerLifetimeValue.Compute(Purchases, Spend, Customer, settings, PeriodUnit.Weeks);
        var days = CustomerLifetimeValue.Compute(purchasesInDays, Spend, inDays, settings, PeriodUnit.Days);

        Assert.Equal(weeks, days, weeks * 1e-9);
    }

    [Fact]
    public void Compute_HigherDiscountRate_LowersValue()
    {
        var low = CustomerLifetimeValue.Compute(Purchases, Spend, Customer, new ClvSettings(36, 0.05), PeriodUnit.Weeks);
        var high = CustomerLifetimeValue.Compute(Purchases, Spend, Customer, new ClvSettings(36, 0.30), PeriodUnit.Weeks);

        Assert.True(high < low);
    }

    [Fact]
    public void Score_Customers_MatchesOneByOneFormulas()
    {
        CustomerSummary[] customers = [Customer, new("7", 0, 0, 38.86, 0), Customer with { CustomerId = "43" }];
        var settings = new ClvSettings(12, 0.1, 0.4);

        var scores = CustomerLifetimeValue.Score(customers, Purchases, Spend, 39, settings, PeriodUnit.Weeks);

        Assert.Equal(["42", "7", "43"], scores.Select(s => s.CustomerId));
        foreach (var (score, customer) in scores.Zip(customers))
        {
            Assert.Equal(BgNbdModel.ProbabilityAlive(Purchases, customer.Frequency, customer.Recency, customer.Age), score.ProbabilityAlive, 1e-15);
            Assert.Equal(BgNbdModel.ExpectedPurchases(Purchases, 39, customer.Frequency, customer.Recency, customer.Age), score.ExpectedPurchases, 1e-15);
            Assert.Equal(GammaGammaModel.ConditionalExpectedAverageValue(Spend, customer.Frequency, customer.MonetaryValue), score.ExpectedAverageValue, 1e-12);
            Assert.Equal(CustomerLifetimeValue.Compute(Purchases, Spend, customer, settings, PeriodUnit.Weeks), score.Clv, 1e-12);
        }
    }

    [Theory]
    [InlineData(0, 0.1, 1.0)]
    [InlineData(12, -1.0, 1.0)]
    [InlineData(12, 0.1, -0.1)]
    public void Compute_InvalidSettings_Throws(int months, double rate, double margin)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            CustomerLifetimeValue.Compute(Purchases, Spend, Customer, new ClvSettings(months, rate, margin), PeriodUnit.Weeks));
    }
}
