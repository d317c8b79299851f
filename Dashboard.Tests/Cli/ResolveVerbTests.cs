using System.Text.Json;
using Dashboard.Tests.TestSupport;

namespace Dashboard.Tests.Cli;

public sealed class ResolveVerbTests : IDisposable
{
    private const string Header = "source,source_id,phone,email,member_no";
    private readonly string _folder = Directory.CreateTempSubdirectory("resolve-verb-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Resolve_SmallFile_PrintsClustersAndBlockedIdentifiers()
    {
        var file = Write("customers.csv",
            Header,
            "tmall,t1,+86 138-0013-8000,,",
            "jd,j1,13800138000,Jane@QQ.com,",
            "app,a1,,jane@qq.com ,m001",
            "offline,o1,13800000000,,",
            "offline,o2,138 0000 0000,,",
            "offline,o3,\"13800000000\",,",
            "web,w1,,,M001",
            "douyin,d1,,,");

        var result = await CliRunner.RunAsync(null, "resolve", "--file", file, "--json", "--max-fanout", "2");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal(5, root.GetProperty("profiles").GetInt32());
        var clusters = root.GetProperty("clusters").EnumerateArray()
            .Select(c => c.EnumerateArray().Select(e => e.GetString()!).ToList()).ToList();
        Assert.Equal(
            [["tmall:t1", "jd:j1", "app:a1", "web:w1"], ["offline:o1"], ["offline:o2"], ["offline:o3"], ["douyin:d1"]],
            clusters);
        var blocked = Assert.Single(root.GetProperty("blockedIdentifiers").EnumerateArray());
        Assert.Equal("phone", blocked.GetProperty("kind").GetString());
        Assert.Equal("13800000000", blocked.GetProperty("value").GetString());
        Assert.Equal(3, blocked.GetProperty("records").GetInt32());
    }

    [Fact]
    public async Task Resolve_DefaultCap_MergesSmallSharedGroup()
    {
        var file = Write("small.csv", Header, "a,1,13800000000,,", "b,2,13800000000,,", "c,3,13800000000,,");

        var result = await CliRunner.RunAsync(null, "resolve", "--file", file, "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(1, json.RootElement.GetProperty("profiles").GetInt32());
        Assert.Equal(0, json.RootElement.GetProperty("blockedIdentifiers").GetArrayLength());
    }

    [Fact]
    public async Task Resolve_GeneratedFile_EveryRecordInExactlyOneCluster()
    {
        var lines = Enumerable.Range(1, 500)
            .Select(i => $"src{i % 4},{i},1380013{i % 97:D4},user{i % 131}@qq.com,{(i % 5 == 0 ? "m" + (i % 53) : "")}");
        var file = Write("generated.csv", [Header, .. lines]);

        var result = await CliRunner.RunAsync(null, "resolve", "--file", file, "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var keys = json.RootElement.GetProperty("clusters").EnumerateArray()
            .SelectMany(c => c.EnumerateArray().Select(e => e.GetString())).ToList();
        Assert.Equal(500, keys.Count);
        Assert.Equal(Enumerable.Range(1, 500).Select(i => $"src{i % 4}:{i}").Order(), keys.Order());
        Assert.Equal(json.RootElement.GetProperty("clusters").GetArrayLength(), json.RootElement.GetProperty("profiles").GetInt32());
    }

    [Fact]
    public async Task Resolve_WithoutJson_PrintsSummary()
    {
        var file = Write("summary.csv", Header, "a,1,13800138000,,", "b,2,13800138000,,", "c,3,n/a,,");

        var result = await CliRunner.RunAsync(null, "resolve", "--file", file);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("3 records -> 2 profiles", result.Output);
        Assert.Contains("not plausible identifiers (ignored): 1", result.Output);
    }

    [Theory]
    [InlineData("source,source_id,phone,email", "line 1: expected the header 'source,source_id,phone,email,member_no'")]
    [InlineData("source,id,phone,email,member_no", "found 'source,id,phone,email,member_no'")]
    public async Task Resolve_WrongHeader_ExitsOneNamingLineOne(string header, string expected)
    {
        var file = Write("header.csv", header, "a,1,13800138000,,");

        var result = await CliRunner.RunAsync(null, "resolve", "--file", file, "--json");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, result.Error);
        Assert.Equal("", result.Output);
    }

    [Theory]
    [InlineData("a,1,13800138000,", "header.csv: line 3: expected 5 fields (source,source_id,phone,email,member_no), found 4")]
    [InlineData("a,1,13800138000,,,", "header.csv: line 3: expected 5 fields (source,source_id,phone,email,member_no), found 6")]
    [InlineData(",1,13800138000,,", "header.csv: line 3, column source: missing value")]
    [InlineData("a, ,13800138000,,", "header.csv: line 3, column source_id: missing value")]
    [InlineData("x,9,13800138000,,", "header.csv: line 3: duplicate record 'x:9' (first on line 2)")]
    [InlineData("y,\"a,,,", "header.csv: line 3: malformed CSV")]
    public async Task Resolve_MalformedRow_ExitsOneNamingLineAndProblem(string row, string expected)
    {
        var file = Write("header.csv", Header, "x,9,,,", row);

        var result = await CliRunner.RunAsync(null, "resolve", "--file", file, "--json");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public async Task Resolve_SeveralBadRows_ReportsEach()
    {
        var file = Write("many.csv", Header, "a,1,,,", ",2,,,", "a,1,,,", "b,3");

        var result = await CliRunner.RunAsync(null, "resolve", "--file", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("many.csv: 3 problem(s)", result.Error);
        Assert.Contains("line 3, column source", result.Error);
        Assert.Contains("line 4: duplicate record 'a:1' (first on line 2)", result.Error);
        Assert.Contains("line 5: expected 5 fields", result.Error);
    }

    [Fact]
    public async Task Resolve_EmptyFile_ExitsOne()
    {
        var file = Write("empty.csv");

        var result = await CliRunner.RunAsync(null, "resolve", "--file", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("the file is empty", result.Error);
    }

    [Fact]
    public async Task Resolve_MissingFile_ExitsOne()
    {
        var result = await CliRunner.RunAsync(null, "resolve", "--file", Path.Combine(_folder, "nope.csv"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("nope.csv: file not found", result.Error);
    }

    [Theory]
    [InlineData("--max-fanout", "0")]
    [InlineData("--max-fanout", "many")]
    public async Task Resolve_BadCap_ExitsTwoWithUsage(string option, string value)
    {
        var file = Write("ok.csv", Header, "a,1,,,");

        var result = await CliRunner.RunAsync(null, "resolve", "--file", file, option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--max-fanout must be a whole number", result.Error);
        Assert.Contains("usage: resolve --file", result.Error);
    }

    [Fact]
    public async Task Resolve_NoFileOption_ExitsTwo()
    {
        var result = await CliRunner.RunAsync(null, "resolve", "--json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--file is required", result.Error);
    }

    [Fact]
    public async Task BenchIdentity_SmallRun_PrintsScoresAndIncrementalCheck()
    {
        var result = await CliRunner.RunAsync(null, "bench", "identity", "--records", "5000", "--seed", "3", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal(5000, root.GetProperty("records").GetInt32());
        Assert.InRange(root.GetProperty("precision").GetDouble(), 0.9, 1.0);
        Assert.InRange(root.GetProperty("recall").GetDouble(), 0.7, root.GetProperty("attainableRecall").GetDouble());
        Assert.True(root.GetProperty("seconds").GetDouble() >= 0);
        Assert.True(root.GetProperty("incremental").GetProperty("matchesBatch").GetBoolean());
    }

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, lines.Length == 0 ? "" : string.Join('\n', lines) + "\n");
        return path;
    }
}
