using Dashboard.Domain.Lifetime;

namespace Dashboard.Tests.Domain.Lifetime;

/// <summary>Fits on data simulated from known parameters recover them (within sampling error).</summary>
public class ParameterRecoveryTests
{
    private static readonly LifetimeTruth Truth = new(new BgNbdParameters(0.8, 6.0, 0.9, 2.8), new GammaGammaParameters(5.0, 4.0, 30.0));

    [Fact]
    public void Fit_SimulatedSummaries_RecoversParametersWithinThreeStandardErrors()
    {
        var data = LifetimeSimulator.SimulateSummaries(Truth, 40_000, 52, 156, seed: 20240601, timeResolution: 1.0 / 7);

        var bgNbd = BgNbdFitter.Fit(data.Frequency, data.Recency, data.Age, default);
        var spend = GammaGammaFitter.Fit(data.Frequency, data.MonetaryValue);
        var bgNbdErrors = BgNbdFitter.RelativeStandardErrors(bgNbd.Parameters, data.Frequency, data.Recency, data.Age);
        var spendErrors = GammaGammaFitter.RelativeStandardErrors(spend.Parameters, data.Frequency, data.MonetaryValue);

        AssertRecovered("r", Truth.Purchases.R, bgNbd.Parameters.R, bgNbdErrors[0]);
        AssertRecovered("alpha", Truth.Purchases.Alpha, bgNbd.Parameters.Alpha, bgNbdErrors[1]);
        AssertRecovered("a", Truth.Purchases.A, bgNbd.Parameters.A, bgNbdErrors[2]);
        AssertRecovered("b", Truth.Purchases.B, bgNbd.Parameters.B, bgNbdErrors[3]);
        AssertRecovered("p", Truth.Spend.P, spend.Parameters.P, spendErrors[0]);
        AssertRecovered("q", Truth.Spend.Q, spend.Parameters.Q, spendErrors[1]);
        AssertRecovered("v", Truth.Spend.V, spend.Parameters.V, spendErrors[2]);
    }

    [Fact]
    public void Fit_DatedCohortThroughSummaryBuilder_RecoversPurchaseParameters()
    {
        // The demo-brand path: simulated dated purchases → summaries (same-day merge) → fit, in days.
        var truth = new LifetimeTruth(new BgNbdParameters(0.9, 40.0, 0.9, 2.8), new GammaGammaParameters(5.0, 4.0, 30.0));
        var cohort = LifetimeSimulator.SimulateCohort(truth, 20_000, new(2022, 1, 1), new(2022, 12, 31), new(2024, 6, 30), PeriodUnit.Days, seed: 5);
        var summaries = CustomerSummaryBuilder.Build(cohort.SelectMany(c => c.Purchases), new(2024, 6, 30), PeriodUnit.Days);

        var fit = BgNbdFitter.Fit(summaries);
        var errors = BgNbdFitter.RelativeStandardErrors(fit.Parameters, SummaryColumns.From(summaries).Frequency,
            SummaryColumns.From(summaries).Recency, SummaryColumns.From(summaries).Age);

        Assert.Equal(20_000, summaries.Count);
        AssertRecovered("r", truth.Purchases.R, fit.Parameters.R, errors[0]);
        AssertRecovered("alpha", truth.Purchases.Alpha, fit.Parameters.Alpha, errors[1]);
        AssertRecovered("a", truth.Purchases.A, fit.Parameters.A, errors[2]);
        AssertRecovered("b", truth.Purchases.B, fit.Parameters.B, errors[3]);
    }

    [Fact]
    public void Fit_LargeData_StagedFitReachesThePlainOptimum()
    {
        // 120,000 rows take the staged path (subsample fit, whitened BFGS); its optimum must be the full data's.
        var data = LifetimeSimulator.SimulateSummaries(Truth, 120_000, 52, 156, seed: 8, timeResolution: 1.0 / 7);
        var fit = BgNbdFitter.Fit(data.Frequency, data.Recency, data.Age, default);
        var atFit = BgNbdFitter.Evaluate(fit.Parameters, data.Frequency, data.Recency, data.Age);

        var errors = BgNbdFitter.RelativeStandardErrors(fit.Parameters, data.Frequency, data.Recency, data.Age);

        // |gradient| × standard error is about the distance to the optimum in standard errors; it must be tiny.
        for (var k = 0; k < 4; k++)
        {
            Assert.InRange(Math.Abs(atFit.Gradient[k]) * errors[k], 0, 1e-2);
        }
        Assert.True(fit.Evaluations < 20, $"staged fit used {fit.Evaluations} evaluations");
    }

    [Fact]
    public void SimulateSummaries_SameSeed_SameData()
    {
        var first = LifetimeSimulator.SimulateSummaries(Truth, 500, 10, 50, seed: 1, timeResolution: 1.0 / 7);
        var second = LifetimeSimulator.SimulateSummaries(Truth, 500, 10, 50, seed: 1, timeResolution: 1.0 / 7);

        Assert.Equal(first.Frequency, second.Frequency);
        Assert.Equal(first.Recency, second.Recency);
        Assert.Equal(first.MonetaryValue, second.MonetaryValue);
    }

    [Fact]
    public void SimulateCustomer_Always_RespectsAgeAndOrdersValues()
    {
        var random = new Random(4);

        var customers = Enumerable.Range(0, 2000).Select(_ => LifetimeSimulator.SimulateCustomer(Truth, 30, random)).ToList();

        Assert.All(customers, c =>
        {
            Assert.All(c.RepeatPurchaseTimes, t => Assert.InRange(t, 0, 30));
            Assert.Equal(c.RepeatPurchaseTimes.Count + 1, c.OrderValues.Count);
            Assert.True(c.RepeatPurchaseTimes.SequenceEqual(c.RepeatPurchaseTimes.Order()));
        });
        // E[λ] = r/α; the simulated rates average close to it.
        Assert.InRange(customers.Average(c => c.PurchaseRate), 0.8 / 6 * 0.9, 0.8 / 6 * 1.1);
    }

    private static void AssertRecovered(string name, double truth, double estimate, double relativeStandardError)
    {
        var error = Math.Log(estimate / truth);
        Assert.True(Math.Abs(error) <= 3 * relativeStandardError,
            $"{name}: true {truth}, fitted {estimate} ({error:P2} off, standard error {relativeStandardError:P2})");
    }
}
