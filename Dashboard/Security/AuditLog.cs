using System.Text.Json;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Security;

/// <summary>Action codes written to the audit log.</summary>
public static class AuditActions
{
    public const string ExportCrowdPackage = "export.crowd-package";
    public const string ExportRecommendations = "export.recommendations";
    public const string CustomerUnmask = "customer.unmask";
    public const string IdentitySplit = "customer.split";
    public const string BudgetSave = "budget.save";
    public const string BudgetApprove = "budget.approve";
    public const string Import = "data.import";
    public const string UserCreate = "user.create";
    public const string UserRole = "user.role";
    public const string ViewShare = "view.share";
    public const string ViewRevoke = "view.revoke";
}

/// <summary>Who did what, when (issue 9): one row per audited event, in the dashboard's store.</summary>
public sealed class AuditLog(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Records an event; before/after are serialized as JSON (null stays null).</summary>
    public async Task WriteAsync(string user, string action, string target, object? before = null, object? after = null,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = clock.GetUtcNow().UtcDateTime,
            User = Truncate(user, 256),
            Action = action,
            Target = Truncate(target, 256),
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The newest entries first, optionally of one action.</summary>
    public async Task<IReadOnlyList<AuditEntry>> RecentAsync(string? action, int take, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrEmpty(action))
        {
            query = query.Where(a => a.Action == action);
        }
        return await query.OrderByDescending(a => a.Id).Take(take).ToListAsync(ct);
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
