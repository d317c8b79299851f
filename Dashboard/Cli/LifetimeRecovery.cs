using System.Text.Json;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Data.Summaries;
using Dashboard.Domain.Lifetime;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Cli;

/// <summary>A fitted parameter next to the demo brand's true value.</summary>
/// <param name="RelativeError">(fit − truth) / truth.</param>
/// <param name="RelativeStandardError">Sampling standard error of the estimate relative to it (observed information).</param>
public sealed record ParameterRecovery(string Name, double Truth, double Fitted, double RelativeError, double RelativeStandardError)
{
    /// <summary>|error| in standard errors.</summary>
    public double StandardErrors => RelativeStandardError > 0 ? Math.Abs(RelativeError) / RelativeStandardError : double.PositiveInfinity;
}

/// <summary>A fit on the demo brand's store, scored against the generating parameters (DemoTruth "bgnbd" and "gammaGamma").</summary>
/// <param name="Orders">"all" (what the product sees) or "natural" (campaign extra orders left out).</param>
/// <param name="LeftOut">Orders left out as campaign extra orders.</param>
public sealed record LifetimeRecoveryFit(string Orders, int Customers, int RepeatCustomers, long LeftOut, IReadOnlyList<ParameterRecovery> Parameters);

/// <summary>Parameter recovery on the seeded demo brand (weeks, calibration end = last order day).</summary>
/// <param name="CampaignExtraOrders">Σ DemoPerson.ExtraOrders: orders outside the BG/NBD process.</param>
/// <param name="RepeatPurchases">The truth's count of BG/NBD repeat purchases (before same-day merging).</param>
public sealed record LifetimeRecoveryReport(long CampaignExtraOrders, long RepeatPurchases, IReadOnlyList<LifetimeRecoveryFit> Fits);

/// <summary>
/// Fits the lifetime models on the demo brand's store twice: on all orders, and without the campaign extra orders
/// (DemoPerson.ExtraOrders; they are not part of the BG/NBD process and never trigger dropout). The generator marks
/// each extra order with a campaign visit 1–10 minutes before it on the same customer, inside the campaign's window
/// of a treated customer; those are left out (extra orders placed offline carry no such visit and stay: the report
/// counts how many were found against Σ ExtraOrders).
/// </summary>
public static class LifetimeRecovery
{
    public static async Task<LifetimeRecoveryReport?> RunAsync(IDbContextFactory<DashboardDbContext> dbFactory, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dbFactory);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var truths = await db.DemoTruths.AsNoTracking().Where(t => t.Key == "bgnbd" || t.Key == "gammaGamma").ToDictionaryAsync(t => t.Key, t => t.Json, ct);
        if (truths.Count < 2 || await PurchaseSummaries.OrderDaysAsync(db, ct) is not { } days)
        {
            return null;
        }
        var bgnbd = JsonDocument.Parse(truths["bgnbd"]).RootElement;
        var gg = JsonDocument.Parse(truths["gammaGamma"]).RootElement;
        var truthBg = new BgNbdParameters(bgnbd.GetProperty("r").GetDouble(), bgnbd.GetProperty("alpha").GetDouble(),
            bgnbd.GetProperty("a").GetDouble(), bgnbd.GetProperty("b").GetDouble());
        var truthGg = new GammaGammaParameters(gg.GetProperty("p").GetDouble(), gg.GetProperty("q").GetDouble(), gg.GetProperty("gamma").GetDouble());
        var extraOrders = await db.DemoPeople.SumAsync(p => (long)p.ExtraOrders, ct);

        var extra = ExtraOrderIds(db);
        var fits = new List<LifetimeRecoveryFit>
        {
            await FitAsync("all", db.Orders, 0, days.Last, truthBg, truthGg, ct),
            await FitAsync("natural", db.Orders.Where(o => !extra.Contains(o.Id)), await extra.CountAsync(ct), days.Last, truthBg, truthGg, ct),
        };
        return new LifetimeRecoveryReport(extraOrders, bgnbd.GetProperty("repeatPurchases").GetInt64(), fits);
    }

    /// <summary>Orders the demo generator added for a campaign (see the class summary).</summary>
    public static IQueryable<long> ExtraOrderIds(DashboardDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return from o in db.Orders
               join a in db.CampaignAssignments on o.CustomerId equals a.CustomerId
               join c in db.Campaigns on a.CampaignId equals c.Id
               where !a.IsControl && o.PlacedAtUtc >= c.StartUtc && o.PlacedAtUtc < c.EndUtc
                   && db.Touchpoints.Any(t => t.CustomerId == o.CustomerId && t.CampaignId == c.Id && t.Type == TouchpointType.Visit
                       && t.OccurredAtUtc <= o.PlacedAtUtc && t.OccurredAtUtc >= o.PlacedAtUtc.AddMinutes(-10))
               select o.Id;
    }

    private static async Task<LifetimeRecoveryFit> FitAsync(
        string name, IQueryable<Order> orders, long leftOut, DateOnly end, BgNbdParameters truthBg, GammaGammaParameters truthGg, CancellationToken ct)
    {
        var summaries = new List<CustomerSummary>();
        await foreach (var row in PurchaseSummaries.QueryAsync(orders, end, end, ct))
        {
            summaries.Add(row.ToSummary(end, PeriodUnit.Weeks));
        }
        var columns = SummaryColumns.From(summaries);
        var bg = BgNbdFitter.Fit(summaries).Parameters;
        var gg = GammaGammaFitter.Fit(summaries).Parameters;
        var bgSe = BgNbdFitter.RelativeStandardErrors(bg, columns.Frequency, columns.Recency, columns.Age);
        var ggSe = GammaGammaFitter.RelativeStandardErrors(gg, columns.Frequency, columns.MonetaryValue);
        return new LifetimeRecoveryFit(name, summaries.Count, summaries.Count(s => s.Frequency > 0), leftOut,
        [
            Score("r", truthBg.R, bg.R, bgSe[0]),
            Score("alpha", truthBg.Alpha, bg.Alpha, bgSe[1]),
            Score("a", truthBg.A, bg.A, bgSe[2]),
            Score("b", truthBg.B, bg.B, bgSe[3]),
            Score("p", truthGg.P, gg.P, ggSe[0]),
            Score("q", truthGg.Q, gg.Q, ggSe[1]),
            Score("gamma", truthGg.V, gg.V, ggSe[2]),
        ]);
    }

    private static ParameterRecovery Score(string name, double truth, double fitted, double relativeSe) =>
        new(name, truth, fitted, (fitted - truth) / truth, relativeSe);
}
