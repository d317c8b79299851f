using System.Buffers.Text;
using System.Security.Cryptography;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Security;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Features.Sharing;

/// <summary>A saved view as the list shows it.</summary>
public sealed record SavedViewRow(long Id, string Token, string Name, string Url, string CreatedBy, DateTime CreatedUtc, DateTime? ExpiresUtc);

/// <summary>What a short link resolves to.</summary>
public enum SavedViewStatus { Found, NotFound, Expired, Revoked }

public sealed record SavedViewLookup(SavedViewStatus Status, string? Url);

/// <summary>
/// Named views with short links (/v/{token}) for the team. A token is 16 random bytes in base64url (22 characters): it cannot
/// be guessed or derived from the id. Opening one needs a signed-in user, and the page it leads to checks the role again.
/// </summary>
public sealed class SavedViewService(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider clock, AuditLog audit)
{
    public const int TokenLength = 22;

    /// <summary>Saves the view; returns its token, or a problem when the name is empty or the URL is not a page of this app.</summary>
    public async Task<(string? Token, string? Problem)> CreateAsync(string user, string name, string url, TimeSpan? lifetime, CancellationToken ct)
    {
        name = name.Trim();
        if (name.Length is 0 or > 120)
        {
            return (null, "Give the view a name (at most 120 characters).");
        }
        if (!IsShareable(url))
        {
            return (null, "Only pages of this dashboard can be saved as views.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var view = new SavedView
        {
            Token = NewToken(), Name = name, Url = url, CreatedBy = user, CreatedUtc = now,
            ExpiresUtc = lifetime is { } l ? now + l : null,
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.SavedViews.Add(view);
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(user, AuditActions.ViewShare, $"view {view.Id} '{name}'", after: new { url, view.ExpiresUtc }, ct: ct);
        return (view.Token, null);
    }

    /// <summary>The views that still open (not revoked, not expired), newest first.</summary>
    public async Task<IReadOnlyList<SavedViewRow>> ListAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.SavedViews.AsNoTracking()
            .Where(v => v.RevokedUtc == null && (v.ExpiresUtc == null || v.ExpiresUtc > now))
            .OrderByDescending(v => v.Id)
            .Select(v => new SavedViewRow(v.Id, v.Token, v.Name, v.Url, v.CreatedBy, v.CreatedUtc, v.ExpiresUtc))
            .ToListAsync(ct);
    }

    public async Task<SavedViewLookup> ResolveAsync(string token, CancellationToken ct)
    {
        // A malformed (tampered) token is not looked up at all.
        if (token.Length != TokenLength || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return new SavedViewLookup(SavedViewStatus.NotFound, null);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var view = await db.SavedViews.AsNoTracking().FirstOrDefaultAsync(v => v.Token == token, ct);
        return view switch
        {
            null => new SavedViewLookup(SavedViewStatus.NotFound, null),
            { RevokedUtc: not null } => new SavedViewLookup(SavedViewStatus.Revoked, null),
            { ExpiresUtc: { } expires } when expires <= clock.GetUtcNow().UtcDateTime => new SavedViewLookup(SavedViewStatus.Expired, null),
            _ => new SavedViewLookup(SavedViewStatus.Found, view.Url),
        };
    }

    /// <summary>Revokes a view: its creator or an admin may. Returns false when it does not exist or the user may not.</summary>
    public async Task<bool> RevokeAsync(long id, string user, bool isAdmin, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var view = await db.SavedViews.FirstOrDefaultAsync(v => v.Id == id && v.RevokedUtc == null, ct);
        if (view is null || (!isAdmin && view.CreatedBy != user))
        {
            return false;
        }
        view.RevokedUtc = clock.GetUtcNow().UtcDateTime;
        view.RevokedBy = user;
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(user, AuditActions.ViewRevoke, $"view {id} '{view.Name}'", before: new { view.Url }, ct: ct);
        return true;
    }

    /// <summary>An app-relative page URL: "/path?query", not another host, not the account pages or a short link.</summary>
    public static bool IsShareable(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
        && url.Length <= 2000 && !url.StartsWith("/account", StringComparison.OrdinalIgnoreCase)
        && !url.StartsWith("/v/", StringComparison.OrdinalIgnoreCase);

    private static string NewToken()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Base64Url.EncodeToString(bytes);
    }
}
