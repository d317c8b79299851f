using System.Diagnostics;
using Dashboard.Jobs;
using Dashboard.Navigation;
using Dashboard.Security;
using Dashboard.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.JSInterop;
using MudBlazor;

namespace Dashboard.Features.Budget;

/// <summary>
/// The Budget page. The URL is the state: every change navigates (sliders with replace), and the page re-reads the URL. The
/// curves are loaded once per outcome; slider moves are evaluated in memory (<see cref="BudgetWorkbench"/>), never in the store.
/// </summary>
public sealed partial class BudgetPage : IDisposable
{
    private CancellationTokenSource _cts = new();
    private bool _loaded;
    private string? _appliedUri;
    private DayRange? _range;
    private BudgetModel? _model;
    private BudgetState? _state;
    private BudgetProjection? _projection;
    private BudgetFormat? _format;
    private ChartSpec? _curvesSpec;
    private ChartSpec? _differencesSpec;
    private IReadOnlyList<ComparisonRow> _comparison = [];
    private IReadOnlyList<ScenarioSummary> _scenarios = [];
    private SavedScenario? _compare;
    private (string Key, InverseAnswer Answer)? _optimized;
    private InverseAnswer? _targetAnswer;
    private InverseAnswer? _floorAnswer;
    private string? _inverseKey;
    private string? _message;
    private (string Code, long RunId, ChartSpec Spec)? _fitSpec;
    private BudgetQuery _query = BudgetQuery.Default;
    private bool _groupsLoaded;
    private CustomerGroupsModel? _groupsModel;
    private CustomerGroupsView? _groups;
    private ChartSpec? _groupsSpec;
    private CancellationTokenSource? _chartsPending;
    private static readonly TimeSpan ChartDelay = TimeSpan.FromMilliseconds(300);

    [Inject] private BudgetService Service { get; set; } = null!;
    [Inject] private CustomerGroupsService GroupsService { get; set; } = null!;
    [Inject] private NavigationManager Nav { get; set; } = null!;
    [Inject] private IJSRuntime Js { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private Money Money { get; set; } = null!;
    [Inject] private ILogger<BudgetPage> Logger { get; set; } = null!;
    [Inject] private ActionGuard Guard { get; set; } = null!;
    [Inject] private AuditLog Audit { get; set; } = null!;

    private bool _canPlan;

    private BudgetChartLabels ChartLabels => new(L["Curve"], L["95% band"], L["Current"], L["Proposed"], L["Optimized"], L["Saved"],
        L["Observed"], L["Fitted"], L["Residual"]);

    private IReadOnlyDictionary<Dashboard.Domain.Allocation.CustomerGroup, string> GroupNames => new Dictionary<Dashboard.Domain.Allocation.CustomerGroup, string>
    {
        [Dashboard.Domain.Allocation.CustomerGroup.Retain] = L["Retain high-value at risk"],
        [Dashboard.Domain.Allocation.CustomerGroup.Develop] = L["Develop high potential"],
        [Dashboard.Domain.Allocation.CustomerGroup.WinBack] = L["Win back lapsed"],
        [Dashboard.Domain.Allocation.CustomerGroup.Acquire] = L["Acquire lookalikes"],
    };

    private CustomerGroupsChartLabels GroupChartLabels => new(GroupNames, L["Current"], L["Proposed"], L["Group budget"], L["Expected return"]);

    private BudgetChannelModel FitChannel => _state!.Model.Channels.FirstOrDefault(c => c.Code == _state.Query.Fit) ?? _state.Model.Channels[0];

    protected override void OnInitialized() => Nav.LocationChanged += OnLocationChanged;

    protected override async Task OnParametersSetAsync()
    {
        _canPlan = await Guard.AllowsAsync(Policies.BudgetPlans);
        await ApplyAsync(Nav.Uri);
        _scenarios = await Service.ScenariosAsync(_cts.Token);
    }

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e) => _ = InvokeAsync(async () =>
    {
        if (new Uri(e.Location).AbsolutePath.Equals("/budget", StringComparison.OrdinalIgnoreCase))
        {
            await ApplyAsync(e.Location);
            StateHasChanged();
        }
    });

    /// <summary>Reads the URL into the page state; loads curves only when the outcome changed, a scenario only when compared.</summary>
    private async Task ApplyAsync(string uri)
    {
        var relative = "/" + Nav.ToBaseRelativePath(uri);
        if (relative == _appliedUri)
        {
            return;
        }
        _appliedUri = relative;
        var query = BudgetQuery.Parse(relative);
        _query = query;
        var raw = QueryHelpers.ParseQuery(new Uri(uri).Query);
        _range = DayRange.TryParse(raw.GetValueOrDefault(DashboardUrls.FromParameter), raw.GetValueOrDefault(DashboardUrls.ToParameter));
        var ct = _cts.Token;
        try
        {
            if (_model is null || _model.Outcome != query.Outcome)
            {
                _model = await Service.LoadAsync(query.Outcome, ct);
            }
            if (query.Compare != _compare?.Summary.Id)
            {
                _compare = query.Compare is { } id ? await Service.ScenarioAsync(id, ct) : null;
            }
            if (!_groupsLoaded)
            {
                _groupsModel = await GroupsService.LoadAsync(ct);
                _groupsLoaded = true;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return;
        }
        _loaded = true;
        if (_model is null)
        {
            _state = null;
            RecomputeGroups(query);
            RefreshGroupsChart();
            return;
        }
        Recompute(query);
    }

    /// <summary>Everything on screen from the state, in memory: projection, optimized split (cached per total and bounds), charts.</summary>
    private void Recompute(BudgetQuery query)
    {
        RecomputeSplit(query);
        RefreshCharts();
    }

    /// <summary>The slider path: the split, its projection and the comparison rows (microseconds; charts follow when moves pause).</summary>
    private void RecomputeSplit(BudgetQuery query)
    {
        var model = _model!;
        _state = BudgetWorkbench.Resolve(model, query);
        _projection = BudgetWorkbench.Project(_state);
        if (_format?.Outcome != model.Outcome)
        {
            _format = new BudgetFormat(Money, model.Outcome);
        }
        var boundsKey = string.Join(';', _state.Channels.Select(c => FormattableString.Invariant($"{c.Lower}-{c.Upper}")));
        var key = FormattableString.Invariant($"{model.RunId}|{model.Outcome}|{_state.Total}|{boundsKey}");
        if (_optimized?.Key != key)
        {
            _optimized = (key, BudgetWorkbench.Optimize(_state));
        }
        var inverseKey = FormattableString.Invariant($"{model.RunId}|{model.Outcome}|{query.Target}|{query.Floor}|{boundsKey}");
        if (_inverseKey != inverseKey)
        {
            _inverseKey = inverseKey;
            _targetAnswer = query.Target is { } t ? BudgetWorkbench.MinimumBudgetFor(_state, t) : null;
            _floorAnswer = query.Floor is { } f ? BudgetWorkbench.SpendForMarginalFloor(_state, f) : null;
        }
        _comparison = BudgetWorkbench.Compare(_state, _optimized.Value.Answer, _compare);
        _message = _optimized.Value.Answer.Problem is { } problem ? L["The bounds cannot all hold:"] + " " + problem : null;
        RecomputeGroups(query);
    }

    /// <summary>The customer-group split for the URL state, in memory (the group budget defaults to the channels' total).</summary>
    private void RecomputeGroups(BudgetQuery query) =>
        _groups = _groupsModel is null ? null : CustomerGroupsView.Build(_groupsModel, query, _state?.Total ?? 0);

    private void RefreshGroupsChart() => _groupsSpec = _groups is null ? null : CustomerGroupsChart.Curves(_groups, GroupChartLabels, Money.Symbol);

    // Plotly re-creates a chart for every new spec (tens of milliseconds in the browser, more for the small multiples), so
    // while a slider moves the charts wait until the moves pause.
    private void RefreshCharts()
    {
        _chartsPending?.Cancel();
        _curvesSpec = BudgetChart.Curves(_model!, _projection!, ChartLabels, Money.Symbol);
        _differencesSpec = BudgetChart.Differences(_comparison, ChartLabels, _compare?.Summary.Name, Money.Symbol);
        RefreshGroupsChart();
        if (_fitSpec?.Code != FitChannel.Code || _fitSpec.Value.RunId != _model!.RunId)
        {
            _fitSpec = (FitChannel.Code, _model!.RunId, BudgetChart.Fit(FitChannel, ChartLabels));
        }
    }

    private void RefreshChartsLater()
    {
        _chartsPending?.Cancel();
        _chartsPending?.Dispose();
        _chartsPending = new CancellationTokenSource();
        var token = _chartsPending.Token;
        _ = Task.Delay(ChartDelay, token).ContinueWith(t => t.IsCanceled ? Task.CompletedTask : InvokeAsync(() =>
        {
            if (!token.IsCancellationRequested && _model is not null)
            {
                RefreshCharts();
                StateHasChanged();
            }
        }), TaskScheduler.Default);
    }

    private void Navigate(BudgetQuery query, bool replace, bool slider = false)
    {
        var url = DashboardUrls.Budget(query, _range);
        if (_model is not null)
        {
            var watch = Stopwatch.StartNew();
            if (slider)
            {
                RecomputeSplit(query);
                RefreshChartsLater();
            }
            else
            {
                Recompute(query);
            }
            LogRecomputed(Logger, watch.Elapsed.TotalMilliseconds);
        }
        else
        {
            RecomputeGroups(query);
            RefreshGroupsChart();
        }
        _query = query;
        _appliedUri = url;
        Nav.NavigateTo(url, replace: replace);
    }

    private void OnSpendsChanged(IReadOnlyList<double> spends) => Navigate(BudgetWorkbench.WithSpends(_model!, _state!.Query, spends), replace: true, slider: true);

    private void OnLockedChanged(bool locked) => Navigate(_state!.Query with { TotalLocked = locked }, replace: true);

    private void OnBoundsChanged(BoundsEdit edit) => Navigate(BudgetWorkbench.WithBounds(_state!, edit.Code, edit.Lower, edit.Upper), replace: true);

    private void OnOptimize()
    {
        if (_optimized?.Answer is { Problem: null } best)
        {
            Navigate(BudgetWorkbench.WithSpends(_model!, _state!.Query, best.Spends), replace: false);
        }
    }

    private void OnApplySplit(IReadOnlyList<double> spends) => Navigate(BudgetWorkbench.WithSpends(_model!, _state!.Query, spends), replace: false);

    private void OnGroupTotalChanged(double? total) => Navigate(_query with { GroupTotal = total is >= 0 ? total : null, GroupBudgets = null }, replace: true);

    private void OnApplyGroups()
    {
        if (_groups is { Problem: null } groups)
        {
            Navigate(_query with { GroupTotal = groups.Total, GroupBudgets = groups.ProposedBudgets() }, replace: false);
        }
    }

    private string GroupsResetHref => DashboardUrls.Budget(_query with { GroupBudgets = null }, _range);

    private void OnTargetChanged(double? target) => Navigate(_state!.Query with { Target = target is > 0 ? target : null }, replace: true);

    private void OnFloorChanged(double? floor) => Navigate(_state!.Query with { Floor = floor is > 0 ? floor : null }, replace: true);

    private string OutcomeHref(BudgetOutcome outcome) =>
        DashboardUrls.Budget(_state!.Query with { Outcome = outcome, Target = null, Floor = null }, _range);

    private string ResetHref => DashboardUrls.Budget(_state!.Query with { Spends = new Dictionary<string, double>() }, _range);

    private string CompareHref(long id) => DashboardUrls.Budget(_state!.Query with { Compare = id }, _range);

    private string FitHref(string code) => DashboardUrls.Budget(_state!.Query with { Fit = code }, _range);

    private async Task<bool> SaveScenarioAsync(string name)
    {
        var user = await Guard.DemandAsync(Policies.BudgetPlans);
        var draft = new ScenarioDraft(name, _model!.Outcome, _state!.Query.TotalLocked, _projection!.TotalResponse, _model.RunId, user,
            BudgetWorkbench.ScenarioChannels(_state));
        var (id, problem) = await Service.SaveScenarioAsync(draft, _cts.Token);
        if (id is null)
        {
            Snackbar.Add(problem == "name-taken" ? L["A scenario with this name exists already."] : L["Give the scenario a name."], Severity.Warning);
            return false;
        }
        await Audit.WriteAsync(user, AuditActions.BudgetSave, FormattableString.Invariant($"budget scenario {id} '{name}'"), before: null, after: draft);
        _scenarios = await Service.ScenariosAsync(_cts.Token);
        Snackbar.Add(L["Scenario saved."], Severity.Success);
        StateHasChanged();
        return true;
    }

    private async Task OpenScenarioAsync(long id)
    {
        if (await Service.ScenarioAsync(id, _cts.Token) is { } scenario)
        {
            Nav.NavigateTo(DashboardUrls.Budget(BudgetWorkbench.QueryFor(scenario, _state!.Query), _range));
        }
    }

    private async Task ApproveScenarioAsync(long id)
    {
        var user = await Guard.DemandAsync(Policies.BudgetPlans);
        var before = await Service.ScenarioAsync(id, _cts.Token);
        await Service.SetStatusAsync(id, Dashboard.Data.Entities.BudgetScenarioStatus.Approved, user, _cts.Token);
        await Audit.WriteAsync(user, AuditActions.BudgetApprove, FormattableString.Invariant($"budget scenario {id} '{before?.Summary.Name}'"),
            before: new { before?.Summary.Status }, after: new { Status = Dashboard.Data.Entities.BudgetScenarioStatus.Approved, ApprovedBy = user });
        _scenarios = await Service.ScenariosAsync(_cts.Token);
    }

    private async Task ExportAsync()
    {
        var csv = BudgetCsv.Comparison(_projection!, _comparison, _model!.Outcome, _compare?.Summary.Name);
        await Js.InvokeVoidAsync("dashboard.downloadText", "budget-" + BudgetService.OutcomeLabel(_model.Outcome) + ".csv", csv, "text/csv");
    }

    private async Task OnRunFinishedAsync(JobStatus status)
    {
        if (status.Status == JobQueue.Succeeded)
        {
            _model = null;
            _groupsLoaded = false;
            _appliedUri = null;
            await ApplyAsync(Nav.Uri);
        }
    }

    [LoggerMessage(LogLevel.Debug, "Budget split recomputed in {Milliseconds:F3} ms")]
    private static partial void LogRecomputed(ILogger logger, double milliseconds);

    public void Dispose()
    {
        Nav.LocationChanged -= OnLocationChanged;
        _cts.Cancel();
        _cts.Dispose();
        _chartsPending?.Cancel();
        _chartsPending?.Dispose();
    }
}
