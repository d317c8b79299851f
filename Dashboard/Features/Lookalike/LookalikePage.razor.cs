using Dashboard.Features.Audiences;
using Dashboard.Features.Segments;
using Dashboard.Jobs;
using Dashboard.Navigation;
using Dashboard.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace Dashboard.Features.Lookalike;

public sealed partial class LookalikePage : IDisposable
{
    private LookalikeQuery _query = LookalikeQuery.Default;
    private LookalikeRunView? _view;
    private IReadOnlyList<SourceOption> _sources = [];
    private IReadOnlyList<SeedAudienceOption> _audiences = [];
    private bool _loading = true;
    private int _tab;
    private CancellationTokenSource? _cts;

    [Inject] private LookalikeService Service { get; set; } = default!;
    [Inject] private AudiencesService Audiences { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;
    [Inject] private IStringLocalizer<Strings> L { get; set; } = default!;

    [SupplyParameterFromQuery(Name = CustomerSegmentFilter.SegmentParameter)] public string? Segment { get; set; }
    [SupplyParameterFromQuery(Name = CustomerSegmentFilter.TierParameter)] public string? Tier { get; set; }
    [SupplyParameterFromQuery(Name = CustomerSegmentFilter.StageParameter)] public string? Stage { get; set; }
    [SupplyParameterFromQuery(Name = CustomerSegmentFilter.VapCellParameter)] public string? Vap { get; set; }
    [SupplyParameterFromQuery(Name = CustomerSegmentFilter.StrategyParameter)] public string? Strategy { get; set; }
    [SupplyParameterFromQuery(Name = CustomerSegmentFilter.SourceParameter)] public string? Source { get; set; }
    [SupplyParameterFromQuery(Name = CustomerSegmentFilter.PeriodParameter)] public string? Period { get; set; }
    [SupplyParameterFromQuery(Name = LookalikeQuery.AudienceParameter)] public string? Audience { get; set; }
    [SupplyParameterFromQuery(Name = LookalikeQuery.RunParameter)] public string? Run { get; set; }
    [SupplyParameterFromQuery(Name = LookalikeQuery.SizeParameter)] public string? Size { get; set; }
    [SupplyParameterFromQuery(Name = LookalikeQuery.PurchasesParameter)] public string? Purchases { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _sources = await Audiences.SourcesAsync(CancellationToken.None);
        _audiences = await Service.AudiencesAsync(CancellationToken.None);
    }

    protected override async Task OnParametersSetAsync()
    {
        var query = LookalikeQuery.Parse(Segment, Tier, Stage, Vap, Strategy, Source, Period, Audience, Run, Size, Purchases);
        var seedChanged = query with { SizePercent = LookalikeQuery.DefaultSize } != _query with { SizePercent = LookalikeQuery.DefaultSize } || _loading;
        _query = query;
        if (_query.RunId is null && _query.AudienceId is not null && _loading)
        {
            _tab = 1;
        }
        if (seedChanged)
        {
            await LoadAsync();
        }
    }

    private async Task LoadAsync()
    {
        _cts?.Cancel();
        _cts?.Dispose();
        _cts = new CancellationTokenSource();
        var ct = _cts.Token;
        try
        {
            _view = await Service.LoadAsync(_query, ct);
            _loading = false;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // A newer navigation replaced this load.
        }
    }

    /// <summary>A new run repeats the shown run's seed (e.g. an uploaded list) or uses the URL's seed.</summary>
    private string? RunParameters() =>
        (_query.RunId is not null ? _view?.Parameters : _query.Parameters)?.ToJson();

    private async Task OnRunFinishedAsync(JobStatus status)
    {
        if (status.Status == JobQueue.Succeeded && _query.RunId is not null && status.RunId != _query.RunId)
        {
            Nav.NavigateTo(DashboardUrls.Lookalike(_query with { RunId = status.RunId }));
            return;
        }
        await LoadAsync();
    }

    private void OnSizeChanged(int percent) => Nav.NavigateTo(DashboardUrls.Lookalike(_query with { SizePercent = percent }), replace: true);

    private void OnPurchasesChanged(bool on) => Nav.NavigateTo(DashboardUrls.Lookalike(_query with { UsePurchases = on, RunId = null }));

    private void OnAudienceChanged(long? id) =>
        Nav.NavigateTo(DashboardUrls.Lookalike(_query with { AudienceId = id, Filter = new CustomerSegmentFilter(), RunId = null }));

    private void OnListQueued(long runId) =>
        Nav.NavigateTo(DashboardUrls.Lookalike(_query with { RunId = runId, AudienceId = null, Filter = new CustomerSegmentFilter() }));

    public void Dispose()
    {
        _cts?.Cancel();
        _cts?.Dispose();
    }
}
