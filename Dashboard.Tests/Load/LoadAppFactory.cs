using System.Collections.Concurrent;
using Dashboard.Tests.TestSupport;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Tests.Load;

/// <summary>The app with the demo brand, its warnings and errors captured, and its Blazor circuits counted.</summary>
public sealed class LoadAppFactory : DashboardAppFactory
{
    public CapturedLogs Logs { get; } = new();

    public CircuitCounter Circuits { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        // A tab the browser closes without a clean disconnect leaves its circuit retained for reconnection (3 min by
        // default); a shorter retention lets the test see every circuit released within its wait. The test's browsers share
        // the server's two cores: a starved tab can take longer than SignalR's 15 s between negotiating a connection and
        // opening its WebSocket, after which the server has dropped the negotiated connection (a 404 and a fallback), or
        // longer than SignalR's 30 s client timeout between two messages (the server closes the connection, the tab shows
        // the reconnect UI). A user's own device would not be starved by 199 other users; the test allows 60 s and 90 s.
        builder.ConfigureTestServices(services => services.AddSingleton<CircuitHandler>(Circuits)
            .Configure<Microsoft.AspNetCore.Components.Server.CircuitOptions>(o => o.DisconnectedCircuitRetentionPeriod = TimeSpan.FromSeconds(20))
            .Configure<Microsoft.AspNetCore.Http.Connections.ConnectionOptions>(o => o.DisconnectTimeout = TimeSpan.FromSeconds(60))
            .Configure<Microsoft.AspNetCore.SignalR.HubOptions>(o => o.ClientTimeoutInterval = TimeSpan.FromSeconds(90)));
    }
}

/// <summary>Every warning and error the app logs, whatever the configured minimum levels of the other providers.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    // The host disposes its providers when it stops; the entries must outlive it for the final report.
    public void Dispose()
    {
    }

    public sealed record LogEntry(DateTime Utc, LogLevel Level, string Category, string Message, string? Exception);

    private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                entries.Enqueue(new LogEntry(DateTime.UtcNow, logLevel, category, formatter(state, exception), exception?.ToString()));
            }
        }
    }
}

/// <summary>Counts Blazor Server circuits as they open and close, and their connections as they drop and come back.</summary>
public sealed class CircuitCounter : CircuitHandler
{
    private int _open;
    private int _peak;
    private int _opened;
    private int _connectionsDown;

    public int Open => Volatile.Read(ref _open);

    public int Peak => Volatile.Read(ref _peak);

    public int Opened => Volatile.Read(ref _opened);

    /// <summary>Connections lost while their circuit was alive (a closed tab that never said goodbye, or a real drop).</summary>
    public int ConnectionsDown => Volatile.Read(ref _connectionsDown);

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _opened);
        var open = Interlocked.Increment(ref _open);
        int peak;
        while (open > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, open, peak) != peak)
        {
        }
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref _open);
        return Task.CompletedTask;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _connectionsDown);
        return Task.CompletedTask;
    }
}
