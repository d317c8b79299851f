using System.Text.Json;
using Dashboard.Tests.TestSupport;

namespace Dashboard.Tests.Cli;

public class BudgetFitVerbTests
{
    [Fact]
    public async Task Run_RobynDemoWithControls_FitsFiveChannelsWithUsefulRSquared()
    {
        var csv = SharedData.PathOf("mmm", "robyn", "dt_simulated_weekly.csv");

        var result = await CliRunner.RunAsync(null, "budget", "fit", "--csv", csv, "--date", "DATE", "--outcome", "revenue",
            "--spend", "tv_S,ooh_S,print_S,facebook_S,search_S", "--control", "competitor_sales_B,newsletter", "--season",
            "--bootstrap", "10", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(208, json.RootElement.GetProperty("weeks").GetInt32());
        Assert.True(json.RootElement.GetProperty("rSquared").GetDouble() > 0.8);
        var channels = json.RootElement.GetProperty("channels").EnumerateArray().ToList();
        Assert.Equal(5, channels.Count);
        Assert.All(channels, c => Assert.True(c.GetProperty("beta").GetProperty("estimate").GetDouble() >= 0));
    }

    [Fact]
    public async Task Run_UnknownColumn_ExitsNonZeroNamingIt()
    {
        var csv = SharedData.PathOf("mmm", "robyn", "dt_simulated_weekly.csv");

        var result = await CliRunner.RunAsync(null, "budget", "fit", "--csv", csv, "--date", "DATE", "--outcome", "revenue", "--spend", "tiktok_S");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no column 'tiktok_S'", result.Error);
    }
}
