using Dashboard.Security;

namespace Dashboard.Tests.Load;

/// <summary>A page the simulated users visit: its path, what shows once its data has rendered, and who may open it.</summary>
public sealed record LoadPage(string Path, string Ready, string Policy)
{
    public const string BudgetPath = "/budget";

    /// <summary>Every section of the navigation that loads data (the date range is left at its default).</summary>
    public static IReadOnlyList<LoadPage> All { get; } =
    [
        new("/", "[data-testid=overview-range]", Policies.Dashboards),
        new("/customers", "[data-testid=customer-link]", Policies.Dashboards),
        new("/segments", "[data-testid=segments-period]", Policies.Dashboards),
        new("/lifetime", "[data-testid=kpi-scored]", Policies.Dashboards),
        new(BudgetPath, "[data-testid=budget-toolbar][data-interactive='1']", Policies.Dashboards),
        new("/campaigns", "[data-testid=campaign-list], [data-testid=empty-state]", Policies.Dashboards),
        new("/audiences", "[data-testid=audience-name]", Policies.CustomerData),
        new("/products", "[data-testid=product-list]", Policies.Dashboards),
        new("/data", "[data-testid=table-counts]", Policies.Administration),
    ];

    public static LoadPage Budget { get; } = All.Single(p => p.Path == BudgetPath);

    /// <summary>The pages a role reaches from the navigation (the drawer shows only what its policies allow).</summary>
    public static IReadOnlyList<LoadPage> For(string role)
    {
        var rank = Roles.All.ToList().IndexOf(role);
        return All.Where(p => Roles.All.ToList().IndexOf(Policies.MinimumRole[p.Policy]) <= rank).ToList();
    }

    /// <summary>The navigation drawer's link to the page (it carries the date range once the URL has one).</summary>
    public string NavLink => $"a.mud-nav-link[href='{Path}'], a.mud-nav-link[href^='{Path}?']";
}
