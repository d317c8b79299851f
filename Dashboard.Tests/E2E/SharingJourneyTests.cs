using System.Text.RegularExpressions;
using Dashboard.Data;
using Dashboard.Security;
using Dashboard.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.E2E;

[Trait("Category", "E2E")]
[Collection(BrowserCollection.Name)]
public partial class SharingJourneyTests(BrowserFixture fx)
{
    [Fact]
    public async Task Share_BrandManagerSharesASegmentView_ViewerOpensTheLinkWithTheSameSegmentFiltersAndMaskedIdentifiers()
    {
        var (period, phone) = await PhoneInValueTierAsync("5-20");
        var (managerContext, manager, managerProblems) = await fx.OpenAsync(role: Roles.BrandManager);
        await using var _ = managerContext;
        await manager.GotoAsync($"/customers?tier=5-20&period={period}&q={phone}");
        await Expect(manager.GetByTestId("match").First).ToContainTextAsync($"{phone[..3]}****{phone[^4..]}");
        var shared = manager.Url;

        await manager.GetByTestId("share").ClickAsync();
        await manager.Locator("#share-name").FillAsync("Top 5-20% with one phone");
        await manager.GetByTestId("share-save").ClickAsync();
        await Expect(manager.GetByTestId("share-link")).ToContainTextAsync("/v/");
        var link = await manager.GetByTestId("share-link").InnerTextAsync();
        var (viewerContext, viewer, viewerProblems) = await fx.OpenAsync(role: Roles.Viewer);
        await using var __ = viewerContext;
        await viewer.GotoAsync(link);

        await Expect(viewer).ToHaveURLAsync(shared);
        Assert.Contains("tier=5-20", viewer.Url, StringComparison.Ordinal);
        Assert.Contains($"period={period}", viewer.Url, StringComparison.Ordinal);
        await Expect(viewer.GetByTestId("match").First).ToContainTextAsync($"{phone[..3]}****{phone[^4..]}");
        Assert.DoesNotContain(phone, await viewer.Locator("body").InnerTextAsync());
        Assert.Empty(managerProblems);
        Assert.Empty(viewerProblems);
    }

    [Fact]
    public async Task Share_BrandManagerSavesAFilteredCustomerView_ViewerOpensTheLinkWithTheSameFiltersAndMaskedIdentifiers()
    {
        var phone = await PhoneOfOneCustomerAsync();
        var (managerContext, manager, managerProblems) = await fx.OpenAsync(role: Roles.BrandManager);
        await using var _ = managerContext;
        var filters = $"/customers?q={phone}&sort=revenue&desc=1";
        await manager.GotoAsync(filters);
        await Expect(manager.GetByTestId("match").First).ToContainTextAsync($"{phone[..3]}****{phone[^4..]}");

        await manager.GetByTestId("share").ClickAsync();
        await manager.Locator("#share-name").FillAsync("One phone, by revenue");
        await manager.GetByTestId("share-save").ClickAsync();
        await Expect(manager.GetByTestId("share-link")).ToContainTextAsync("/v/");
        var link = await manager.GetByTestId("share-link").InnerTextAsync();

        var (viewerContext, viewer, viewerProblems) = await fx.OpenAsync(role: Roles.Viewer);
        await using var __ = viewerContext;
        await viewer.GotoAsync(link);

        await Expect(viewer).ToHaveURLAsync(new Regex(Regex.Escape(filters) + "$"));
        await Expect(viewer.Locator("#customer-search")).ToHaveValueAsync(phone);
        await Expect(viewer.GetByTestId("match").First).ToContainTextAsync($"{phone[..3]}****{phone[^4..]}");
        Assert.DoesNotContain(phone, await viewer.Locator("body").InnerTextAsync());
        // A Viewer's menu has no audiences or data; the saved view is listed for the team.
        await Expect(viewer.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Audiences" })).ToHaveCountAsync(0);
        await viewer.GotoAsync("/views");
        await Expect(viewer.GetByTestId("saved-view").Filter(new() { HasText = "One phone, by revenue" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(viewer, "shared-view-viewer");
        Assert.Empty(managerProblems);
        Assert.Empty(viewerProblems);
    }

    [Fact]
    public async Task Budget_ViewerOpensTheBudget_SeesItReadOnly()
    {
        var (context, page, problems) = await fx.OpenAsync(role: Roles.Viewer);
        await using var _ = context;

        await page.GotoAsync("/budget");

        await Expect(page.GetByTestId("budget-read-only")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("model-run-start")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("budget-scenario-save")).ToHaveCountAsync(0);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Customers_ViewerOpensACustomersDetails_IsRefused()
    {
        var (context, page, _) = await fx.OpenAsync(role: Roles.Viewer);
        await using var __ = context;

        await page.GotoAsync("/customers/1");

        await Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
    }

    // A phone (normalized, 11 digits) that only one customer of the seeded brand carries.
    /// <summary>A phone of a customer in a value tier of the latest segments period (the app segments at start-up).</summary>
    private async Task<(string Period, string Phone)> PhoneInValueTierAsync(string tier)
    {
        var factory = fx.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (true)
        {
            await using var db = await factory.CreateDbContextAsync();
            if (await db.CustomerSegmentSnapshots.MaxAsync(s => (DateOnly?)s.PeriodEnd) is { } period)
            {
                var phone = await (from s in db.CustomerSegmentSnapshots
                                   where s.PeriodEnd == period && s.Tier == tier
                                   join si in db.SourceIdentities on s.CustomerId equals si.CustomerId
                                   join k in db.IdentityKeys on si.Id equals k.SourceIdentityId
                                   where k.Kind == 1 && k.Value.Length == 11
                                   orderby s.CustomerId
                                   select k.Value).FirstOrDefaultAsync();
                if (phone is not null)
                {
                    return (period.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), phone);
                }
            }
            Assert.True(DateTime.UtcNow < deadline, "no segments snapshot with a phone in tier " + tier);
            await Task.Delay(1_000);
        }
    }

    private async Task<string> PhoneOfOneCustomerAsync()
    {
        var factory = fx.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var phones = await db.IdentityKeys.Where(k => k.Kind == 1).GroupBy(k => k.Value)
            .Where(g => g.Count() == 1).Select(g => g.Key).Take(50).ToListAsync();
        return phones.First(p => p.Length == 11);
    }
}
