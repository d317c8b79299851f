using System.Globalization;

namespace Dashboard.Tests.Load;

/// <summary>
/// The size of the load: DASHBOARD_LOAD_USERS (200), DASHBOARD_LOAD_RAMP_SECONDS (60: users start evenly over it) and
/// DASHBOARD_LOAD_SECONDS (90: how long all of them keep going after the ramp; longer if the import or the model run
/// is still going).
/// </summary>
public sealed record LoadSettings(int Users, int RampSeconds, int SteadySeconds)
{
    /// <summary>Pages share one browser context (one signed-in user's cookies) in groups of this size.</summary>
    public const int PagesPerContext = 25;

    /// <summary>
    /// Chromium starts a renderer process per tab by default; 200 of them would be Chromium's problem, not the server's.
    /// Same-site tabs share this many processes instead.
    /// </summary>
    public const int RendererProcesses = 8;

    public static LoadSettings FromEnvironment() => new(
        Read("DASHBOARD_LOAD_USERS", 200), Read("DASHBOARD_LOAD_RAMP_SECONDS", 60), Read("DASHBOARD_LOAD_SECONDS", 90));

    public int Contexts => (Users + PagesPerContext - 1) / PagesPerContext;

    private static int Read(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value : fallback;
}
