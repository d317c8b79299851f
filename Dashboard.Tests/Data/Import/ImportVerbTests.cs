using System.Text.Json;
using Dashboard.Tests.TestSupport;
using static Dashboard.Tests.Data.Import.ImportTestKit;

namespace Dashboard.Tests.Data.Import;

public sealed class ImportVerbTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("import-verb-").FullName;
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Import_GoodFileAsJson_PrintsTheReportAndExitsZero()
    {
        var file = Write("customers.csv", ThreeCustomers);

        var result = await CliRunner.RunAsync(_database.Settings, "import", "--kind", "customers", "--file", file, "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal("customers", root.GetProperty("kind").GetString());
        Assert.Equal(file, root.GetProperty("file").GetString());
        Assert.True(root.GetProperty("succeeded").GetBoolean());
        Assert.Equal((4, 4, 0), (root.GetProperty("rowsRead").GetInt32(), root.GetProperty("rowsInserted").GetInt32(), root.GetProperty("rowsUnchanged").GetInt32()));
        Assert.Equal(0, root.GetProperty("problems").GetArrayLength());
        Assert.True(root.GetProperty("seconds").GetDouble() >= 0);
    }

    [Fact]
    public async Task Import_GoodFile_PrintsASummary()
    {
        var file = Write("spend.csv", SpendHeader + "\nsearch,2024-01-01,1,2,3\n");

        var result = await CliRunner.RunAsync(_database.Settings, "import", "--kind", "spend", "--file", file);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("1 rows read, 1 inserted, 0 unchanged", result.Output);
    }

    [Fact]
    public async Task Import_BadFile_PrintsProblemsToStderrAndExitsOne()
    {
        var file = Write("bad.csv", SpendHeader + "\nsearch,2024-01-01,1,2,3\nsearch,2024-01-09,1,2,3\n");

        var result = await CliRunner.RunAsync(_database.Settings, "import", "--kind", "spend", "--file", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{file}:3: week_start: week_start 2024-01-09 is a Tuesday", result.Error);
        Assert.Contains("nothing was written", result.Error);
    }

    [Fact]
    public async Task Import_BadFileAsJson_PrintsProblemsInTheReportAndExitsOne()
    {
        var file = Write("bad.csv", SpendHeader + "\nsearch,2024-01-01,x,2,3\n");

        var result = await CliRunner.RunAsync(_database.Settings, "import", "--kind", "spend", "--file", file, "--json");

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.False(json.RootElement.GetProperty("succeeded").GetBoolean());
        var problem = json.RootElement.GetProperty("problems")[0];
        Assert.Equal((2, "spend"), (problem.GetProperty("line").GetInt32(), problem.GetProperty("column").GetString()));
        Assert.Contains("'x' is not a number", problem.GetProperty("problem").GetString());
    }

    [Theory]
    [InlineData("--kind", "invoices", "--file", "x.csv")]
    [InlineData("--kind", "orders")]
    [InlineData("--kind", "orders", "--file", "/nonexistent/orders.csv")]
    [InlineData("--kind", "orders", "--file", "x.csv", "--colour", "red")]
    public async Task Import_BadArguments_PrintsUsageAndExitsTwo(params string[] args)
    {
        var result = await CliRunner.RunAsync(_database.Settings, ["import", .. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("usage: import --kind customers|orders|touchpoints|spend --file F [--json]", result.Error);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }
}
