using Dashboard.Data;
using Dashboard.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.E2E;

[Trait("Category", "E2E")]
[Collection(BrowserCollection.Name)]
public class CustomerJourneyTests(BrowserFixture fx)
{
    [Fact]
    public async Task Customers_SearchAPhoneAndOpenTheMergedCustomer_ShowsIdentitiesFromSeveralSourcesAndTheCrossChannelTimeline()
    {
        var (customerId, phone) = await MergedCustomerWithPhoneAsync();
        var (context, page, problems) = await fx.OpenAsync();
        await using var _ = context;
        await page.GotoAsync("/customers");
        await Expect(page.GetByTestId("customer-link").First).ToBeVisibleAsync();

        // Typed the way a person reads it out, not as stored.
        var typed = $"+86 {phone[..3]} {phone[3..7]} {phone[7..]}";
        await page.Locator("#customer-search").FillAsync(typed);
        await page.Locator("#customer-search").PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/customers\?q="));
        await Expect(page.GetByTestId("match").First).ToContainTextAsync($"{phone[..3]}****{phone[^4..]}");
        await page.GetByTestId("customer-link").Filter(new() { HasText = customerId.ToString(System.Globalization.CultureInfo.InvariantCulture) }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/customers/{customerId}"));
        await Expect(page.GetByTestId("identity-row").First).ToBeVisibleAsync();
        var sources = await page.GetByTestId("identity-source").AllInnerTextsAsync();
        Assert.True(sources.Distinct().Count() >= 2, $"identities from {string.Join(", ", sources)}");
        await Expect(page.GetByTestId("linked-by").Filter(new() { HasText = "****" }).First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("timeline-entry").First).ToBeVisibleAsync();
        var channels = await page.GetByTestId("timeline-channel").AllInnerTextsAsync();
        Assert.True(channels.Distinct().Count() >= 2, $"timeline channels {string.Join(", ", channels.Distinct())}");
        await Expect(page.Locator("#customer-channels .main-svg").First).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(500);
        await BrowserFixture.ScreenshotAsync(page, "customer");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Data_BlockedIdentifiers_AreListedMaskedForReview()
    {
        var (context, page, problems) = await fx.OpenAsync();
        await using var _ = context;

        await page.GotoAsync("/data");

        // The small test brand's junk member number "0000" is on more identities than the cap; shown masked.
        await Expect(page.GetByTestId("blocked-row").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("blocked-row").First).ToContainTextAsync("****");
        await Expect(page.GetByTestId("blocked-identifiers")).Not.ToContainTextAsync("0000 ");
        await BrowserFixture.ScreenshotAsync(page, "data-blocked-identifiers");
        Assert.Empty(problems);
    }

    // A customer of the seeded brand with three or more identities whose newest timeline page spans two or more
    // channels, and a phone that only this customer carries.
    private async Task<(long Id, string Phone)> MergedCustomerWithPhoneAsync()
    {
        var factory = fx.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var candidates = await db.Customers.Where(c => c.IdentityCount >= 3 && c.OrderCount >= 2).OrderByDescending(c => c.OrderCount)
            .Select(c => c.Id).Take(60).ToListAsync();
        foreach (var id in candidates)
        {
            var recent = (await db.Orders.Where(o => o.CustomerId == id).Select(o => new { At = o.PlacedAtUtc, o.SourceId }).ToListAsync())
                .Concat(await db.Touchpoints.Where(t => t.CustomerId == id).Select(t => new { At = t.OccurredAtUtc, t.SourceId }).ToListAsync())
                .OrderByDescending(x => x.At).Take(20).Select(x => x.SourceId).Distinct().Count();
            var phones = await db.IdentityKeys.Where(k => k.Kind == 1)
                .Join(db.SourceIdentities, k => k.SourceIdentityId, i => i.Id, (k, i) => new { k.Value, i.CustomerId })
                .Where(x => x.CustomerId == id).Select(x => x.Value).Distinct().ToListAsync();
            foreach (var phone in phones.Where(p => p.Length == 11))
            {
                var owners = await db.IdentityKeys.Where(k => k.Kind == 1 && k.Value == phone)
                    .Join(db.SourceIdentities, k => k.SourceIdentityId, i => i.Id, (k, i) => i.CustomerId).Distinct().CountAsync();
                if (recent >= 2 && owners == 1)
                {
                    return (id, phone);
                }
            }
        }
        throw new InvalidOperationException("the seeded brand has no merged customer with a cross-channel timeline and an own phone");
    }
}
