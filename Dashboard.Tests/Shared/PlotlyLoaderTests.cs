using System.Reflection;
using Dashboard.Shared;
using Plotly.Blazor;

namespace Dashboard.Tests.Shared;

public class PlotlyLoaderTests
{
    // PlotlyLoader must load the very module and script Plotly.Blazor loads, or the library's ready flag never turns on (a
    // different module instance) or it loads plotly.js a second time (a different script URL). An upgrade of the package
    // that moves either path fails here rather than in the browser.
    [Theory]
    [InlineData("InteropPath", PlotlyLoader.InteropPath)]
    [InlineData("PlotlyPath", PlotlyLoader.ScriptPath)]
    public void Paths_AreThoseOfThePlotlyBlazorPackage(string constant, string ours)
    {
        var field = typeof(PlotlyJsInterop).GetField(constant, BindingFlags.NonPublic | BindingFlags.Static);
        Assert.NotNull(field);
        Assert.Equal(field.GetRawConstantValue(), ours);
    }
}
