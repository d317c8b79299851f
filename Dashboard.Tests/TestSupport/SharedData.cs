namespace Dashboard.Tests.TestSupport;

/// <summary>
/// The public data sets in ../shared/data (beside the repository; never copied into it).
/// DASHBOARD_SHARED_DATA overrides the location.
/// </summary>
public static class SharedData
{
    public static string Root { get; } = Locate();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("DASHBOARD_SHARED_DATA");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")))
            {
                var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
                throw new DirectoryNotFoundException(
                    $"The shared test data was not found at {candidate}. Put ../shared/data beside the repository or set DASHBOARD_SHARED_DATA.");
            }
        }
        throw new DirectoryNotFoundException("Dashboard.sln not found above the test binaries; set DASHBOARD_SHARED_DATA.");
    }
}
