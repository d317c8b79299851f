namespace Dashboard.Security;

/// <summary>
/// The four roles (issue 9). Each includes the rights of the ones before it: a Brand manager can do what a Viewer can, a
/// Budget owner what a Brand manager can, an Admin everything.
/// </summary>
public static class Roles
{
    public const string Viewer = "Viewer";
    public const string BrandManager = "Brand manager";
    public const string BudgetOwner = "Budget owner";
    public const string Admin = "Admin";

    /// <summary>Lowest to highest.</summary>
    public static IReadOnlyList<string> All { get; } = [Viewer, BrandManager, BudgetOwner, Admin];

    /// <summary>The role and every role above it.</summary>
    public static string[] AtLeast(string role)
    {
        var index = All.ToList().IndexOf(role);
        if (index < 0)
        {
            throw new ArgumentException($"Unknown role '{role}'. Roles: {string.Join(", ", All)}.", nameof(role));
        }
        return [.. All.Skip(index)];
    }
}

/// <summary>The authorization policies pages, endpoints and actions ask for, each the lowest role that has the right.</summary>
public static class Policies
{
    /// <summary>Dashboards: overview, customer list (identifiers masked), segments, lifetime, budget (read-only), campaigns, products.</summary>
    public const string Dashboards = "Dashboards";

    /// <summary>Customer details, unmasking identifiers, audiences, lookalikes, exports, model runs.</summary>
    public const string CustomerData = "CustomerData";

    /// <summary>Saving and approving budget plans.</summary>
    public const string BudgetPlans = "BudgetPlans";

    /// <summary>Users, data sources, imports, identity splits, the audit log.</summary>
    public const string Administration = "Administration";

    public static IReadOnlyDictionary<string, string> MinimumRole { get; } = new Dictionary<string, string>
    {
        [Dashboards] = Roles.Viewer,
        [CustomerData] = Roles.BrandManager,
        [BudgetPlans] = Roles.BudgetOwner,
        [Administration] = Roles.Admin,
    };
}
