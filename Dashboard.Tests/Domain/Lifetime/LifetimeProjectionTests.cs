using Dashboard.Domain.Lifetime;
using MathNet.Numerics.Distributions;

namespace Dashboard.Tests.Domain.Lifetime;

public class LifetimeProjectionTests
{
    private static readonly BgNbdParameters Cdnow = new(0.243, 4.414, 0.793, 2.426);
    private static readonly GammaGammaParameters Spend = new(6.25, 3.74, 15.44);

    [Theory]
    [InlineData(0, 0, 30, 39)]
    [InlineData(2, 20, 38, 10)]
    [InlineData(7, 35.5, 36, 52)]
    [InlineData(1, 1, 77, 4.3)]
    public void ExpectedPurchasesIfAlive_TimesPAlive_IsTheConditionalExpectation(int x, double tx, double age, double horizon)
    {
        var expected = BgNbdModel.ExpectedPurchases(Cdnow, horizon, x, tx, age);

        var product = BgNbdModel.ProbabilityAlive(Cdnow, x, tx, age) * BgNbdModel.ExpectedPurchasesIfAlive(Cdnow, horizon, x, age);

        Assert.Equal(expected, product, 12);
    }

    [Fact]
    public void ExpectedPurchasesIfAlive_ANearOne_StaysFiniteAndContinuous()
    {
        var at = BgNbdModel.ExpectedPurchasesIfAlive(Cdnow with { A = 1 }, 26, 3, 40);
        var near = BgNbdModel.ExpectedPurchasesIfAlive(Cdnow with { A = 1.001 }, 26, 3, 40);

        Assert.True(double.IsFinite(at));
        Assert.Equal(near, at, 2);
    }

    [Theory]
    [InlineData(0, 30, 26)]
    [InlineData(3, 40, 52)]
    [InlineData(10, 70, 13)]
    public void SurvivalIfAlive_MonteCarloOverThePosterior_Agrees(int x, double age, double time)
    {
        // Alive with history (x, T): λ ~ Gamma(r+x, α+T), p ~ Beta(a, b+x); survival over t is E[exp(−λ p t)].
        var random = new Random(5);
        const int draws = 400_000;
        var sum = 0.0;
        var sumSq = 0.0;
        for (var i = 0; i < draws; i++)
        {
            var lambda = Gamma.Sample(random, Cdnow.R + x, Cdnow.Alpha + age);
            var p = Beta.Sample(random, Cdnow.A, Cdnow.B + x);
            var s = Math.Exp(-lambda * p * time);
            sum += s;
            sumSq += s * s;
        }
        var mean = sum / draws;
        var standardError = Math.Sqrt((sumSq / draws - mean * mean) / draws);

        var survival = BgNbdModel.SurvivalIfAlive(Cdnow, time, x, age);

        Assert.InRange(survival, mean - 4 * standardError, mean + 4 * standardError);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    public void ExpectedPurchases_DropoutMixtureWithAPlusBBelowOne_AgreesWithMonteCarlo(double age)
    {
        // a + b < 1 makes 2F1's c = a+b−1 negative and the series sum negative (x = 0); the expectations stay valid.
        // Given λ and p, purchases until dropout over t have mean (1 − e^(−λpt))/p; with x = 0 the posterior is
        // λ ~ Gamma(r, α+T), p ~ Beta(a, b), and T = 0 is a new customer (eq. 9).
        var parameters = new BgNbdParameters(0.4, 5, 0.4, 0.5);
        const double t = 30;
        var random = new Random(9);
        const int draws = 400_000;
        double sum = 0, sumSq = 0;
        for (var i = 0; i < draws; i++)
        {
            var lambda = Gamma.Sample(random, parameters.R, parameters.Alpha + age);
            var p = Beta.Sample(random, parameters.A, parameters.B);
            var y = p > 1e-9 ? (1 - Math.Exp(-lambda * p * t)) / p : lambda * t;
            sum += y;
            sumSq += y * y;
        }
        var mean = sum / draws;
        var standardError = Math.Sqrt((sumSq / draws - mean * mean) / draws);

        var expected = age == 0
            ? BgNbdModel.ExpectedPurchasesNewCustomer(parameters, t)
            : BgNbdModel.ExpectedPurchases(parameters, t, 0, 0, age);

        Assert.InRange(expected, mean - 4 * standardError, mean + 4 * standardError);
    }

    [Fact]
    public void SurvivalIfAlive_OverTime_StartsAtOneAndFalls()
    {
        var values = new[] { 0.0, 1, 10, 100, 1000 }.Select(t => BgNbdModel.SurvivalIfAlive(Cdnow, t, 2, 30)).ToList();

        Assert.Equal(1, values[0]);
        Assert.True(values.Zip(values.Skip(1)).All(p => p.Second < p.First), string.Join(", ", values));
        Assert.InRange(values[^1], 0, 0.5);
    }

    [Fact]
    public void ExpectedAlive_SimulatedCustomers_MatchesWhoIsStillAliveLater()
    {
        // Customers observed for 52 weeks; the same simulation continued 26 more weeks says who is still alive then.
        var truth = new LifetimeTruth(new BgNbdParameters(0.8, 6, 0.9, 3), Spend);
        var random = new Random(11);
        var curves = new Dictionary<(int, double), HistoryCurve>();
        var aliveByCurve = new Dictionary<(int, double), double>();
        var aliveLater = 0;
        const double age = 52;
        const int months = 6;
        var later = months * PeriodUnit.Weeks.PeriodsPerMonth();
        for (var i = 0; i < 20_000; i++)
        {
            var customer = LifetimeSimulator.SimulateCustomer(truth, age + later, random);
            var seen = customer.RepeatPurchaseTimes.Where(t => t <= age).ToList();
            var x = seen.Count;
            var tx = x == 0 ? 0 : seen[^1];
            var key = (x, age);
            if (!curves.ContainsKey(key))
            {
                curves[key] = LifetimeProjection.Curve(truth.Purchases, x, age, months, PeriodUnit.Weeks);
            }
            aliveByCurve[key] = aliveByCurve.GetValueOrDefault(key) + BgNbdModel.ProbabilityAlive(truth.Purchases, x, tx, age);
            aliveLater += customer.AliveAtEnd ? 1 : 0;
        }
        var keys = curves.Keys.ToList();

        var expected = LifetimeProjection.ExpectedAlive(keys.Select(k => curves[k]).ToList(), keys.Select(k => aliveByCurve[k]).ToList(), months);

        // Binomial noise of 20,000 customers is about ±65 (one standard deviation).
        Assert.InRange(expected[months], aliveLater - 260, aliveLater + 260);
        Assert.Equal(aliveByCurve.Values.Sum(), expected[0], 6);
    }

    [Theory]
    [InlineData(12, 0.10, 1.0)]
    [InlineData(36, 0.25, 0.3)]
    [InlineData(1, 0.0, 0.5)]
    public void Clv_FromTheCurve_EqualsTheDirectComputation(int months, double rate, double margin)
    {
        var settings = new ClvSettings(months, rate, margin);
        var customer = new CustomerSummary("c", 4, 30.43, 38.86, 48.5);
        var curve = LifetimeProjection.Curve(Cdnow, customer.Frequency, customer.Age, 36, PeriodUnit.Weeks);
        var alive = BgNbdModel.ProbabilityAlive(Cdnow, customer.Frequency, customer.Recency, customer.Age);
        var value = GammaGammaModel.ConditionalExpectedAverageValue(Spend, customer.Frequency, customer.MonetaryValue);

        var clv = LifetimeProjection.Clv(curve, alive, value, settings);

        Assert.Equal(CustomerLifetimeValue.Compute(Cdnow, Spend, customer, settings, PeriodUnit.Weeks), clv, 9);
    }

    [Fact]
    public void DiscountedPurchasesIfAlive_HorizonBeyondTheCurve_Throws()
    {
        var curve = LifetimeProjection.Curve(Cdnow, 1, 20, 6, PeriodUnit.Weeks);

        Assert.Throws<ArgumentOutOfRangeException>(() => LifetimeProjection.DiscountedPurchasesIfAlive(curve, new ClvSettings(12)));
    }

    [Fact]
    public void Compare_DailyCounts_SameAsThePurchaseDayLists()
    {
        var cohort = LifetimeSimulator.SimulateCohort(new LifetimeTruth(Cdnow, Spend), 500, new(2024, 1, 1), new(2024, 3, 31),
            new(2024, 12, 31), PeriodUnit.Weeks, seed: 3);
        var calibrationEnd = new DateOnly(2024, 9, 30);
        var rows = CustomerSummaryBuilder.BuildWithHoldout(cohort.SelectMany(c => c.Purchases), calibrationEnd, new(2024, 12, 31), PeriodUnit.Weeks);
        var counts = rows.SelectMany(r => r.RepeatPurchaseDays).GroupBy(d => d).Select(g => new DailyCount(g.Key, g.Count())).ToList();
        var withoutDays = rows.Select(r => r with { RepeatPurchaseDays = [] }).ToList();

        var fromLists = HoldoutValidation.Compare(rows, Cdnow, calibrationEnd, new(2024, 12, 31), PeriodUnit.Weeks);
        var fromCounts = HoldoutValidation.Compare(withoutDays, counts, Cdnow, calibrationEnd, new(2024, 12, 31), PeriodUnit.Weeks);

        Assert.Equal(fromLists.Weekly, fromCounts.Weekly);
        Assert.Equal(fromLists.ModelMae, fromCounts.ModelMae);
        Assert.Equal(fromLists.ByFrequency, fromCounts.ByFrequency);
    }
}
