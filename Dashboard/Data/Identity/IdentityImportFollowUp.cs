using Dashboard.Data.Import;

namespace Dashboard.Data.Identity;

/// <summary>
/// After a customers import, resolves the new source identities into profiles (incrementally); after an orders
/// import, refreshes the order summaries of the customers it touched (the customer list sorts and filters on them).
/// </summary>
public sealed class IdentityImportFollowUp(IdentityService identity) : IImportFollowUp
{
    public async Task AfterImportAsync(ImportKind kind, long importRunId, CancellationToken ct)
    {
        switch (kind)
        {
            case ImportKind.Customers:
                await identity.ResolveImportAsync(importRunId, ct);
                break;
            case ImportKind.Orders:
                await identity.RefreshOrderSummariesAsync(importRunId, ct);
                break;
        }
    }
}
