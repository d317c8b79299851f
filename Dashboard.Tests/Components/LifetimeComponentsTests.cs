using Bunit;
using Dashboard.Features.Lifetime;
using Dashboard.Shared;
using Dashboard.Tests.TestSupport;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Tests.Components;

public class LifetimeComponentsTests : DashboardComponentTest
{
    private static readonly LifetimeRunSummary Summary = new(
        Customers: 20_000, RepeatCustomers: 11_234, Period: "weeks", DataFrom: new(2024, 11, 16), DataTo: new(2026, 11, 15),
        HorizonMonths: 12, AnnualDiscountRate: 0.1, MarginPercent: 100,
        Bgnbd: new(0.6, 10, 0.8, 2.5, -81_234.5), GammaGamma: new(6, 4, 150, -70_000, 11_000), FitSeconds: 0.29,
        Seconds: new(1.2, 0.23, 0.06, 0.4, 0.7, 0.5, 3.1), CurveMonths: 36, DistinctCurves: 4_500, ExpectedAlive: 14_000,
        TotalClv: 1e6, Holdout: null);

    [Fact]
    public void FitSummary_Run_ShowsParametersTheirMeaningAndTheDataWindow()
    {
        var cut = Render<LifetimeFitSummary>(p => p.Add(c => c.RunId, 7L).Add(c => c.FinishedUtc, new DateTime(2026, 11, 20, 8, 30, 0)).Add(c => c.Item, Summary));

        var table = cut.Find("[data-testid=fit-parameters]").TextContent;
        Assert.Contains("0.6, 10", table);
        Assert.Contains("0.8, 2.5", table);
        Assert.Contains("6, 4, 150", table);
        Assert.Contains("0.06 times a week", table);
        Assert.Contains("24% of customers drop out", table);
        Assert.Contains("¥300", table);
        Assert.Contains("20,000", table);
        Assert.Contains("11,234 with repeat purchases", table);
        var run = cut.Find("[data-testid=fit-run]").TextContent;
        Assert.Contains("Run #7", run);
        Assert.Contains("2024-11-16 to 2026-11-15", run);
        Assert.Contains("What do these parameters mean?", cut.Find("[data-testid=fit-help]").TextContent);
    }

    [Fact]
    public void FitSummary_QAtMostOne_SaysThePopulationMeanIsNotFinite()
    {
        var cut = Render<LifetimeFitSummary>(p => p.Add(c => c.RunId, 1L).Add(c => c.Item, Summary with { GammaGamma = new(6, 0.9, 150, -1, 10) }));

        Assert.Contains("not finite", cut.Find("[data-testid=fit-parameters]").TextContent);
    }

    [Fact]
    public void HoldoutPanel_NoHoldout_AsksForAValidatedRun()
    {
        var cut = Render<LifetimeHoldoutPanel>(p => p.Add(c => c.Holdout, null));

        Assert.Contains("no holdout check", cut.Find("[data-testid=empty-state]").TextContent);
    }

    [Fact]
    public void HoldoutPanel_ModelBeatsNaive_SaysSoWithTheErrorsSideBySide()
    {
        var holdout = new HoldoutSummary(new(2026, 5, 17), new(2026, 11, 15), 26, 15_000, new(0.6, 10, 0.8, 2.5, -1), 9_650, 9_732, 14_704,
            0.778, 1.059, 1.2, 1.9, [new("0", 10, 0.2, 0.25, 0)], [new(1, new(2024, 11, 22), 0, 0, null, null)]);

        var cut = Render<LifetimeHoldoutPanel>(p => p.Add(c => c.Holdout, holdout));

        Assert.Contains("27% lower", cut.Find("[data-testid=holdout-verdict]").TextContent);
        var errors = cut.Find("[data-testid=holdout-errors]").TextContent;
        Assert.Contains("0.778", errors);
        Assert.Contains("1.059", errors);
        Assert.Contains("+52%", errors);
        Assert.Contains("+1%", errors);
    }

    [Fact]
    public void TopCustomersTable_Rows_LinkToThe360View()
    {
        TopCustomer[] rows = [new(42, "王芳", 5, 0.9, 2.5, 310, 880), new(7, null, 1, 0.5, 0.3, 250, 60)];

        var cut = Render<TopCustomersTable>(p => p.Add(c => c.Rows, rows).Add(c => c.HorizonMonths, 12));

        var links = cut.FindAll("[data-testid=top-customers] a");
        Assert.Equal("/customers/42", links[0].GetAttribute("href"));
        Assert.Equal("王芳", links[0].TextContent);
        Assert.Equal("#7", links[1].TextContent);
        Assert.Contains("¥880", cut.Find("[data-testid=top-customers] tbody tr").TextContent);
    }

    [Fact]
    public void Sparkline_Probabilities_MapsOneToTheTopAndZeroToTheBottom()
    {
        var points = CustomerLifetimePanel.Sparkline([1, 0.5, 0]);

        Assert.Equal("2,2 80,18 158,34", points);
    }
}

/// <summary>The 360 panel reads the store through LifetimeService, registered before anything is rendered.</summary>
public sealed class CustomerLifetimePanelTests : BunitContext, IAsyncLifetime
{
    private TestDatabase _db = null!;

    public CustomerLifetimePanelTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(o => o.PopoverOptions.CheckForPopoverProvider = false);
        Services.AddLocalization();
        Services.AddSingleton(Options.Create(new BrandOptions { Name = "Test brand", Currency = "CNY" }));
        Services.AddSingleton<Money>();
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en");
    }

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        Services.AddSingleton(new LifetimeService(_db.Factory, NullLogger<LifetimeService>.Instance));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public void CustomerLifetimePanel_NoRun_ShowsEmptyState()
    {
        var cut = Render<CustomerLifetimePanel>(p => p.Add(c => c.CustomerId, 1L));

        cut.WaitForAssertion(() => Assert.Contains("No lifetime forecast", cut.Find("[data-testid=empty-state]").TextContent));
    }
}
