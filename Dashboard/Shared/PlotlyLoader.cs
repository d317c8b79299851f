using Microsoft.JSInterop;

namespace Dashboard.Shared;

/// <summary>
/// Loads plotly.js once per circuit, before any chart asks to be drawn. Plotly.Blazor 7.2.0 queues the draws that arrive
/// while its script is loading and replays them when it has loaded, without checking that each chart is still on the page:
/// a chart replaced in the meantime (the user acted on a page whose script was still arriving) throws in the replay and
/// every draw queued after it is lost. Loading through the library's own loader first means no draw is ever queued.
/// </summary>
public sealed class PlotlyLoader(IJSRuntime js)
{
    /// <summary>The paths Plotly.Blazor 7.2.0 loads (its PlotlyJsInterop constants); a test checks them against the package.</summary>
    public const string InteropPath = "./_content/Plotly.Blazor/plotly-interop-7.2.0.js";
    public const string ScriptPath = "./_content/Plotly.Blazor/plotly-3.7.0.min.js";

    private Task? _loading;

    public bool IsLoaded => _loading is { IsCompletedSuccessfully: true };

    /// <summary>Completes when plotly.js is ready in this browser; faults if it could not be loaded.</summary>
    public Task LoadAsync() => _loading ??= js.InvokeVoidAsync("dashboard.loadPlotly", InteropPath, ScriptPath).AsTask();
}
