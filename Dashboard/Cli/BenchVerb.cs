namespace Dashboard.Cli;

/// <summary>`bench` alone: names the benchmarks there are (each is its own verb, "bench &lt;area&gt;").</summary>
public sealed class BenchVerb : ICliVerb
{
    public string Name => "bench";

    public string Usage => "bench <area> [options] [--json]   areas: " + string.Join(", ", CliApp.VerbNames()
        .Where(n => n.StartsWith("bench ", StringComparison.Ordinal)).Select(n => n["bench ".Length..]));

    public Task<int> RunAsync(CliContext context) =>
        throw new CliUsageException("choose a benchmark area");
}
