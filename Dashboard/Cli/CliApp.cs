using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Data;

namespace Dashboard.Cli;

/// <summary>Runs the executable headless when the first argument is a verb; otherwise the web app starts.</summary>
public static class CliApp
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        // Output goes to a terminal or a file, never into HTML: keep apostrophes and Chinese text readable.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly Lazy<IReadOnlyList<ICliVerb>> Verbs = new(() => typeof(CliApp).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICliVerb).IsAssignableFrom(t))
        .Select(t => (ICliVerb)Activator.CreateInstance(t)!)
        .OrderBy(v => v.Name, StringComparer.Ordinal)
        .ToList());

    /// <summary>True when the arguments start with a word rather than an option: a headless run.</summary>
    public static bool IsVerb(string[] args) => args.Length > 0 && !args[0].StartsWith('-');

    // settings: configuration overrides (tests point ConnectionStrings:Dashboard at a temporary file);
    // cancellation: stops a long-running verb (`worker`) as Ctrl+C does.
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null,
        IReadOnlyDictionary<string, string?>? settings = null, CancellationToken cancellation = default)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var verb = Verbs.Value.Where(v => Matches(v, args)).MaxBy(v => v.Name.Length);
        if (verb is null)
        {
            await error.WriteLineAsync($"error: unknown verb '{args.FirstOrDefault()}'");
            await error.WriteLineAsync(UsageText());
            return 2;
        }
        var rest = args.Skip(verb.Name.Split(' ').Length).ToList();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
        try
        {
            var parsed = CliArguments.Parse(rest);
            await using var services = BuildServices(settings);
            var code = await verb.RunAsync(new CliContext(parsed, services, output, error, cts.Token));
            var unknown = parsed.Unread().ToList();
            if (unknown.Count > 0)
            {
                throw new CliUsageException($"unknown option(s): {string.Join(", ", unknown.Select(u => "--" + u))}");
            }
            return code;
        }
        catch (CliUsageException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            await error.WriteLineAsync($"usage: {verb.Usage}");
            return 2;
        }
        catch (CliInputException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return 1;
        }
    }

    public static IEnumerable<string> VerbNames() => Verbs.Value.Select(v => v.Name);

    public static string UsageText() =>
        "usage: Dashboard [VERB] [options]   (no verb: serve the web app)\n" +
        string.Join('\n', Verbs.Value.Select(v => "  " + v.Usage));

    public static async Task WriteJsonAsync<T>(this CliContext context, T value) =>
        await context.Out.WriteLineAsync(JsonSerializer.Serialize(value, JsonOptions));

    private static bool Matches(ICliVerb verb, string[] args)
    {
        var words = verb.Name.Split(' ');
        return args.Length >= words.Length && words.Select((w, i) => args[i] == w).All(m => m);
    }

    private static ServiceProvider BuildServices(IReadOnlyDictionary<string, string?>? settings)
    {
        // The same configuration sources as the web app (appsettings, environment), without the web host.
        var contentRoot = AppContext.BaseDirectory;
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production";
        var configuration = new ConfigurationBuilder()
            .SetBasePath(contentRoot)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.AddConfiguration(configuration.GetSection("Logging")).AddSimpleConsole(o => o.SingleLine = true)
            .SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddDashboardData(configuration, Directory.GetCurrentDirectory());
        return services.BuildServiceProvider();
    }
}
