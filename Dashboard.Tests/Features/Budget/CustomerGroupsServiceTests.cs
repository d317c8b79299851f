using Dashboard.Data.Entities;
using Dashboard.Domain.Allocation;
using Dashboard.Domain.Segmentation;
using Dashboard.Features.Budget;
using Dashboard.Features.Lookalike;
using Dashboard.Jobs;
using Dashboard.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Features.Budget;

public class CustomerGroupsServiceTests
{
    private static readonly DateOnly PeriodEnd = new(2026, 10, 31);

    private static CustomerGroupsService Service(TestDatabase db) =>
        new(db.Factory, Options.Create(new BudgetOptions()), NullLogger<CustomerGroupsService>.Instance);

    [Fact]
    public async Task LoadAsync_SeededSnapshots_SumsEachGroupAsHandComputed()
    {
        await using var db = await TestDatabase.CreateAsync();
        await SeedAsync(db, withLookalike: true);

        var model = await Service(db).LoadAsync(CancellationToken.None);

        Assert.NotNull(model);
        Assert.Equal((PeriodEnd, 8), (model.PeriodEnd, model.ScoredCustomers));
        Assert.Equal(1_175.0 / 8, model.MeanClv, 9);
        // CLV sorted 5, 10, 20, 40, 100, 200, 300, 500: type-7 75th percentile at h = 5.25 → 200 + 0.25·100.
        Assert.Equal(225, model.TopQuartileClv, 9);
        var groups = model.Groups.ToDictionary(g => g.Group);
        // Retain: CLV 300 at P 0.5 and 200 at P 0.25 → worth 600 and 800 if alive; lost to dropout 1400 − 500.
        Assert.Equal((2, 250.0, 900.0), (groups[CustomerGroup.Retain].Customers, groups[CustomerGroup.Retain].MeanClv, groups[CustomerGroup.Retain].ValueAtStake));
        // Develop: headroom (225 − 20) + (225 − 40).
        Assert.Equal((2, 390.0), (groups[CustomerGroup.Develop].Customers, groups[CustomerGroup.Develop].ValueAtStake));
        // Win back: CLV 10 at P 0.02, floored at 0.05 → 200 if alive; 190 lost.
        Assert.Equal(190, groups[CustomerGroup.WinBack].ValueAtStake, 9);
        // Acquire: 3 of the 4 lookalike candidates never ordered; new buyers (first purchase within 90 days) have CLV 20 and 40.
        Assert.Equal((2, 30.0), (model.NewBuyers, model.NewCustomerValue));
        Assert.Equal((3, 90.0), (groups[CustomerGroup.Acquire].Customers, groups[CustomerGroup.Acquire].ValueAtStake));
        Assert.Equal(new BudgetOptions().Groups.Retain.MaxResponse, groups[CustomerGroup.Retain].Response.MaxResponse);
    }

    [Fact]
    public async Task LoadAsync_NoLookalikeRun_AcquireIsEmptyAndGetsNoBudget()
    {
        await using var db = await TestDatabase.CreateAsync();
        await SeedAsync(db, withLookalike: false);

        var model = await Service(db).LoadAsync(CancellationToken.None);
        var view = CustomerGroupsView.Build(model!, BudgetQuery.Default with { GroupTotal = 1_000 }, channelTotal: 0);

        Assert.Null(model!.LookalikeRunId);
        Assert.Equal(0, view.Proposed.Groups.Single(g => g.Group.Group == CustomerGroup.Acquire).Budget);
        Assert.Equal(1_000, view.Proposed.Total, 6);
    }

    [Fact]
    public async Task LoadAsync_NoSegmentPeriodWithVap_IsNull()
    {
        await using var db = await TestDatabase.CreateAsync();

        Assert.Null(await Service(db).LoadAsync(CancellationToken.None));
    }

    private static async Task SeedAsync(TestDatabase store, bool withLookalike)
    {
        await using var db = await store.Factory.CreateDbContextAsync();
        var lifetime = new ModelRun { Kind = "lifetime", Status = JobQueue.Succeeded, RequestedUtc = DateTime.UtcNow };
        var segments = new ModelRun { Kind = "segments", Status = JobQueue.Succeeded, RequestedUtc = DateTime.UtcNow };
        db.ModelRuns.AddRange(lifetime, segments);
        db.Customers.AddRange(Enumerable.Range(1, 12).Select(i => new Customer { Id = i, OrderCount = i <= 8 ? 1 : 0 }));
        await db.SaveChangesAsync();

        (double Clv, double PAlive, VapStrategy Strategy, bool New)[] rows =
        [
            (300, 0.5, VapStrategy.Retain, false), (200, 0.25, VapStrategy.Retain, false), (20, 0.9, VapStrategy.Develop, true),
            (40, 0.8, VapStrategy.Develop, true), (10, 0.02, VapStrategy.WinBack, false), (500, 0.95, VapStrategy.Maintain, false),
            (100, 0.9, VapStrategy.Nurture, false), (5, 0.1, VapStrategy.LetGo, false),
        ];
        db.SegmentPeriods.Add(new SegmentPeriod
        {
            PeriodEnd = PeriodEnd, ModelRunId = segments.Id, Buyers = 8, Members = 8, ValueBasis = "predicted", LifetimeRunId = lifetime.Id,
            ComputedUtc = DateTime.UtcNow,
        });
        // An older period without VAP (before the lifetime run) is ignored.
        db.SegmentPeriods.Add(new SegmentPeriod { PeriodEnd = PeriodEnd.AddMonths(-1), ModelRunId = segments.Id, ValueBasis = "history", ComputedUtc = DateTime.UtcNow });
        for (var i = 0; i < rows.Length; i++)
        {
            var (clv, pAlive, strategy, isNew) = rows[i];
            db.CustomerSegmentSnapshots.Add(new CustomerSegmentSnapshot
            {
                ModelRunId = segments.Id, PeriodEnd = PeriodEnd, CustomerId = i + 1, Orders = 1, PredictedClv = clv, PAlive = pAlive, VapStrategy = strategy,
            });
            db.CustomerLifetimes.Add(new CustomerLifetime
            {
                ModelRunId = lifetime.Id, CustomerId = i + 1, Clv = clv, PAlive = pAlive,
                FirstPurchaseUtc = isNew ? new DateTime(2026, 9, 15, 0, 0, 0, DateTimeKind.Utc) : new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc),
            });
        }
        if (withLookalike)
        {
            var lookalike = new ModelRun { Kind = LookalikeJob.JobKind, Status = JobQueue.Succeeded, RequestedUtc = DateTime.UtcNow };
            db.ModelRuns.Add(lookalike);
            await db.SaveChangesAsync();
            db.LookalikeCandidates.AddRange(new[] { 7L, 9, 10, 11 }.Select((id, rank) => new LookalikeCandidate
            {
                ModelRunId = lookalike.Id, Rank = rank + 1, CustomerId = id, Score = 0.5,
            }));
        }
        await db.SaveChangesAsync();
    }
}
