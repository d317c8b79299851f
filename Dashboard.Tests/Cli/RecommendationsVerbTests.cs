using Dashboard.Tests.TestSupport;

namespace Dashboard.Tests.Cli;

public class RecommendationsVerbTests
{
    [Fact]
    public async Task Run_SettingsNotJson_PrintsUsageAndExitsTwo()
    {
        var result = await CliRunner.RunAsync(new Dictionary<string, string?> { ["ConnectionStrings:Dashboard"] = "Data Source=:memory:" },
            "recommendations", "--settings", "{coldMaxBuyers:");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--settings is not valid run settings JSON", result.Error);
        Assert.Contains("usage: recommendations [--settings JSON] [--json]", result.Error);
    }
}
