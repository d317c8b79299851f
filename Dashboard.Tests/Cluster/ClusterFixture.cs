using System.Diagnostics;
using Dashboard.Tests.TestSupport;
using Microsoft.Playwright;

namespace Dashboard.Tests.Cluster;

/// <summary>
/// scripts/cluster.sh on loopback: PostgreSQL, Redis, two app instances behind nginx and a worker process, started
/// from the Release build the test run uses, stopped afterwards.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private const int Port = 5480;
    private IPlaywright? _playwright;

    public static string RepositoryRoot { get; } = FindRoot();

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), $"dashboard-cluster-test-{Environment.ProcessId}");

    public Uri Nginx { get; } = new($"http://127.0.0.1:{Port}/");

    /// <summary>The two app instances, by name, reached directly (not through nginx).</summary>
    public IReadOnlyDictionary<string, Uri> Instances { get; } = new Dictionary<string, Uri>
    {
        ["app1"] = new($"http://127.0.0.1:{Port + 1}/"),
        ["app2"] = new($"http://127.0.0.1:{Port + 2}/"),
    };

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var (code, output) = await ScriptAsync("start");
        if (code != 0)
        {
            throw new InvalidOperationException($"scripts/cluster.sh start failed ({code}):\n{output}\n{Logs()}");
        }
        _playwright = await Playwright.CreateAsync();
        Browser = await BrowserFixture.LaunchChromiumAsync(_playwright);
    }

    /// <summary>Stops one app instance as a crash would (SIGKILL).</summary>
    public void Kill(string instance)
    {
        var pid = int.Parse(File.ReadAllText(Path.Combine(Directory, instance + ".pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.GetProcessById(pid);
        process.Kill(entireProcessTree: true);
        process.WaitForExit(30_000);
    }

    /// <summary>Signs the page in as the demo admin, whose generated password the seeding instance printed to its log once.</summary>
    public async Task SignInAsAdminAsync(IPage page)
    {
        // The whole log, not the tail Logs() shows: the instance goes on logging (runs, warm-ups) after the one print.
        var log = File.ReadAllText(Path.Combine(Directory, "app1.log"));
        var password = System.Text.RegularExpressions.Regex.Match(log, @"Admin\s+admin@demo\.local\s+(\S+)").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(password), "no demo admin password in app1's log:\n" + Logs());
        await BrowserFixture.SignInAsync(page, "admin@demo.local", password);
    }

    public string WorkerLog() => File.ReadAllText(Path.Combine(Directory, "worker.log"));

    public string Logs() => string.Join('\n', new[] { "app1", "app2", "worker", "nginx-error" }
        .Select(n => Path.Combine(Directory, n + ".log")).Where(File.Exists)
        .Select(f => $"--- {Path.GetFileName(f)} (tail)\n" + string.Join('\n', File.ReadLines(f).TakeLast(30))));

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await ScriptAsync("stop");
    }

    private async Task<(int Code, string Output)> ScriptAsync(string command)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot, "scripts", "cluster.sh"), command])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryRoot,
        };
        start.Environment["CLUSTER_DIR"] = Directory;
        start.Environment["CLUSTER_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["CLUSTER_NO_BUILD"] = "1";
        start.Environment["CLUSTER_CUSTOMERS"] = "1500";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(15));
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("Dashboard.sln not found above the test binaries.");
    }
}
