using System.Globalization;
using Dashboard.Domain.Lifetime;
using Dashboard.Features.Lifetime;
using Dashboard.Jobs;
using Dashboard.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Tests.Features.Lifetime;

public class LifetimeJobTests(LifetimeStoreFixture fx) : IClassFixture<LifetimeStoreFixture>
{
    [Fact]
    public async Task Run_SimulatedStore_WritesOneRowPerCustomerAndTheCurvesTheyShare()
    {
        await using var db = await fx.Db.Factory.CreateDbContextAsync();

        var rows = await db.CustomerLifetimes.Where(c => c.ModelRunId == fx.RunId).ToListAsync();
        var curves = await db.LifetimeCurves.Where(c => c.ModelRunId == fx.RunId).ToListAsync();

        Assert.Equal(LifetimeStoreFixture.Customers, rows.Count);
        Assert.Equal(rows.Select(r => (r.X, r.T)).Distinct().Count(), curves.Count);
        Assert.Equal(fx.Summary.DistinctCurves, curves.Count);
        Assert.All(curves, c => Assert.Equal((LifetimeRunParameters.MaxHorizonMonths + 1) * 8, c.Purchases.Length));
        Assert.All(rows, r => Assert.InRange(r.PAlive, 0, 1));
        Assert.All(rows, r => Assert.True(r.Clv >= 0 && double.IsFinite(r.Clv)));
    }

    [Fact]
    public async Task Run_SimulatedStore_StoresScoresThatMatchTheDomainForTheStoredFit()
    {
        await using var db = await fx.Db.Factory.CreateDbContextAsync();
        var rows = await db.CustomerLifetimes.Where(c => c.ModelRunId == fx.RunId).OrderBy(c => c.CustomerId).Take(200).ToListAsync();
        var bg = fx.Summary.Bgnbd.Parameters;
        var gg = fx.Summary.GammaGamma.Parameters;
        var settings = new ClvSettings(12, 0.10, 1.0);

        foreach (var r in rows)
        {
            var summary = new CustomerSummary(r.CustomerId.ToString(CultureInfo.InvariantCulture), r.X, r.Tx, r.T, r.MeanRepeatValue);
            Assert.Equal(BgNbdModel.ProbabilityAlive(bg, r.X, r.Tx, r.T), r.PAlive, 12);
            Assert.Equal(BgNbdModel.ExpectedPurchases(bg, 12 * PeriodUnit.Weeks.PeriodsPerMonth(), r.X, r.Tx, r.T), r.ExpectedPurchases, 9);
            Assert.Equal(GammaGammaModel.ConditionalExpectedAverageValue(gg, r.X, r.MeanRepeatValue), r.ExpectedAov, 9);
            Assert.Equal(CustomerLifetimeValue.Compute(bg, gg, summary, settings, PeriodUnit.Weeks), r.Clv, 6);
        }
    }

    [Fact]
    public void Run_SimulatedStore_SummaryHasTheFitWindowAndHoldout()
    {
        var s = fx.Summary;

        Assert.Equal(LifetimeStoreFixture.Customers, s.Customers);
        Assert.InRange(s.DataTo, LifetimeStoreFixture.DataEnd.AddDays(-3), LifetimeStoreFixture.DataEnd);
        Assert.InRange(s.DataFrom, new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 3));
        Assert.Equal("weeks", s.Period);
        Assert.InRange(s.Bgnbd.R / LifetimeStoreFixture.Truth.Purchases.R, 0.7, 1.3);
        Assert.InRange(s.GammaGamma.P * s.GammaGamma.V / (s.GammaGamma.Q - 1), 250, 350);
        var h = Assert.IsType<HoldoutSummary>(s.Holdout);
        Assert.Equal(s.DataTo.AddDays(-91), h.CalibrationEnd);
        Assert.Equal(13, h.Periods, 9);
        Assert.True(h.ModelMae < h.NaiveMae, $"model {h.ModelMae}, naive {h.NaiveMae}");
        Assert.Equal(LifetimeStoreFixture.Customers, h.ByFrequency.Sum(b => b.Customers));
        Assert.Equal(h.Actual, h.ByFrequency.Sum(b => b.Actual * b.Customers), 6);
        Assert.Equal(s.DataTo, h.Weekly[^1].End);
    }

    [Fact]
    public void Run_SimulatedStore_ReportsTheStagesInOrder()
    {
        var stages = fx.Progress.Select(p => p.Stage).Distinct().ToList();

        Assert.Equal(["Summaries", "Fit BG/NBD", "Fit Gamma-Gamma", "Holdout validation", "Scoring", "Writing"], stages);
        Assert.True(fx.Progress.Zip(fx.Progress.Skip(1)).All(p => p.Second.Fraction >= p.First.Fraction));
        Assert.Equal(1, fx.Progress[^1].Fraction, 9);
    }

    [Fact]
    public async Task Run_ThreeRuns_KeepsTheSnapshotsOfTheLastTwo()
    {
        await using var db = await TestDatabase.CreateAsync();
        var cohort = LifetimeSimulator.SimulateCohort(LifetimeStoreFixture.Truth, 400, new(2024, 1, 1), new(2024, 6, 30), new(2025, 3, 31),
            PeriodUnit.Weeks, seed: 4);
        await OrderRows.InsertAsync(db, cohort.SelectMany(c => c.Purchases.Select(p =>
            ((long)c.Index + 1, p.Date.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc), p.Amount))));
        var runs = new List<long>();

        for (var i = 0; i < 3; i++)
        {
            runs.Add(await RunAsync(db, new LifetimeRunParameters()));
        }

        await using var context = await db.Factory.CreateDbContextAsync();
        var kept = await context.CustomerLifetimes.Select(c => c.ModelRunId).Distinct().OrderBy(id => id).ToListAsync();
        Assert.Equal(runs[1..], kept);
        Assert.Equal(runs[1..], await context.LifetimeCurves.Select(c => c.ModelRunId).Distinct().OrderBy(id => id).ToListAsync());
    }

    [Fact]
    public async Task Run_EmptyStore_FailsWithAMessageForTheUser()
    {
        await using var db = await TestDatabase.CreateAsync();

        var ex = await Assert.ThrowsAsync<ModelJobException>(() => RunAsync(db, new LifetimeRunParameters()));

        Assert.Contains("no orders", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_OnlyOneTimeBuyers_FailsWithTheDomainsMessage()
    {
        await using var db = await TestDatabase.CreateAsync();
        await OrderRows.InsertAsync(db, [(1, new DateTime(2025, 1, 1, 9, 0, 0), 10), (2, new DateTime(2025, 1, 5, 9, 0, 0), 30)]);

        var ex = await Assert.ThrowsAsync<ModelJobException>(() => RunAsync(db, new LifetimeRunParameters()));

        Assert.Contains("repeat purchase", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"period":"months"}""", "Unknown period")]
    [InlineData("""{"horizonMonths":48}""", "horizon")]
    [InlineData("""{"marginPercent":150}""", "margin")]
    [InlineData("""{"holdoutWeeks":"x"}""", "not valid JSON")]
    public void Parse_BadParameters_ThrowsUserFacingError(string json, string message)
    {
        var ex = Assert.Throws<ModelJobException>(() => LifetimeRunParameters.Parse(json));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Nothing_GivesDefaults()
    {
        var parameters = LifetimeRunParameters.Parse(null);

        Assert.Equal(new LifetimeRunParameters(), parameters);
        Assert.Equal(parameters, LifetimeRunParameters.Parse(parameters.ToJson()));
    }

    private static async Task<long> RunAsync(TestDatabase db, LifetimeRunParameters parameters)
    {
        await using var context = await db.Factory.CreateDbContextAsync();
        var run = new Dashboard.Data.Entities.ModelRun { Kind = LifetimeJob.KindName, Status = JobQueue.Running };
        context.ModelRuns.Add(run);
        await context.SaveChangesAsync();
        var job = new LifetimeJob(db.Factory, NullLogger<LifetimeJob>.Instance);
        await job.RunAsync(new ModelJobContext(run.Id, parameters.ToJson(), new Progress<JobProgress>()), CancellationToken.None);
        return run.Id;
    }
}
