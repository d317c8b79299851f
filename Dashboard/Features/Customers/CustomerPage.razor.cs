using Dashboard.Data.Identity;
using Dashboard.Navigation;
using Dashboard.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;
using MudBlazor;

namespace Dashboard.Features.Customers;

public sealed partial class CustomerPage
{
    private CancellationTokenSource? _cts;
    private CustomerView? _view;
    private long? _viewId;
    private TimelinePage? _timeline;
    private CustomerQuery _query = new();
    private DayRange? _range;
    private bool _missing;
    private long? _mergedInto;
    private bool _splitting;
    private bool _canSplit;
    private bool _canReveal;
    private IReadOnlyDictionary<long, RevealedIdentifiers>? _revealed;
    private IReadOnlyList<(string Code, string Name)> _channels = [];
    private List<BreadcrumbItem> _crumbs = [];

    [Parameter] public long Id { get; set; }

    [Inject] private ActionGuard Guard { get; set; } = null!;
    [Inject] private AuditLog Audit { get; set; } = null!;

    // Read from the URI below; declared so a query-only navigation (timeline filters) reaches the page.
    [SupplyParameterFromQuery(Name = "channel")] public string? Channel { get; set; }
    [SupplyParameterFromQuery(Name = "type")] public string? Type { get; set; }
    [SupplyParameterFromQuery(Name = "page")] public string? PageNumber { get; set; }
    [SupplyParameterFromQuery(Name = DashboardUrls.FromParameter)] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = DashboardUrls.ToParameter)] public string? To { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        _cts?.Cancel();
        _cts?.Dispose();
        _cts = new CancellationTokenSource();
        var ct = _cts.Token;
        _canSplit = await Guard.AllowsAsync(Policies.Administration);
        _canReveal = await Guard.AllowsAsync(Policies.CustomerData);
        var query = QueryHelpers.ParseQuery(new Uri(Nav.Uri).Query);
        string? Value(string key) => query.TryGetValue(key, out var v) ? v.ToString() : null;
        _range = DayRange.TryParse(Value(DashboardUrls.FromParameter), Value(DashboardUrls.ToParameter));
        _query = CustomerQuery.Parse(Value);
        _crumbs = [new(L["Customers"], DashboardUrls.Customers(range: _range)), new($"#{Id}", null, disabled: true)];
        try
        {
            if (_viewId != Id)
            {
                await LoadViewAsync(ct);
            }
            _timeline = null;
            if (!_missing)
            {
                _timeline = await Service.TimelineAsync(Id, _query, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // A newer query replaced this load.
        }
    }

    private async Task LoadViewAsync(CancellationToken ct)
    {
        _view = null;
        _revealed = null;
        _view = await Service.LoadAsync(Id, ct);
        _viewId = Id;
        _missing = _view is null;
        _mergedInto = _missing ? await Service.MergedIntoAsync(Id, ct) : null;
        _channels = _view?.Identities.Select(i => (i.SourceCode, i.SourceName)).Distinct().ToList() ?? [];
    }

    private void OnTimelinePageChanged(int page) => Nav.NavigateTo(DashboardUrls.Customer(Id, _query with { Page = page }, _range));

    private async Task OnRevealAsync()
    {
        var user = await Guard.DemandAsync(Policies.CustomerData);
        _revealed = await Service.RevealAsync(Id, CancellationToken.None);
        await Audit.WriteAsync(user, AuditActions.CustomerUnmask, FormattableString.Invariant($"customer {Id}"),
            after: new { identities = _revealed.Count }, ct: CancellationToken.None);
    }

    private async Task OnSplitAsync(SplitRequest request)
    {
        var user = await Guard.DemandAsync(Policies.Administration);
        _splitting = true;
        try
        {
            var result = await Service.SplitAsync(Id, request.IdentityIds, request.Reason, CancellationToken.None);
            await Audit.WriteAsync(user, AuditActions.IdentitySplit, FormattableString.Invariant($"customer {Id}"),
                before: new { Customer = Id, request.IdentityIds }, after: new { Profiles = result.Splits.Select(s => s.To).Distinct(), request.Reason });
            var created = result.Splits.Select(s => s.To).Distinct().ToList();
            Snackbar.Add(L["Split recorded: {0} new profile(s): {1}", created.Count, string.Join(", ", created.Select(c => $"#{c}"))], Severity.Success);
            _viewId = null;
            await OnParametersSetAsync();
        }
        catch (IdentitySplitException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        finally
        {
            _splitting = false;
        }
    }

    public void Dispose()
    {
        _cts?.Cancel();
        _cts?.Dispose();
    }
}
