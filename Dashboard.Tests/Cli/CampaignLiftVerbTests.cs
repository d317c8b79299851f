using System.Text.Json;
using Dashboard.Data.Entities;
using Dashboard.Tests.Features.Campaigns;
using Dashboard.Tests.TestSupport;
using static Dashboard.Tests.Features.Campaigns.CampaignStore;

namespace Dashboard.Tests.Cli;

public class CampaignLiftVerbTests
{
    [Fact]
    public async Task CampaignLift_StoredCampaignWithTruth_PrintsMeasuredBesideTrueLift()
    {
        await using var db = await TestDatabase.CreateAsync();
        var store = new CampaignStore(db);
        var campaign = store.Campaign(1, Day(3, 1), Day(3, 11));
        var treated = store.Customers(10);
        var control = store.Customers(10);
        store.Assign(campaign, treated, "sms");
        store.Assign(campaign, control, "control", control: true);
        foreach (var customer in treated.Take(4).Append(control[0]))
        {
            store.Order(customer, Day(3, 3), 100);
        }
        await store.SaveAsync();
        await using (var context = await db.Factory.CreateDbContextAsync())
        {
            context.DemoTruths.Add(new DemoTruth { Key = "campaigns", Json = """{"campaigns":[{"campaignId":1,"trueLift":0.25,"arms":[{"arm":"sms","trueLift":0.25}]}]}""" });
            await context.SaveChangesAsync();
        }

        var result = await CliRunner.RunAsync(db.Settings, "campaign", "lift", "--attr", "0", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var c = json.RootElement.GetProperty("campaigns")[0];
        Assert.Equal("SMS-TEST", c.GetProperty("code").GetString());
        var arm = c.GetProperty("arms")[0];
        Assert.Equal(0.3, arm.GetProperty("lift").GetDouble(), 12);
        Assert.Equal(0.25, arm.GetProperty("trueLift").GetDouble(), 12);
        Assert.Equal(0.25, c.GetProperty("trueLift").GetDouble(), 12);
    }

    [Fact]
    public async Task CampaignLift_UnknownId_ExitsWithUsage()
    {
        await using var db = await TestDatabase.CreateAsync();

        var result = await CliRunner.RunAsync(db.Settings, "campaign", "lift", "--id", "9");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no campaign with id 9", result.Error);
    }
}
