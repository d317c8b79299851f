using Dashboard.Navigation;
using Dashboard.Shared;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Features.Campaigns;

public sealed partial class CampaignPage : IDisposable
{
    private CampaignView? _view;
    private CampaignQuery _query = new();
    private bool _loading = true;
    private CancellationTokenSource? _cts;

    [Parameter] public int Id { get; set; }

    [SupplyParameterFromQuery(Name = DashboardUrls.FromParameter)] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = DashboardUrls.ToParameter)] public string? To { get; set; }
    [SupplyParameterFromQuery(Name = CampaignQuery.AttributionParameter)] public string? Attribution { get; set; }
    [SupplyParameterFromQuery(Name = CampaignQuery.MetricParameter)] public string? Metric { get; set; }
    [SupplyParameterFromQuery(Name = CampaignQuery.MatchingParameter)] public string? Matching { get; set; }

    private DayRange? UrlRange => DayRange.TryParse(From, To);

    private string Href(CampaignQuery query) => DashboardUrls.Campaign(Id, query, UrlRange);

    private static string MetricLabel(CampaignMetric metric) =>
        CampaignAnalysis.Metrics.Single(m => m.Key == CampaignAnalysis.MetricKey(metric)).Label;

    private LiftChartLabels ChartLabels => new(L["Lift"], L["CUPED lift"], "pp", Money.Symbol);

    private ChartSpec? LiftSpec => _view switch
    {
        { Experiment: { } e } => CampaignsChart.Lift(e, CampaignAnalysis.MetricKey(_query.Metric), ChartLabels),
        { Observational: { } o } => CampaignsChart.Lift(o, CampaignAnalysis.MetricKey(_query.Metric), L["Targeted vs comparison"], ChartLabels),
        _ => null,
    };

    private string Mde => _view?.Experiment?.Result.Arms
        .Select(a => a.Metrics.Single(m => m.Metric == CampaignAnalysis.Conversion).MinimumDetectableEffect)
        .Where(m => m > 0) // a control rate of 0 or 1 has no variance: no meaningful MDE
        .Select(m => LiftFormat.Points(m).TrimStart('+')).FirstOrDefault() ?? "—";

    protected override async Task OnParametersSetAsync()
    {
        _cts?.Cancel();
        _cts?.Dispose();
        _cts = new CancellationTokenSource();
        var ct = _cts.Token;
        _query = CampaignQuery.Parse(Attribution, Metric, Matching);
        _loading = _view?.Campaign.Id != Id;
        try
        {
            _view = await Service.LoadAsync(Id, _query, ct);
            _loading = false;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // A newer query replaced this load.
        }
    }

    public void Dispose()
    {
        _cts?.Cancel();
        _cts?.Dispose();
    }
}
