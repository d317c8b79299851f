using System.Text.Json;
using Dashboard.Data.Seed;
using Dashboard.Tests.TestSupport;

namespace Dashboard.Tests.Cli;

public class BenchIdentityDemoTests
{
    [Fact]
    public async Task BenchIdentity_Demo_ScoresTheDemoBrandsIdentitiesAgainstTheTruth()
    {
        var result = await CliRunner.RunAsync(null, "bench", "identity", "--demo", "--customers", "2000", "--seed", "5", "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal(2400, root.GetProperty("persons").GetInt32());
        Assert.True(root.GetProperty("precision").GetDouble() >= 0.97);
        Assert.InRange(root.GetProperty("recall").GetDouble(), 0.93, 0.999);
        Assert.True(root.GetProperty("unlinkableIdentities").GetInt64() > 0);
    }

    [Fact]
    public async Task BenchIdentity_Store_ScoresTheSeededStoresCustomers()
    {
        await using var db = await TestDatabase.CreateAsync();
        await new DemoBrandSeeder(db.Factory).SeedAsync(new DemoBrandSettings(500, 3), null, CancellationToken.None);

        var result = await CliRunner.RunAsync(db.Settings, "bench", "identity", "--store", "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(600, json.RootElement.GetProperty("persons").GetInt32());
        Assert.True(json.RootElement.GetProperty("recall").GetDouble() > 0.9);
    }

    [Fact]
    public async Task BenchIdentity_StoreWithoutTruth_ExitsWithAMessage()
    {
        await using var db = await TestDatabase.CreateAsync();

        var result = await CliRunner.RunAsync(db.Settings, "bench", "identity", "--store");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("seed-demo", result.Error);
    }
}
