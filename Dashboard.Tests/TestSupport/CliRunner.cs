using Dashboard.Cli;

namespace Dashboard.Tests.TestSupport;

/// <summary>Runs a CLI verb in-process and captures what it prints.</summary>
public static class CliRunner
{
    public sealed record CliResult(int ExitCode, string Output, string Error);

    public static Task<CliResult> RunAsync(IReadOnlyDictionary<string, string?>? settings, params string[] args) =>
        RunAsync(settings, CancellationToken.None, args);

    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string?>? settings, CancellationToken cancellation, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, settings, cancellation);
        return new CliResult(code, output.ToString(), error.ToString());
    }
}
