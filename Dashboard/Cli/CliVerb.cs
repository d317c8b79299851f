namespace Dashboard.Cli;

/// <summary>
/// A headless verb of the Dashboard executable (`dotnet run --project Dashboard -- VERB ...`).
/// Implementations are discovered by reflection; each states its own usage.
/// </summary>
public interface ICliVerb
{
    /// <summary>The verb as typed, possibly two words ("budget optimize").</summary>
    string Name { get; }

    /// <summary>One line per form, e.g. "import --kind customers|orders|touchpoints|spend --file F [--json]".</summary>
    string Usage { get; }

    /// <summary>Runs the verb and returns the process exit code (0 = success).</summary>
    Task<int> RunAsync(CliContext context);
}

/// <summary>What a verb gets: its parsed arguments, the app's services and where to write.</summary>
public sealed record CliContext(CliArguments Args, IServiceProvider Services, TextWriter Out, TextWriter Error, CancellationToken Cancellation)
{
    public bool Json => Args.Flag("json");
}

/// <summary>Thrown for a bad argument; the host prints the message and the verb's usage, and exits with 2.</summary>
public sealed class CliUsageException(string message) : Exception(message);

/// <summary>Thrown for bad input data (a malformed file); the host prints the message and exits with 1.</summary>
public sealed class CliInputException(string message) : Exception(message);
