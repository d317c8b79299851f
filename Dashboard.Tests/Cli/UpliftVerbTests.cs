using System.Text.Json;
using Dashboard.Tests.TestSupport;

namespace Dashboard.Tests.Cli;

public class UpliftVerbTests
{
    [Fact]
    public async Task Uplift_HillstromMensVisit_HeldOutQiniAndPersuadables()
    {
        var file = SharedData.PathOf("hillstrom", "hillstrom.csv");

        var result = await CliRunner.RunAsync(null, "uplift", "--file", file, "--arm-column", "segment", "--treatment", "Mens E-Mail",
            "--control", "No E-Mail", "--outcome", "visit", "--features", "recency,history,mens,womens,zip_code,newbie,channel",
            "--top", "50", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        var train = root.GetProperty("train").GetInt32();
        var test = root.GetProperty("test").GetInt32();
        Assert.Equal(42_613, train + test);
        Assert.InRange(train, 20_000, 22_600);
        var qini = root.GetProperty("qini");
        // Q(N) = Nt·(ȳt − ȳc) on the held-out half: about 10,600 treated × 7.7 points ≈ 800 extra visits.
        Assert.InRange(qini.GetProperty("totalGain").GetDouble(), 650, 950);
        Assert.Equal(qini.GetProperty("totalGain").GetDouble() / 2, qini.GetProperty("randomAuuc").GetDouble(), 1e-9);
        Assert.Equal(101, qini.GetProperty("points").GetArrayLength());
        var persuadables = root.GetProperty("persuadables").EnumerateArray().ToList();
        Assert.Equal(50, persuadables.Count);
        Assert.StartsWith("line-", persuadables[0].GetProperty("id").GetString());
        Assert.True(persuadables[0].GetProperty("uplift").GetDouble() >= persuadables[^1].GetProperty("uplift").GetDouble());
        Assert.Contains("zip_code=Urban", root.GetProperty("features").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public async Task Uplift_UnknownTreatmentArm_ExitsOne()
    {
        var file = SharedData.PathOf("hillstrom", "hillstrom.csv");

        var result = await CliRunner.RunAsync(null, "uplift", "--file", file, "--arm-column", "segment", "--treatment", "SMS",
            "--control", "No E-Mail", "--outcome", "visit", "--features", "recency");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("arm 'SMS' not found", result.Error);
    }
}
