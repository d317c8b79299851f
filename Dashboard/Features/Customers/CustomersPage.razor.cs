using Dashboard.Navigation;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Features.Customers;

public sealed partial class CustomersPage
{
    private static readonly Dictionary<string, CustomerSort> SortOfColumn = new(StringComparer.Ordinal)
    {
        ["Id"] = CustomerSort.Id,
        ["Name"] = CustomerSort.Name,
        ["FirstSeenUtc"] = CustomerSort.FirstSeen,
        ["LastOrderUtc"] = CustomerSort.LastOrder,
        ["Revenue"] = CustomerSort.Revenue,
    };

    private MudDataGrid<CustomerRow>? _grid;
    private CustomersQuery _initial = CustomersQuery.Default;
    private CustomersQuery _filters = CustomersQuery.Default;
    private CustomersQuery _shown = CustomersQuery.Default;
    private CustomerListPage? _page;
    private IReadOnlyList<SourceOption> _sources = [];
    private DayRange? _range;
    private readonly CancellationTokenSource _cts = new();

    // The query values are read from the URI below; declaring them makes Blazor pass a query-only navigation on.
    [SupplyParameterFromQuery(Name = "q")] public string? Search { get; set; }
    [SupplyParameterFromQuery(Name = "source")] public string? Source { get; set; }
    [SupplyParameterFromQuery(Name = "city")] public string? City { get; set; }
    [SupplyParameterFromQuery(Name = "seenFrom")] public string? SeenFrom { get; set; }
    [SupplyParameterFromQuery(Name = "seenTo")] public string? SeenTo { get; set; }
    [SupplyParameterFromQuery(Name = "boughtFrom")] public string? BoughtFrom { get; set; }
    [SupplyParameterFromQuery(Name = "boughtTo")] public string? BoughtTo { get; set; }
    [SupplyParameterFromQuery(Name = "sort")] public string? SortBy { get; set; }
    [SupplyParameterFromQuery(Name = "desc")] public string? Desc { get; set; }
    [SupplyParameterFromQuery(Name = "page")] public string? PageNumber { get; set; }
    [SupplyParameterFromQuery(Name = "size")] public string? Size { get; set; }
    [SupplyParameterFromQuery(Name = DashboardUrls.FromParameter)] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = DashboardUrls.ToParameter)] public string? To { get; set; }

    protected override async Task OnInitializedAsync() => _sources = await Service.SourcesAsync(_cts.Token);

    protected override void OnParametersSet()
    {
        var query = QueryHelpers.ParseQuery(new Uri(Nav.Uri).Query);
        string? Value(string key) => query.TryGetValue(key, out var v) ? v.ToString() : null;
        _range = DayRange.TryParse(Value(DashboardUrls.FromParameter), Value(DashboardUrls.ToParameter));
        var parsed = CustomersQuery.Parse(Value);
        if (parsed.Filters != _filters || _page is null)
        {
            // New filters: a new grid (@key) starts from the page and sort in the URL.
            _initial = parsed;
            _shown = parsed;
            _filters = parsed.Filters;
        }
    }

    private async Task<GridData<CustomerRow>> LoadAsync(GridState<CustomerRow> state, CancellationToken gridToken)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var query = _filters with
        {
            Page = state.Page,
            PageSize = state.PageSize,
            Sort = sort is not null && SortOfColumn.TryGetValue(sort.SortBy, out var s) ? s : CustomerSort.Id,
            Descending = sort?.Descending ?? false,
        };
        if (query != _shown)
        {
            _shown = query;
            // Page and sort are shareable but not history: replace the entry.
            Nav.NavigateTo(DashboardUrls.Customers(query, _range), replace: true);
        }
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_cts.Token, gridToken);
        try
        {
            _page = await Service.ListAsync(query, linked.Token);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            return new GridData<CustomerRow> { Items = [], TotalItems = 0 };
        }
        return new GridData<CustomerRow> { Items = _page.Rows, TotalItems = _page.Total };
    }

    private void OnFiltersChangedAsync(CustomersQuery filters) => Nav.NavigateTo(DashboardUrls.Customers(filters, _range));

    private SortDirection Direction(CustomerSort column) =>
        _initial.Sort != column || (column == CustomerSort.Id && !_initial.Descending) ? SortDirection.None
        : _initial.Descending ? SortDirection.Descending : SortDirection.Ascending;

    private string CustomerLink(CustomerRow row) => DashboardUrls.Customer(row.Id, range: _range);

    internal static string KindLabel(string kind) => kind switch
    {
        "phone" => "Phone",
        "email" => "E-mail",
        "member_no" => "Member number",
        _ => "Source id",
    };

    public void Dispose()
    {
        _cts.Cancel();
        _cts.Dispose();
    }
}
