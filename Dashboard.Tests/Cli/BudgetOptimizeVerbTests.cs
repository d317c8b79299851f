using System.Text.Json;
using Dashboard.Tests.TestSupport;

namespace Dashboard.Tests.Cli;

public sealed class BudgetOptimizeVerbTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("budget-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string json)
    {
        var path = Path.Combine(_directory, $"{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    private const string Valid = """
        {"total": 1000, "channels": [
          {"name": "tmall", "beta": 3000, "k": 400, "shape": 1.0, "lower": 0, "upper": 800},
          {"name": "kol-live", "beta": 5000, "k": 600, "shape": 3.0, "lower": 0, "upper": 900},
          {"name": "sms", "beta": 200, "k": 300, "shape": 0.8, "lower": 50, "upper": 200}
        ]}
        """;

    [Fact]
    public async Task Run_ValidInput_PrintsAllocationResponseAndMarginals()
    {
        var path = Write(Valid);

        var result = await CliRunner.RunAsync(null, "budget", "optimize", "--input", path, "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var allocation = json.RootElement.GetProperty("allocation");
        var spends = allocation.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        Assert.Equal(["tmall", "kol-live", "sms"], spends.Keys);
        Assert.Equal(1000, spends.Values.Sum(), 6);
        Assert.True(spends["sms"] >= 50);
        var expected = 3000 * spends["tmall"] / (spends["tmall"] + 400)
            + 5000 * Math.Pow(spends["kol-live"], 3) / (Math.Pow(spends["kol-live"], 3) + Math.Pow(600, 3))
            + 200 * Math.Pow(spends["sms"], 0.8) / (Math.Pow(spends["sms"], 0.8) + Math.Pow(300, 0.8));
        Assert.Equal(expected, json.RootElement.GetProperty("response").GetDouble(), 6);
        Assert.Equal(3, json.RootElement.GetProperty("marginal").EnumerateObject().Count());
    }

    [Fact]
    public async Task Run_ValidInputWithoutJson_PrintsATable()
    {
        var path = Write(Valid);

        var result = await CliRunner.RunAsync(null, "budget", "optimize", "--input", path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("kol-live", result.Output);
        Assert.Contains("total spend 1,000.00", result.Output);
    }

    [Theory]
    [InlineData("{\"total\": 100,\n \"channels\": [ {\"name\": \"a\" \"beta\": 1} ]}", "invalid JSON at line 2, column")]
    [InlineData("{\"channels\": []}", "$ is missing \"total\"")]
    [InlineData("{\"total\": 100, \"channels\": [{\"name\": \"a\", \"beta\": 1, \"shape\": 1, \"lower\": 0, \"upper\": 100}]}", "channels[0] ('a') is missing \"k\"")]
    [InlineData("{\"total\": 100, \"channels\": [{\"name\": \"a\", \"beta\": 1, \"k\": -5, \"shape\": 1, \"lower\": 0, \"upper\": 100}]}", "channel 'a': k must be a finite number > 0 (got -5)")]
    [InlineData("{\"total\": 100, \"channels\": [{\"name\": \"a\", \"beta\": 1, \"k\": 5, \"shape\": 1, \"lower\": 90, \"upper\": 80}]}", "channel 'a': lower bound 90 is above upper bound 80")]
    [InlineData("{\"total\": 100, \"channels\": [{\"name\": \"a\", \"beta\": 1, \"k\": 5, \"shape\": 1, \"lower\": 0, \"upper\": 80}, {\"name\": \"a\", \"beta\": 1, \"k\": 5, \"shape\": 1, \"lower\": 0, \"upper\": 80}]}", "channel name 'a' appears 2 times")]
    [InlineData("{\"total\": 100, \"channels\": [{\"name\": \"a\", \"beta\": 1, \"k\": 5, \"shape\": 1, \"lower\": 0, \"upper\": 30}]}", "upper bounds add up to 30, below the total 100")]
    [InlineData("{\"total\": \"lots\", \"channels\": []}", "$.total must be a number (got \"lots\")")]
    public async Task Run_MalformedOrInfeasibleInput_ExitsNonZeroWithAClearMessage(string json, string expected)
    {
        var path = Write(json);

        var result = await CliRunner.RunAsync(null, "budget", "optimize", "--input", path, "--json");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, result.Error);
        Assert.Contains(path, result.Error);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task Run_MissingInputOption_UsageError()
    {
        var result = await CliRunner.RunAsync(null, "budget", "optimize", "--json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--input is required", result.Error);
    }

    [Fact]
    public async Task Run_MissingFile_ExitsNonZero()
    {
        var result = await CliRunner.RunAsync(null, "budget", "optimize", "--input", Path.Combine(_directory, "nope.json"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("file not found", result.Error);
    }
}
