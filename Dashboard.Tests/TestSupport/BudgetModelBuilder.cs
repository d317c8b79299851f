using Dashboard.Domain.Allocation;
using Dashboard.Features.Budget;

namespace Dashboard.Tests.TestSupport;

/// <summary>Builds an in-memory <see cref="BudgetModel"/> (no store): channels with known curves, current spends and bootstrap curves.</summary>
public sealed class BudgetModelBuilder
{
    private readonly List<BudgetChannelModel> _channels = [];
    private BudgetOutcome _outcome = BudgetOutcome.Revenue;

    public BudgetModelBuilder Outcome(BudgetOutcome outcome)
    {
        _outcome = outcome;
        return this;
    }

    /// <summary>Adds a channel; its 20 bootstrap curves scale β by 0.9..1.1 so bands are known.</summary>
    public BudgetModelBuilder Channel(string code, double beta, double k, double shape, double current, bool shrunk = false)
    {
        var curve = new ResponseCurve(beta, k, shape);
        var bootstrap = Enumerable.Range(0, 20).Select(b => curve with { Beta = beta * (0.9 + 0.2 * b / 19) }).ToArray();
        var history = Enumerable.Range(0, 8).Select(t => new FitWeek(new DateOnly(2026, 1, 5).AddDays(7 * t), current, 100 + curve.Response(current) + (t % 2 == 0 ? 5 : -5),
            100 + curve.Response(current))).ToArray();
        _channels.Add(new BudgetChannelModel(_channels.Count + 1, code, code.ToUpperInvariant(), curve, 100, 0.9,
            new ParameterInterval(beta, beta * 0.9, beta * 1.1), new ParameterInterval(k, k * 0.8, k * 1.2), new ParameterInterval(shape, shape, shape),
            new ParameterInterval(0, 0, 0), bootstrap, shrunk, shrunk ? "only 10 weeks of history (at least 26 are needed)" : null, current, current,
            history, BudgetWorkbench.Grid(curve, bootstrap, 3 * current)));
        return this;
    }

    /// <summary>Three channels: search (concave), douyin (S-shaped), sms (small, shrunk); current spends 10,000 / 20,000 / 2,000.</summary>
    public static BudgetModel Default(BudgetOutcome outcome = BudgetOutcome.Revenue) => new BudgetModelBuilder().Outcome(outcome)
        .Channel("search", beta: 40_000, k: 15_000, shape: 0.8, current: 10_000)
        .Channel("douyin", beta: 90_000, k: 25_000, shape: 2, current: 20_000)
        .Channel("sms", beta: 4_000, k: 3_000, shape: 1, current: 2_000, shrunk: true)
        .Build();

    public BudgetModel Build() => new(7, new DateTime(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc), _outcome, 13, new DateOnly(2026, 11, 16), _channels.ToArray());
}
