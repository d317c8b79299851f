namespace Dashboard.Data.Entities;

/// <summary>
/// One audited event: who did what to which thing, when; for changes the state before and after (JSON). Written for
/// every export, every unmasking of a customer's identifiers, budget plan changes, imports, splits, users and shared links.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    public required string User { get; set; }
    /// <summary>A dotted code, e.g. "export.crowd-package", "customer.unmask", "budget.save".</summary>
    public required string Action { get; set; }
    /// <summary>What it was done to, e.g. "audience 12 (google)", "customer 42".</summary>
    public required string Target { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
}
