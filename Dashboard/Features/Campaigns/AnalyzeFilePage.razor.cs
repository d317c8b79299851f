using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace Dashboard.Features.Campaigns;

/// <summary>
/// Upload → pick columns → analyze. The state is the uploaded file, which cannot live in a link, so this page
/// keeps its choices in memory (the one page without URL state).
/// </summary>
public sealed partial class AnalyzeFilePage
{
    private static readonly string[] ArmColumnHints = ["arm", "segment", "group", "variant", "treatment"];
    private static readonly string[] ControlHints = ["control", "holdout", "no "];

    // The page shows the file's name and columns itself; the upload's default chip list would repeat it.
    private static readonly RenderFragment<IBrowserFile?> NoChips = _ => _ => { };

    private UploadedFile? _file;
    private string? _armColumn;
    private IReadOnlyList<string> _arms = [];
    private string? _controlArm;
    private IReadOnlyCollection<string> _metrics = [];
    private string? _covariate;
    private ExperimentView? _result;
    private string? _chartMetric;
    private string? _error;
    private bool _busy;

    private IReadOnlyList<string> OtherColumns => _file?.Columns.Where(c => c != _armColumn).ToList() ?? [];

    private string ChartMetric => _result!.Metrics.Any(m => m.Key == _chartMetric) ? _chartMetric! : _result!.Metrics[0].Key;

    private LiftChartLabels ChartLabels => new(L["Lift"], L["CUPED lift"], "pp", Money.Symbol);

    private async Task OnFileChangedAsync(IBrowserFile? file)
    {
        (_file, _result, _error, _arms, _controlArm, _metrics, _covariate) = (null, null, null, [], null, [], null);
        if (file is null)
        {
            return;
        }
        _busy = true;
        try
        {
            if (file.Size > FileAnalysis.MaxBytes)
            {
                throw new ExperimentFileException($"{file.Name}: the file is larger than {FileAnalysis.MaxBytes / (1024 * 1024)} MB");
            }
            await using var stream = file.OpenReadStream(FileAnalysis.MaxBytes);
            using var reader = new StreamReader(stream);
            var text = await reader.ReadToEndAsync();
            _file = FileAnalysis.Open(file.Name, text);
            var arm = _file.Columns.FirstOrDefault(c => ArmColumnHints.Contains(c, StringComparer.OrdinalIgnoreCase)) ?? _file.Columns[0];
            await OnArmColumnChangedAsync(arm);
        }
        catch (ExperimentFileException ex)
        {
            _error = ex.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task OnArmColumnChangedAsync(string? column)
    {
        _armColumn = column;
        _result = null;
        _error = null;
        _arms = [];
        _controlArm = null;
        if (_file is null || column is null)
        {
            return;
        }
        var file = _file;
        try
        {
            _arms = await Task.Run(() => FileAnalysis.ArmLabels(file, column));
            _controlArm = _arms.FirstOrDefault(a => ControlHints.Any(h => a.Contains(h, StringComparison.OrdinalIgnoreCase))) ?? _arms.FirstOrDefault();
            _metrics = [.. _metrics.Where(m => m != column)];
        }
        catch (ExperimentFileException ex)
        {
            _error = ex.Message;
        }
    }

    private async Task AnalyzeAsync()
    {
        if (_file is null || _armColumn is null || _controlArm is null)
        {
            return;
        }
        var (file, request) = (_file, new FileAnalysisRequest(_armColumn, _controlArm, [.. _metrics], _covariate));
        _busy = true;
        _error = null;
        try
        {
            _result = await Task.Run(() => FileAnalysis.Analyze(file, request));
        }
        catch (ExperimentFileException ex)
        {
            _result = null;
            _error = ex.Message;
        }
        finally
        {
            _busy = false;
        }
    }
}
