using Dashboard.Jobs;
using Dashboard.Navigation;
using Dashboard.Resources;
using Dashboard.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace Dashboard.Features.Segments;

public partial class SegmentsPage
{
    private SegmentsView? _view;
    private SegmentsCharts? _charts;
    private SegmentsQuery _query = SegmentsQuery.Default;
    private DayRange? _range;
    private bool _loading = true;
    private CancellationTokenSource? _cts;

    [Inject] private SegmentsService Service { get; set; } = null!;
    [Inject] private NavigationManager Nav { get; set; } = null!;
    [Inject] private Money Money { get; set; } = null!;
    [Inject] private IStringLocalizer<Strings> L { get; set; } = null!;

    [SupplyParameterFromQuery(Name = DashboardUrls.FromParameter)] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = DashboardUrls.ToParameter)] public string? To { get; set; }
    [SupplyParameterFromQuery(Name = SegmentsQuery.PeriodParameter)] public string? Period { get; set; }
    [SupplyParameterFromQuery(Name = SegmentsQuery.FlowFromParameter)] public string? FlowFrom { get; set; }
    [SupplyParameterFromQuery(Name = SegmentsQuery.FlowToParameter)] public string? FlowTo { get; set; }
    [SupplyParameterFromQuery(Name = SegmentsQuery.FlowParameter)] public string? Flow { get; set; }
    [SupplyParameterFromQuery(Name = SegmentsQuery.TiersParameter)] public string? Tiers { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        _query = SegmentsQuery.Parse(Period, FlowFrom, FlowTo, Flow, Tiers);
        _range = DayRange.TryParse(From, To);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _cts?.Cancel();
        _cts?.Dispose();
        _cts = new CancellationTokenSource();
        var ct = _cts.Token;
        _loading = true;
        try
        {
            _view = await Service.LoadAsync(_query, _range?.To, ct);
            _charts = _view is null ? null : SegmentsCharts.From(_view, Money, L);
            _loading = false;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // A newer query replaced this load.
        }
    }

    private Task OnRunFinishedAsync(JobStatus status) => LoadAsync();

    private void OnPeriodChangedAsync(DateOnly period) =>
        Nav.NavigateTo(DashboardUrls.Segments(_query with { Period = period }, _range));

    public void Dispose()
    {
        _cts?.Cancel();
        _cts?.Dispose();
    }
}

/// <summary>The page's charts, built once per loaded view (a new spec re-creates a chart).</summary>
internal sealed record SegmentsCharts(ChartSpec Heatmap, ChartSpec Pyramid, ChartSpec Pareto, ChartSpec? Sankey)
{
    public static SegmentsCharts From(SegmentsView v, Money money, IStringLocalizer<Strings> l) => new(
        SegmentsChart.Heatmap(v.Heatmap, money.Compact, l["Customers"], l["Revenue"]),
        SegmentsChart.Pyramid(v.Pyramid.Tiers, name => TierNames.Localize(name, l), money.Format, l["Revenue share"], l["Average order value"]),
        SegmentsChart.Pareto(v.Pareto, l["Share of buyers (highest value first)"], l["Share of revenue"], l["Equal spend"], l["Pareto curve"]),
        v.Flow is { } f
            ? SegmentsChart.Sankey(f.Migration, label => l[label], "(" + DashboardUrls.Day(f.From) + ")", "(" + DashboardUrls.Day(f.To) + ")")
            : null);
}
