using System.Globalization;
using Dashboard.Data;
using Dashboard.Domain.Allocation;
using Dashboard.Features.Budget;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Cli;

/// <summary>
/// `budget groups`: the Budget page's customer-group split on the configured store (latest segment, lifetime and lookalike
/// snapshots), optimized for a budget; on the demo brand also each VAP strategy against the true latent behaviour.
/// </summary>
public sealed class BudgetGroupsVerb : ICliVerb
{
    public string Name => "budget groups";

    public string Usage => "budget groups [--total AMOUNT] [--json]";

    public async Task<int> RunAsync(CliContext context)
    {
        var total = context.Args.Double("total", 10_000, min: 0, max: 1e12);
        var factory = context.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await context.Services.GetRequiredService<DatabaseInitializer>().MigrateAsync(context.Cancellation);
        var options = context.Services.GetRequiredService<IConfiguration>().GetSection(BudgetOptions.Section).Get<BudgetOptions>() ?? new BudgetOptions();
        var service = new CustomerGroupsService(factory, Options.Create(options), NullLogger<CustomerGroupsService>.Instance);
        var model = await service.LoadAsync(context.Cancellation)
            ?? throw new CliInputException("no segment period with VAP yet: run the lifetime model, then the segments run (the app does both on first start)");
        var split = CustomerGroupSplit.Optimize(model.Groups, total);
        var even = CustomerGroupSplit.Evaluate(model.Groups, CustomerGroupSplit.EvenPerHead(model.Groups, total));
        var truth = await service.TruthCheckAsync(model.PeriodEnd, context.Cancellation);
        var report = new
        {
            model.PeriodEnd, model.LifetimeRunId, model.LookalikeRunId, model.ScoredCustomers, model.MeanClv, model.TopQuartileClv, model.NewBuyers,
            model.NewCustomerValue, Total = total, split.ExpectedReturn, EvenPerHeadReturn = even.ExpectedReturn,
            Groups = split.Groups.Select(o => new
            {
                Group = o.Group.Group.ToString(), o.Group.Customers, o.Group.MeanClv, o.Group.ValueAtStake, o.Budget, o.ExpectedReturn, o.Roi, o.MarginalRoi,
            }),
            Truth = truth,
        };
        if (context.Json)
        {
            await context.WriteJsonAsync(report);
            return 0;
        }
        await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"period {model.PeriodEnd:yyyy-MM-dd}, lifetime run #{model.LifetimeRunId}, lookalike run {model.LookalikeRunId?.ToString(CultureInfo.InvariantCulture) ?? "none"}: {model.ScoredCustomers} customers, mean CLV {model.MeanClv:F2}; budget {total:F0} → {split.ExpectedReturn:F0} (same spend per head: {even.ExpectedReturn:F0})"));
        foreach (var o in split.Groups)
        {
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{o.Group.Group,-8} {o.Group.Customers,7} customers, mean CLV {o.Group.MeanClv,8:F2}, at stake {o.Group.ValueAtStake,10:F0}: budget {o.Budget,9:F0} → {o.ExpectedReturn,9:F0} (ROI {o.Roi ?? 0:F2}, marginal {o.MarginalRoi:F2})"));
        }
        foreach (var t in truth ?? [])
        {
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"truth {t.Strategy,-8} {t.Customers,7}: true value/week {t.MeanValue:F2} ({t.Richness:F2}× average), dropout p {t.MeanDropout:F3}, gone {t.GoneShare:P1}"));
        }
        return 0;
    }
}
