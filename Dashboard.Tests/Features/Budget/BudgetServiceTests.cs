using Dashboard.Data.Entities;
using Dashboard.Domain.Allocation;
using Dashboard.Features.Budget;
using Dashboard.Jobs;
using Dashboard.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Features.Budget;

/// <summary>
/// A store with 104 simulated weeks for three channels (known curves, via ResponseSimulator) and 12 weeks for a fourth,
/// fitted once by the "budget-curves" job.
/// </summary>
public sealed class BudgetStoreFixture : IAsyncLifetime
{
    public static readonly DateOnly FirstWeek = new(2024, 11, 25);

    /// <summary>Channel id → (revenue curve, conversions curve, typical weekly spend).</summary>
    public static readonly Dictionary<int, (ResponseCurve Revenue, ResponseCurve Conversions, double Typical)> Truth = new()
    {
        [1] = (new ResponseCurve(60_000, 30_000, 1.0, 0.3), new ResponseCurve(300, 30_000, 1.0, 0.3), 25_000),
        [3] = (new ResponseCurve(120_000, 50_000, 2.0, 0.4), new ResponseCurve(600, 50_000, 2.0, 0.4), 45_000),
        [5] = (new ResponseCurve(30_000, 8_000, 0.7, 0.1), new ResponseCurve(150, 8_000, 0.7, 0.1), 9_000),
    };

    public TestDatabase Db { get; private set; } = null!;

    public long RunId { get; private set; }

    public string? ResultJson { get; private set; }

    public BudgetService Service() => new(Db.Factory, new ModelRunReader(Db.Factory), TimeProvider.System, Options.Create(new BudgetOptions()),
        NullLogger<BudgetService>.Instance);

    public async Task InitializeAsync()
    {
        Db = await TestDatabase.CreateAsync();
        await using (var db = await Db.Factory.CreateDbContextAsync())
        {
            foreach (var (id, (revenue, conversions, typical)) in Truth)
            {
                var spend = ResponseSimulator.SpendPlan(104, typical, 0.6, 0.25, seed: id);
                var rev = ResponseSimulator.Simulate(revenue, 20_000, spend, 0.03 * revenue.Beta, FirstWeek, seed: 100 + id);
                var conv = ResponseSimulator.Simulate(conversions, 100, spend, 0.03 * conversions.Beta, FirstWeek, seed: 200 + id);
                db.ChannelSpends.AddRange(rev.Select((w, t) => new ChannelSpend
                {
                    AdChannelId = id, WeekStartUtc = w.WeekStart.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), Spend = w.Spend, Revenue = w.Outcome,
                    Conversions = conv[t].Outcome,
                }));
            }
            // SMS: only the last 12 weeks, nearly flat: flagged and shrunk.
            db.ChannelSpends.AddRange(Enumerable.Range(92, 12).Select(t => new ChannelSpend
            {
                AdChannelId = 7, WeekStartUtc = FirstWeek.AddDays(7 * t).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), Spend = 2_000 + 10 * (t % 3),
                Revenue = 3_000 + 50 * (t % 2), Conversions = 15 + t % 2,
            }));
            var run = new ModelRun { Kind = BudgetCurvesJob.JobKind, Status = JobQueue.Running, RequestedUtc = DateTime.UtcNow };
            db.ModelRuns.Add(run);
            await db.SaveChangesAsync();
            RunId = run.Id;
        }
        var job = new BudgetCurvesJob(Db.Factory, Options.Create(new BudgetOptions()));
        ResultJson = await job.RunAsync(new ModelJobContext(RunId, """{"bootstrap":40}""", new Progress<JobProgress>()), CancellationToken.None);
        await using var context = await Db.Factory.CreateDbContextAsync();
        await context.ModelRuns.Where(r => r.Id == RunId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, JobQueue.Succeeded).SetProperty(r => r.FinishedUtc, DateTime.UtcNow));
    }

    public async Task DisposeAsync() => await Db.DisposeAsync();
}

public class BudgetServiceTests(BudgetStoreFixture store) : IClassFixture<BudgetStoreFixture>
{
    [Fact]
    public async Task CurvesJob_SimulatedHistory_StoresBothOutcomesPerChannelWithTheRunId()
    {
        await using var db = await store.Db.Factory.CreateDbContextAsync();

        var rows = await db.ChannelCurves.AsNoTracking().ToListAsync();

        Assert.Equal(8, rows.Count);
        Assert.All(rows, r => Assert.Equal(store.RunId, r.ModelRunId));
        Assert.Equal(4, rows.Count(r => r.Outcome == "revenue"));
        Assert.Equal(4, rows.Count(r => r.Outcome == "conversions"));
        Assert.Contains("\"code\":\"douyin_ads\"", store.ResultJson);
    }

    [Theory]
    [InlineData(BudgetOutcome.Revenue)]
    [InlineData(BudgetOutcome.Conversions)]
    public async Task Load_SimulatedChannels_RecoverTheirCurvesWithinTolerance(BudgetOutcome outcome)
    {
        var model = await store.Service().LoadAsync(outcome, CancellationToken.None);

        Assert.NotNull(model);
        foreach (var (id, truth) in BudgetStoreFixture.Truth)
        {
            var channel = model.Channels.Single(c => c.AdChannelId == id);
            var curve = outcome == BudgetOutcome.Revenue ? truth.Revenue : truth.Conversions;
            Assert.False(channel.IsShrunk);
            Assert.True(channel.RSquared > 0.8, $"{channel.Code}: R² {channel.RSquared:F3}");
            // The steady-state response where the budget decisions are made (½× to 2× typical spend) within 10%.
            foreach (var spend in new[] { 0.5, 1, 2 }.Select(f => f * truth.Typical))
            {
                Assert.InRange(channel.Curve.Response(spend), 0.9 * curve.Response(spend), 1.1 * curve.Response(spend));
            }
            Assert.InRange(channel.Curve.Carryover, curve.Carryover - 0.1, curve.Carryover + 0.1);
            Assert.Equal(104, channel.History.Count);
            Assert.NotEmpty(channel.BootstrapCurves);
        }
    }

    [Fact]
    public async Task Load_ShortFlatChannel_IsFlaggedAsShrunkWithItsReason()
    {
        var model = await store.Service().LoadAsync(BudgetOutcome.Revenue, CancellationToken.None);

        var sms = model!.Channels.Single(c => c.Code == "sms");
        Assert.True(sms.IsShrunk);
        Assert.Contains("12 weeks", sms.ShrinkReason);
    }

    [Fact]
    public async Task Load_CurrentSpend_IsTheAverageOfTheLast13Weeks()
    {
        await using var db = await store.Db.Factory.CreateDbContextAsync();
        var last = await db.ChannelSpends.MaxAsync(s => s.WeekStartUtc);
        var expected = (await db.ChannelSpends.Where(s => s.AdChannelId == 3 && s.WeekStartUtc > last.AddDays(-91)).SumAsync(s => s.Spend)) / 13;

        var model = await store.Service().LoadAsync(BudgetOutcome.Revenue, CancellationToken.None);

        Assert.Equal(expected, model!.Channels.Single(c => c.AdChannelId == 3).CurrentSpend, 6);
        Assert.Equal(DateOnly.FromDateTime(last), model.LastWeek);
    }

    [Fact]
    public async Task SaveScenario_ThenLoad_RoundTripsSplitBoundsAndStatus()
    {
        var service = store.Service();
        ScenarioChannel[] channels =
        [
            new("tmall_ads", "", 25_000, 12_500, 50_000, 50, 200),
            new("douyin_ads", "", 40_000, 10_000, 60_000, null, null),
        ];

        var (id, problem) = await service.SaveScenarioAsync(new ScenarioDraft("  Q1 plan ", BudgetOutcome.Conversions, false, 812.5, store.RunId, "ana", channels), CancellationToken.None);
        var saved = await service.ScenarioAsync(id!.Value, CancellationToken.None);

        Assert.Null(problem);
        Assert.NotNull(saved);
        Assert.Equal(("Q1 plan", BudgetOutcome.Conversions, 65_000d, 812.5, BudgetScenarioStatus.Draft, "ana"),
            (saved.Summary.Name, saved.Summary.Outcome, saved.Summary.TotalSpend, saved.Summary.ProjectedResponse, saved.Summary.Status, saved.Summary.CreatedBy));
        Assert.False(saved.TotalLocked);
        Assert.Equal(["tmall_ads", "douyin_ads"], saved.Channels.Select(c => c.Code));
        Assert.Equal((12_500d, 50_000d, 50d, 200d), (saved.Channels[0].Lower, saved.Channels[0].Upper, saved.Channels[0].LowerPercent!.Value, saved.Channels[0].UpperPercent!.Value));
        Assert.Null(saved.Channels[1].LowerPercent);
        Assert.Equal("Douyin ads", saved.Channels[1].Name);
    }

    [Fact]
    public async Task SaveScenario_TakenOrEmptyName_IsRefused()
    {
        var service = store.Service();
        var draft = new ScenarioDraft("Taken", BudgetOutcome.Revenue, true, 1, store.RunId, "ana", [new("sms", "", 1, 0, 2, null, null)]);
        await service.SaveScenarioAsync(draft, CancellationToken.None);

        var again = await service.SaveScenarioAsync(draft, CancellationToken.None);
        var empty = await service.SaveScenarioAsync(draft with { Name = "  " }, CancellationToken.None);

        Assert.Equal((null, "name-taken"), again);
        Assert.Equal((null, "name-required"), empty);
    }

    [Fact]
    public async Task SetStatus_Approved_RecordsWhoAndWhenAndListsIt()
    {
        var service = store.Service();
        var (id, _) = await service.SaveScenarioAsync(new ScenarioDraft("To approve", BudgetOutcome.Revenue, true, 1, store.RunId, "ana",
            [new("sms", "", 1, 0, 2, null, null)]), CancellationToken.None);

        var changed = await service.SetStatusAsync(id!.Value, BudgetScenarioStatus.Approved, "lead", CancellationToken.None);
        var saved = await service.ScenarioAsync(id.Value, CancellationToken.None);
        var list = await service.ScenariosAsync(CancellationToken.None);

        Assert.True(changed);
        Assert.Equal(BudgetScenarioStatus.Approved, saved!.Summary.Status);
        Assert.Equal("lead", saved.ApprovedBy);
        Assert.NotNull(saved.ApprovedUtc);
        Assert.Contains(list, s => s.Id == id && s.Status == BudgetScenarioStatus.Approved);
        Assert.False(await service.SetStatusAsync(99_999, BudgetScenarioStatus.Approved, "lead", CancellationToken.None));
    }
}

public class BudgetCurvesJobTests
{
    [Fact]
    public async Task Run_NoSpendInTheStore_FailsWithAMessageForTheUser()
    {
        await using var db = await TestDatabase.CreateAsync();
        var job = new BudgetCurvesJob(db.Factory, Options.Create(new BudgetOptions()));

        var ex = await Assert.ThrowsAsync<ModelJobException>(() => job.RunAsync(new ModelJobContext(1, null, new Progress<JobProgress>()), CancellationToken.None));

        Assert.Contains("No weekly channel spend", ex.Message);
    }

    [Fact]
    public async Task Run_UnknownOutcome_FailsNamingIt()
    {
        await using var db = await TestDatabase.CreateAsync();
        var job = new BudgetCurvesJob(db.Factory, Options.Create(new BudgetOptions()));

        var ex = await Assert.ThrowsAsync<ModelJobException>(() => job.RunAsync(new ModelJobContext(1, """{"outcomes":["profit"]}""", new Progress<JobProgress>()), CancellationToken.None));

        Assert.Contains("profit", ex.Message);
    }

    [Fact]
    public async Task Load_NoRunYet_ReturnsNull()
    {
        await using var db = await TestDatabase.CreateAsync();
        var service = new BudgetService(db.Factory, new ModelRunReader(db.Factory), TimeProvider.System, Options.Create(new BudgetOptions()),
            NullLogger<BudgetService>.Instance);

        Assert.Null(await service.LoadAsync(BudgetOutcome.Revenue, CancellationToken.None));
    }
}
