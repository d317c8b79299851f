using System.Text.Json;
using Dashboard.Data.Seed;
using Dashboard.Tests.TestSupport;

namespace Dashboard.Tests.Cli;

public class BudgetCurvesVerbTests
{
    [Fact]
    public async Task BudgetCurves_DemoBrand_FitsEveryChannelAndReportsRecoveryAgainstTheTruth()
    {
        await using var db = await TestDatabase.CreateAsync();
        await new DemoBrandSeeder(db.Factory).SeedAsync(new DemoBrandSettings(500, 42), null, CancellationToken.None);

        var result = await CliRunner.RunAsync(db.Settings, "budget", "curves", "--outcome", "revenue", "--bootstrap", "10", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var channels = json.RootElement.GetProperty("channels").EnumerateArray().ToList();
        Assert.Equal(8, channels.Count);
        Assert.All(channels, c => Assert.Equal("revenue", c.GetProperty("outcome").GetString()));
        Assert.All(channels, c => Assert.Equal(JsonValueKind.Object, c.GetProperty("recovery").ValueKind));
        // The S-shaped channels with many dark weeks are the best identified: their steady-state response within 15%.
        foreach (var code in new[] { "douyin_ads", "kol_live" })
        {
            var recovery = channels.Single(c => c.GetProperty("code").GetString() == code).GetProperty("recovery");
            Assert.InRange(recovery.GetProperty("responseError").GetDouble(), 0, 0.15);
        }
    }

    [Fact]
    public async Task BudgetCurves_EmptyStore_ExitsWithAClearMessage()
    {
        await using var db = await TestDatabase.CreateAsync();

        var result = await CliRunner.RunAsync(db.Settings, "budget", "curves");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No weekly channel spend", result.Error);
    }

    [Fact]
    public async Task BudgetCurves_BadOutcome_IsAUsageError()
    {
        await using var db = await TestDatabase.CreateAsync();

        var result = await CliRunner.RunAsync(db.Settings, "budget", "curves", "--outcome", "profit");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--outcome", result.Error);
    }
}
