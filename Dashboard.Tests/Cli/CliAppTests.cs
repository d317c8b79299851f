using Dashboard.Tests.TestSupport;

namespace Dashboard.Tests.Cli;

public class CliAppTests
{
    [Fact]
    public async Task Run_UnknownVerb_PrintsUsageAndExitsNonZero()
    {
        var result = await CliRunner.RunAsync(null, "frobnicate", "--json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown verb 'frobnicate'", result.Error);
        Assert.Contains("usage:", result.Error);
    }
}
