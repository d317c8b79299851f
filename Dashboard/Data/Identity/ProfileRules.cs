using System.Data.Common;

namespace Dashboard.Data.Identity;

/// <summary>
/// Derives each customer row (the profile) from its source identities, in one set-based UPDATE:
/// <list type="bullet">
/// <item>first seen: the earliest first seen of its identities; acquisition source: the source of that identity;</item>
/// <item>demographics: field by field, the value of the most complete identity that has one (completeness =
/// how many of name, gender, birth year and city it knows; ties go to the earliest first seen, then the lowest
/// id); the city tier comes with the city it belongs to;</item>
/// <item>consents (privacy-safe): a channel is consented only if at least one identity consented and none
/// refused or revoked (true in one source, false in none; sources that do not ask, null, do not count);</item>
/// <item>summaries: orders, revenue, first and last order, number of identities (for the customer list).</item>
/// </list>
/// </summary>
internal static class ProfileRules
{
    /// <summary>The temporary table of customer ids whose profile <see cref="Refresh"/> recomputes.</summary>
    public const string AffectedTable = "identity_affected_profiles";

    // CASE rather than adding booleans: PostgreSQL has no arithmetic on boolean.
    private const string Completeness =
        "(CASE WHEN i.\"Name\" IS NULL THEN 0 ELSE 1 END + CASE WHEN i.\"Gender\" IS NULL THEN 0 ELSE 1 END" +
        " + CASE WHEN i.\"BirthYear\" IS NULL THEN 0 ELSE 1 END + CASE WHEN i.\"City\" IS NULL THEN 0 ELSE 1 END)";

    private const string Preference = $"ORDER BY {Completeness} DESC, i.\"FirstSeenUtc\", i.\"Id\" LIMIT 1";

    private const string Mine = "FROM \"SourceIdentities\" i WHERE i.\"CustomerId\" = \"Customers\".\"Id\"";

    private const string MyOrders = "FROM \"Orders\" o WHERE o.\"CustomerId\" = \"Customers\".\"Id\"";

    /// <summary>Recomputes the profiles listed in <see cref="AffectedTable"/> (or every profile when <paramref name="all"/>).</summary>
    public static int Refresh(DbConnection connection, DbTransaction transaction, bool all = false)
    {
        var where = all ? "" : $"WHERE \"Id\" IN (SELECT \"Id\" FROM \"{AffectedTable}\")";
        return IdentitySql.Execute(connection, transaction, $"""
            UPDATE "Customers" SET
                "FirstSeenUtc" = COALESCE((SELECT MIN(i."FirstSeenUtc") {Mine}), "FirstSeenUtc"),
                "AcquisitionSourceId" = (SELECT i."SourceId" {Mine} ORDER BY i."FirstSeenUtc", i."Id" LIMIT 1),
                "Name" = (SELECT i."Name" {Mine} AND i."Name" IS NOT NULL {Preference}),
                "Gender" = (SELECT i."Gender" {Mine} AND i."Gender" IS NOT NULL {Preference}),
                "BirthYear" = (SELECT i."BirthYear" {Mine} AND i."BirthYear" IS NOT NULL {Preference}),
                "City" = (SELECT i."City" {Mine} AND i."City" IS NOT NULL {Preference}),
                "CityTier" = COALESCE(
                    (SELECT i."CityTier" {Mine} AND i."City" IS NOT NULL {Preference}),
                    (SELECT i."CityTier" {Mine} AND i."CityTier" IS NOT NULL {Preference})),
                "ConsentSms" = COALESCE((SELECT MIN(CASE WHEN i."ConsentSms" THEN 1 ELSE 0 END) {Mine} AND i."ConsentSms" IS NOT NULL), 0) = 1,
                "ConsentEmail" = COALESCE((SELECT MIN(CASE WHEN i."ConsentEmail" THEN 1 ELSE 0 END) {Mine} AND i."ConsentEmail" IS NOT NULL), 0) = 1,
                "ConsentPush" = COALESCE((SELECT MIN(CASE WHEN i."ConsentPush" THEN 1 ELSE 0 END) {Mine} AND i."ConsentPush" IS NOT NULL), 0) = 1,
                "ConsentAds" = COALESCE((SELECT MIN(CASE WHEN i."ConsentAds" THEN 1 ELSE 0 END) {Mine} AND i."ConsentAds" IS NOT NULL), 0) = 1,
                "IdentityCount" = (SELECT COUNT(*) {Mine}),
                "OrderCount" = (SELECT COUNT(*) {MyOrders}),
                "Revenue" = COALESCE((SELECT SUM(o."Total") {MyOrders}), 0),
                "FirstOrderUtc" = (SELECT MIN(o."PlacedAtUtc") {MyOrders}),
                "LastOrderUtc" = (SELECT MAX(o."PlacedAtUtc") {MyOrders})
            {where}
            """);
    }

    /// <summary>Recomputes only the order summaries of the profiles in <see cref="AffectedTable"/> (after an orders import).</summary>
    public static int RefreshOrderSummaries(DbConnection connection, DbTransaction transaction) =>
        IdentitySql.Execute(connection, transaction, $"""
            UPDATE "Customers" SET
                "OrderCount" = (SELECT COUNT(*) {MyOrders}),
                "Revenue" = COALESCE((SELECT SUM(o."Total") {MyOrders}), 0),
                "FirstOrderUtc" = (SELECT MIN(o."PlacedAtUtc") {MyOrders}),
                "LastOrderUtc" = (SELECT MAX(o."PlacedAtUtc") {MyOrders})
            WHERE "Id" IN (SELECT "Id" FROM {AffectedTable})
            """);
}
