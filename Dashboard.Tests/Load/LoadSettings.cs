using System.Globalization;

namespace Dashboard.Tests.Load;

/// <summary>
/// The size of the load: DASHBOARD_LOAD_USERS (200), DASHBOARD_LOAD_RAMP_SECONDS (60: users start evenly over it) and
/// DASHBOARD_LOAD_SECONDS (90: how long all of them keep going after the ramp; longer if the import or the model run
/// is still going), DASHBOARD_LOAD_THINK_SECONDS ("2-6": a user's pause before opening the next page, drawn evenly from
/// the range) and DASHBOARD_LOAD_CHARTS ("draw", the default: the tabs draw their charts with plotly.js; "stub": the
/// tabs get a stand-in that takes every chart call and draws nothing, for runs where the browsers share the server's cores
/// and would otherwise measure Chromium's limit rather than the server's).
/// </summary>
public sealed record LoadSettings(int Users, int RampSeconds, int SteadySeconds, (int From, int To) ThinkSeconds, bool DrawCharts)
{
    /// <summary>Pages share one browser context (one signed-in user's cookies) in groups of this size.</summary>
    public const int PagesPerContext = 25;

    /// <summary>
    /// Chromium starts a renderer process per tab by default; 200 of them would be Chromium's problem, not the server's.
    /// Same-site tabs share this many processes instead.
    /// </summary>
    public const int RendererProcesses = 8;

    public static LoadSettings FromEnvironment() => new(
        Read("DASHBOARD_LOAD_USERS", 200), Read("DASHBOARD_LOAD_RAMP_SECONDS", 60), Read("DASHBOARD_LOAD_SECONDS", 90),
        ReadRange("DASHBOARD_LOAD_THINK_SECONDS", (2, 6)),
        Environment.GetEnvironmentVariable("DASHBOARD_LOAD_CHARTS") switch
        {
            null or "" or "draw" => true,
            "stub" => false,
            var other => throw new InvalidOperationException($"DASHBOARD_LOAD_CHARTS must be 'draw' or 'stub' (got '{other}')."),
        });

    public int Contexts => (Users + PagesPerContext - 1) / PagesPerContext;

    private static (int From, int To) ReadRange(string name, (int From, int To) fallback)
    {
        var text = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }
        var parts = text.Split('-');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var from)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var to) && from <= to && to > 0
            ? (from, to)
            : throw new InvalidOperationException($"{name} must be a range of whole seconds such as 2-6 (got '{text}').");
    }

    private static int Read(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value : fallback;
}
