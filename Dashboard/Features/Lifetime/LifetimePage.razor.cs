using Dashboard.Jobs;
using Dashboard.Navigation;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Features.Lifetime;

public sealed partial class LifetimePage
{
    private static readonly int[] HoldoutOptions = [0, 13, 26, 39, 52];

    private LifetimeView? _view;
    private LifetimeQuery _query = new();
    private bool _loading = true;
    private int _holdoutWeeks = LifetimeStartupRun.Defaults.HoldoutWeeks;
    private CancellationTokenSource? _cts;

    [SupplyParameterFromQuery(Name = LifetimeQuery.HorizonParameter)] public string? Horizon { get; set; }
    [SupplyParameterFromQuery(Name = LifetimeQuery.DiscountParameter)] public string? Discount { get; set; }
    [SupplyParameterFromQuery(Name = LifetimeQuery.MarginParameter)] public string? Margin { get; set; }
    [SupplyParameterFromQuery(Name = DashboardUrls.FromParameter)] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = DashboardUrls.ToParameter)] public string? To { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        _query = LifetimeQuery.Parse(Horizon, Discount, Margin);
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
            _view = await Service.LoadAsync(_query, ct);
            _loading = false;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Newer controls replaced this load.
        }
    }

    /// <summary>A new run uses the page's controls and the chosen holdout.</summary>
    private string RunParameters() => new LifetimeRunParameters(
        HoldoutWeeks: _holdoutWeeks,
        HorizonMonths: _query.HorizonMonths,
        AnnualDiscountRate: _query.DiscountPercent / 100,
        MarginPercent: _query.MarginPercent).ToJson();

    private void OnQueryChanged(LifetimeQuery query) =>
        Nav.NavigateTo(DashboardUrls.Lifetime(query, DayRange.TryParse(From, To)), replace: true);

    private async Task OnRunFinishedAsync(JobStatus status)
    {
        if (status.Status == JobQueue.Succeeded)
        {
            await LoadAsync();
        }
    }

    public void Dispose()
    {
        _cts?.Cancel();
        _cts?.Dispose();
    }
}
