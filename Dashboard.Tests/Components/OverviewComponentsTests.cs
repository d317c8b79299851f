using Bunit;
using Dashboard.Features.Data;
using Dashboard.Features.Overview;
using Dashboard.Tests.TestSupport;

namespace Dashboard.Tests.Components;

public class OverviewComponentsTests : DashboardComponentTest
{
    [Fact]
    public void KpiRow_Figures_ShowsCountsAndMoneyInTheBrandCurrency()
    {
        var kpis = new OverviewKpis(Customers: 20_000, ActiveCustomers: 7_512, NewCustomers: 3_001, Orders: 10_000, Revenue: 2_500_000);

        var cut = Render<OverviewKpiRow>(p => p.Add(c => c.Kpis, kpis));

        Assert.Contains("20,000", cut.Find("[data-testid=kpi-customers]").TextContent);
        Assert.Contains("7,512", cut.Find("[data-testid=kpi-active]").TextContent);
        Assert.Contains("¥2.5M", cut.Find("[data-testid=kpi-revenue]").TextContent);
        Assert.Contains("¥250", cut.Find("[data-testid=kpi-aov]").TextContent);
    }

    [Fact]
    public void FreshnessTable_SourceWithoutData_ShowsDash()
    {
        SourceFreshness[] rows =
        [
            new("tmall", "Tmall flagship store", new DateTime(2026, 11, 15, 10, 0, 0, DateTimeKind.Utc), null, 10),
            new("sms", "SMS", null, null, 0),
        ];

        var cut = Render<FreshnessTable>(p => p.Add(c => c.Rows, rows));

        var cells = cut.FindAll("[data-testid=freshness] tbody tr");
        Assert.Equal(2, cells.Count);
        Assert.Contains("2026-11-15", cells[0].TextContent);
        Assert.Contains("—", cells[1].TextContent);
    }

    [Fact]
    public void ImportRunTable_NoRuns_ShowsEmptyState()
    {
        var cut = Render<ImportRunTable>(p => p.Add(c => c.Rows, []));

        Assert.Contains("No imports yet.", cut.Find("[data-testid=empty-state]").TextContent);
    }

    [Fact]
    public void ImportRunTable_RejectedRun_ShowsStatusAndMessage()
    {
        ImportRunRow[] rows = [new(1, "orders", "bad.csv", new DateTime(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc), 0.2, 10, 0, 0, "rejected", "line 3, column quantity: negative quantity -2")];

        var cut = Render<ImportRunTable>(p => p.Add(c => c.Rows, rows));

        var row = cut.Find("[data-testid=import-runs] tbody tr");
        Assert.Contains("rejected", row.TextContent);
        Assert.Contains("negative quantity", row.TextContent);
    }
}
