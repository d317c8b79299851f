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

public class BenchVerbTests
{
    [Fact]
    public async Task Run_BenchWithoutArea_ListsTheAreasAndExitsNonZero()
    {
        var result = await CliRunner.RunAsync(null, "bench");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("choose a benchmark area", result.Error);
        Assert.Contains("seed", result.Error);
        Assert.Contains("import", result.Error);
    }

    [Fact]
    public async Task Run_UnknownOption_IsRejectedWithUsage()
    {
        var result = await CliRunner.RunAsync(null, "bench", "--frobnicate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("usage:", result.Error);
    }
}
