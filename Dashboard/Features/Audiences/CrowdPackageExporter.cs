using System.Globalization;
using Dashboard.Data;
using Dashboard.Domain.Audiences;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Features.Audiences;

/// <summary>
/// Writes a crowd package: members with consent to ad matching, one or more CSV rows each with the customer id
/// and hashed identifiers from their source identities. Identities stream in customer order; only one customer's
/// identifiers are held at a time.
/// </summary>
public static class CrowdPackageExporter
{
    /// <summary>Members and those left out for lack of consent (Customer.ConsentAds), counted in SQL before writing.</summary>
    public static async Task<(int Members, int WithoutConsent)> CountAsync(DashboardDbContext db, IQueryable<long> members, CancellationToken ct) =>
        (await members.CountAsync(ct), await db.Customers.CountAsync(c => members.Contains(c.Id) && !c.ConsentAds, ct));

    /// <summary>Writes the header and rows; returns what was written.</summary>
    /// <param name="counted">The result of <see cref="CountAsync"/> when the caller already has it (e.g. for response headers).</param>
    public static async Task<CrowdPackageCounts> WriteAsync(
        DashboardDbContext db, IQueryable<long> members, CrowdPackagePreset preset, TextWriter writer, CancellationToken ct,
        (int Members, int WithoutConsent)? counted = null)
    {
        var (total, withoutConsent) = counted ?? await CountAsync(db, members, ct);
        await writer.WriteLineAsync(string.Join(',', preset.Columns));
        var identities = db.SourceIdentities.AsNoTracking()
            .Where(i => members.Contains(i.CustomerId) && i.Customer!.ConsentAds && (i.Phone != null || i.Email != null))
            .OrderBy(i => i.CustomerId).ThenBy(i => i.Id)
            .Select(i => new { i.CustomerId, i.Phone, i.Email })
            .AsAsyncEnumerable();
        int exported = 0, rows = 0;
        long? current = null;
        var phones = new List<string?>();
        var emails = new List<string?>();
        async Task FlushAsync()
        {
            if (current is { } id)
            {
                var lines = CrowdPackage.Rows(id.ToString(CultureInfo.InvariantCulture), phones, emails, preset.Hashing);
                foreach (var line in lines)
                {
                    // Ids and hex digests need no CSV quoting.
                    await writer.WriteLineAsync(string.Join(',', line));
                }
                exported += lines.Count > 0 ? 1 : 0;
                rows += lines.Count;
            }
            phones.Clear();
            emails.Clear();
        }
        await foreach (var i in identities.WithCancellation(ct))
        {
            if (i.CustomerId != current)
            {
                await FlushAsync();
                current = i.CustomerId;
            }
            phones.Add(i.Phone);
            emails.Add(i.Email);
        }
        await FlushAsync();
        await writer.FlushAsync(ct);
        return new CrowdPackageCounts(total, withoutConsent, exported, rows);
    }
}
