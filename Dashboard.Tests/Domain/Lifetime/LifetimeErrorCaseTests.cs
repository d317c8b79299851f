using Dashboard.Domain.Lifetime;

namespace Dashboard.Tests.Domain.Lifetime;

/// <summary>Data that cannot identify a model gets a clear <see cref="LifetimeDataException"/>, never NaN.</summary>
public class LifetimeErrorCaseTests
{
    [Fact]
    public void FitBgNbd_NoCustomers_ThrowsClearError()
    {
        var ex = Assert.Throws<LifetimeDataException>(() => BgNbdFitter.Fit([]));

        Assert.Contains("no customers", ex.Message);
    }

    [Fact]
    public void FitBgNbd_SingleCustomer_ThrowsClearError()
    {
        var ex = Assert.Throws<LifetimeDataException>(() => BgNbdFitter.Fit([new CustomerSummary("1", 3, 10, 20, 5)]));

        Assert.Contains("single customer", ex.Message);
    }

    [Fact]
    public void FitBgNbd_NoRepeatBuyers_ThrowsClearError()
    {
        var customers = Enumerable.Range(0, 50).Select(i => new CustomerSummary($"{i}", 0, 0, 10 + i, 0)).ToList();

        var ex = Assert.Throws<LifetimeDataException>(() => BgNbdFitter.Fit(customers));

        Assert.Contains("None of the 50 customers made a repeat purchase", ex.Message);
    }

    [Fact]
    public void FitBgNbd_RecencyAfterAge_NamesTheRow()
    {
        CustomerSummary[] customers = [new("a", 1, 5, 10, 3), new("b", 2, 12, 10, 3)];

        var ex = Assert.Throws<LifetimeDataException>(() => BgNbdFitter.Fit(customers));

        Assert.Contains("row 2", ex.Message);
    }

    [Fact]
    public void FitBgNbd_NegativePenalizer_Throws()
    {
        CustomerSummary[] customers = [new("a", 1, 5, 10, 3), new("b", 0, 0, 10, 0)];

        Assert.Throws<ArgumentOutOfRangeException>(() => BgNbdFitter.Fit(customers, new LifetimeFitOptions(Penalizer: -1)));
    }

    [Fact]
    public void FitBgNbd_NoDropoutEvidence_ThrowsInsteadOfReturningExtremes()
    {
        // Everyone buys every week up to the end: nothing says anyone ever drops out, so p runs to 0.
        var customers = Enumerable.Range(0, 200).Select(i => new CustomerSummary($"{i}", 20, 20, 20, 10)).ToList();

        var ex = Assert.Throws<LifetimeDataException>(() => BgNbdFitter.Fit(customers));

        Assert.Contains("identify", ex.Message);
    }

    [Fact]
    public void FitGammaGamma_NoCustomers_ThrowsClearError()
    {
        var ex = Assert.Throws<LifetimeDataException>(() => GammaGammaFitter.Fit([]));

        Assert.Contains("no customers", ex.Message);
    }

    [Fact]
    public void FitGammaGamma_NoRepeatBuyers_ThrowsClearError()
    {
        var customers = Enumerable.Range(0, 10).Select(i => new CustomerSummary($"{i}", 0, 0, 10, 0)).ToList();

        var ex = Assert.Throws<LifetimeDataException>(() => GammaGammaFitter.Fit(customers));

        Assert.Contains("None of the customers made a repeat purchase", ex.Message);
    }

    [Fact]
    public void FitGammaGamma_AllZeroSpend_ThrowsClearError()
    {
        var customers = Enumerable.Range(0, 10).Select(i => new CustomerSummary($"{i}", 2, 5, 10, 0)).ToList();

        var ex = Assert.Throws<LifetimeDataException>(() => GammaGammaFitter.Fit(customers));

        Assert.Contains("All 10 repeat customers have zero spend", ex.Message);
    }

    [Fact]
    public void FitGammaGamma_SingleSpender_ThrowsClearError()
    {
        CustomerSummary[] customers = [new("a", 2, 5, 10, 30), new("b", 3, 5, 10, 0), new("c", 0, 0, 10, 0)];

        var ex = Assert.Throws<LifetimeDataException>(() => GammaGammaFitter.Fit(customers));

        Assert.Contains("Only one repeat customer has positive spend", ex.Message);
    }

    [Fact]
    public void FitGammaGamma_SomeZeroSpend_ExcludesAndCountsThem()
    {
        var customers = Cdnow946Like().Append(new CustomerSummary("zero", 3, 5, 10, 0)).ToList();

        var fit = GammaGammaFitter.Fit(customers);

        Assert.Equal(1, fit.ExcludedNonPositiveSpend);
        Assert.Equal(customers.Count(c => c.Frequency > 0) - 1, fit.Customers);
    }

    [Fact]
    public void HoldoutCompare_NoHoldoutPeriod_ThrowsClearError()
    {
        var rows = CustomerSummaryBuilder.BuildWithHoldout([new Purchase("a", new(2024, 1, 1), 1)], new(2024, 2, 1), new(2024, 2, 1), PeriodUnit.Days);

        var ex = Assert.Throws<LifetimeDataException>(() =>
            HoldoutValidation.Compare(rows, new BgNbdParameters(1, 1, 1, 1), new(2024, 2, 1), new(2024, 2, 1), PeriodUnit.Days));

        Assert.Contains("no holdout period", ex.Message);
    }

    private static IEnumerable<CustomerSummary> Cdnow946Like()
    {
        var truth = new LifetimeTruth(new BgNbdParameters(0.5, 5, 0.8, 2.5), new GammaGammaParameters(6, 4, 20));
        var data = LifetimeSimulator.SimulateSummaries(truth, 3000, 20, 40, seed: 11);
        return Enumerable.Range(0, data.Count).Select(i => new CustomerSummary($"{i}", data.Frequency[i], data.Recency[i], data.Age[i], data.MonetaryValue[i]));
    }
}
