using Bunit;
using Dashboard.Features.Customers;
using Dashboard.Tests.TestSupport;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Tests.Features.Customers;

public class IdentityPanelTests : DashboardComponentTest
{
    private static readonly DateTime Seen = new(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly IdentityRow[] Rows =
    [
        new(1, "tmall", "Tmall", "tb****78", "138****8000", null, null, Seen, null, null, null, null),
        new(2, "jd", "JD", "jd****01", "138****8000", "j***@example.com", null, Seen, 1, "Tmall tb****78", "phone", "138****8000"),
        new(3, "app", "App", "U1****42", null, "j***@example.com", "M2****97", Seen, 2, "JD jd****01", "email", "j***@example.com"),
    ];

    [Fact]
    public void Render_MergedProfile_ShowsEachIdentityMaskedWithTheIdentifierThatLinkedIt()
    {
        var panel = Render<IdentityPanel>(p => p.Add(x => x.Identities, Rows));

        var rows = panel.FindAll("[data-testid=identity-row]");
        Assert.Equal(3, rows.Count);
        Assert.Contains("Oldest identity of the profile", rows[0].TextContent);
        Assert.Contains("Phone 138****8000 → Tmall tb****78", rows[1].TextContent);
        Assert.Contains("E-mail j***@example.com → JD jd****01", rows[2].TextContent);
        Assert.DoesNotContain("13800138000", panel.Markup);
    }

    [Fact]
    public void Render_WithoutTheRightToReveal_HasNoRevealButtonAndStaysMasked()
    {
        var panel = Render<IdentityPanel>(p => p.Add(x => x.Identities, Rows));

        Assert.Empty(panel.FindAll("[data-testid=reveal]"));
        Assert.Equal(["138****8000", "138****8000", "—"], panel.FindAll("[data-testid=identity-phone]").Select(c => c.TextContent));
    }

    [Fact]
    public void Reveal_ClickedThenRevealed_ShowsThePhonesAndEmailsInClear()
    {
        var asked = false;
        var panel = Render<IdentityPanel>(p => p.Add(x => x.Identities, Rows)
            .Add(x => x.OnReveal, EventCallback.Factory.Create(this, () => asked = true)));

        panel.Find("[data-testid=reveal]").Click();
        panel.Render(p => p.Add(x => x.Revealed, new Dictionary<long, RevealedIdentifiers>
        {
            [1] = new("13800138000", null), [2] = new("138 0013 8000", "jane@example.com"), [3] = new(null, "jane@example.com"),
        }));

        Assert.True(asked);
        Assert.Empty(panel.FindAll("[data-testid=reveal]"));
        Assert.Equal(["13800138000", "138 0013 8000", "—"], panel.FindAll("[data-testid=identity-phone]").Select(c => c.TextContent));
        Assert.Equal("jane@example.com", panel.FindAll("[data-testid=identity-email]")[2].TextContent);
    }

    [Fact]
    public void Split_SelectConfirmWithReason_CallsBackWithTheIdentitiesAndReason()
    {
        SplitRequest? requested = null;
        var panel = Render<IdentityPanel>(p => p.Add(x => x.Identities, Rows)
            .Add(x => x.OnSplit, EventCallback.Factory.Create<SplitRequest>(this, r => requested = r)));

        panel.Find("[data-testid=select-3]").Change(true);
        panel.Find("[data-testid=split]").Click();
        panel.Find("input[data-testid=split-reason]").Change("a colleague's e-mail");
        panel.Find("[data-testid=split-confirm-button]").Click();

        Assert.NotNull(requested);
        Assert.Equal([3L], requested.IdentityIds);
        Assert.Equal("a colleague's e-mail", requested.Reason);
        Assert.Empty(panel.FindAll("[data-testid=split-confirm]"));
    }

    [Fact]
    public void Split_Cancelled_DoesNotCallBack()
    {
        var called = false;
        var panel = Render<IdentityPanel>(p => p.Add(x => x.Identities, Rows)
            .Add(x => x.OnSplit, EventCallback.Factory.Create<SplitRequest>(this, _ => called = true)));

        panel.Find("[data-testid=select-2]").Change(true);
        panel.Find("[data-testid=split]").Click();
        panel.Find("[data-testid=split-cancel]").Click();

        Assert.False(called);
        Assert.NotNull(panel.Find("[data-testid=split]"));
    }

    [Fact]
    public void Split_NothingOrEverythingSelected_IsDisabled()
    {
        var panel = Render<IdentityPanel>(p => p.Add(x => x.Identities, Rows)
            .Add(x => x.OnSplit, EventCallback.Factory.Create<SplitRequest>(this, _ => { })));

        Assert.True(panel.Find("[data-testid=split]").HasAttribute("disabled"));
        foreach (var id in new[] { 1, 2, 3 })
        {
            panel.Find($"[data-testid=select-{id}]").Change(true);
        }

        Assert.True(panel.Find("[data-testid=split]").HasAttribute("disabled"));
    }

    [Fact]
    public void Render_SingleIdentity_OffersNoSplit()
    {
        var panel = Render<IdentityPanel>(p => p.Add(x => x.Identities, Rows[..1])
            .Add(x => x.OnSplit, EventCallback.Factory.Create<SplitRequest>(this, _ => { })));

        Assert.Empty(panel.FindAll("[data-testid=split]"));
    }
}
