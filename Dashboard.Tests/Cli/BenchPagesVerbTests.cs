using System.Text.Json;
using Dashboard.Data.Seed;
using Dashboard.Tests.TestSupport;

namespace Dashboard.Tests.Cli;

public class BenchPagesVerbTests
{
    private static async Task<Dictionary<string, JsonElement>> PagesAsync(TestDatabase db, params string[] extra)
    {
        var result = await CliRunner.RunAsync(db.Settings, ["bench", "pages", "--runs", "2", "--json", .. extra]);
        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        return json.RootElement.GetProperty("pages").EnumerateArray().ToDictionary(p => p.GetProperty("page").GetString()!, p => p.Clone());
    }

    private static (int Computed, int Loaded) Views(JsonElement page) =>
        (page.GetProperty("firstViewsComputed").GetInt32(), page.GetProperty("firstViewsLoaded").GetInt32());

    [Fact]
    public async Task BenchPages_ASecondStart_ReadsTheViewsTheFirstComputed_AndRecomputeComputesThemAgain()
    {
        await using var db = await TestDatabase.CreateAsync();
        await new DemoBrandSeeder(db.Factory).SeedAsync(new DemoBrandSettings(300, 3), null, CancellationToken.None);

        var first = await PagesAsync(db);
        var second = await PagesAsync(db);
        var recomputed = await PagesAsync(db, "--recompute");

        Assert.Contains("customers", first.Keys);
        Assert.All(first.Values, p => Assert.True(p.GetProperty("p95Ms").GetDouble() > 0));
        foreach (var page in new[] { "overview", "segments", "campaigns", "data" })
        {
            Assert.Equal((1, 0), Views(first[page]));
            Assert.Equal((0, 1), Views(second[page]));
            Assert.Equal((1, 0), Views(recomputed[page]));
        }
        Assert.Equal((0, 0), Views(second["customers"]));
    }
}
