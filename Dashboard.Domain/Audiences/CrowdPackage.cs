using System.Security.Cryptography;
using System.Text;
using Dashboard.Domain.Identity;

namespace Dashboard.Domain.Audiences;

/// <summary>How identifiers are normalized and hashed for one kind of platform upload.</summary>
public enum CrowdPackageHashing
{
    /// <summary>SHA-256 of the E.164 phone with its "+" ("+8613800138000") and of the trimmed lower-cased email
    /// (Google Customer Match: "format phone numbers using the E.164 format, including the country calling code").</summary>
    Sha256E164,

    /// <summary>SHA-256 of the phone as digits with the country code and no "+" ("8613800138000") and of the
    /// trimmed lower-cased email (Meta and TikTok customer files: "remove symbols, including the + sign").</summary>
    Sha256Digits,

    /// <summary>MD5 of the 11-digit mainland mobile number ("13800138000"), the upload format of Chinese ad
    /// platforms' audience packages (人群包); identifiers other than mainland mobiles are not used.</summary>
    Md5Mobile,
}

/// <summary>A target platform's preset: a stable key (URLs), the platforms it is for, its hashing and CSV columns.</summary>
public sealed record CrowdPackagePreset(string Key, string Platforms, CrowdPackageHashing Hashing, IReadOnlyList<string> Columns);

/// <summary>
/// Builds the rows of a crowd package (an audience file for ad platforms' customer-match uploads): the customer id
/// plus hashed identifiers, never the raw phone or email. Hashes are lower-case hex of the UTF-8 bytes.
/// </summary>
public static class CrowdPackage
{
    public static IReadOnlyList<CrowdPackagePreset> Presets { get; } =
    [
        new("google", "Google Customer Match", CrowdPackageHashing.Sha256E164, ["customer_id", "phone_sha256", "email_sha256"]),
        new("meta", "Meta, TikTok", CrowdPackageHashing.Sha256Digits, ["customer_id", "phone_sha256", "email_sha256"]),
        new("china-md5", "Tencent Ads, Ocean Engine, Alimama", CrowdPackageHashing.Md5Mobile, ["customer_id", "mobile_md5"]),
    ];

    /// <summary>The preset with this key (case-insensitive), or null.</summary>
    public static CrowdPackagePreset? Find(string? key) =>
        Presets.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// A customer's rows: row i pairs the i-th distinct usable phone with the i-th distinct usable email (either
    /// may be empty), so one person takes as few rows as possible. No row when nothing is usable.
    /// </summary>
    public static IReadOnlyList<string[]> Rows(string customerId, IEnumerable<string?> phones, IEnumerable<string?> emails, CrowdPackageHashing hashing)
    {
        var hashedPhones = phones.Select(p => PhoneKey(p, hashing)).OfType<string>().Distinct(StringComparer.Ordinal).Select(k => Hash(k, hashing)).ToList();
        if (hashing == CrowdPackageHashing.Md5Mobile)
        {
            return hashedPhones.Select(h => new[] { customerId, h }).ToList();
        }
        var hashedEmails = emails.Select(ContactNormalizer.Email).OfType<string>().Distinct(StringComparer.Ordinal).Select(Sha256Hex).ToList();
        var rows = new List<string[]>(Math.Max(hashedPhones.Count, hashedEmails.Count));
        for (var i = 0; i < Math.Max(hashedPhones.Count, hashedEmails.Count); i++)
        {
            rows.Add([customerId, i < hashedPhones.Count ? hashedPhones[i] : "", i < hashedEmails.Count ? hashedEmails[i] : ""]);
        }
        return rows;
    }

    /// <summary>The phone as the hashing expects it before hashing, or null when it cannot be used.</summary>
    public static string? PhoneKey(string? phone, CrowdPackageHashing hashing) => hashing switch
    {
        CrowdPackageHashing.Sha256E164 => ContactNormalizer.E164(phone),
        CrowdPackageHashing.Sha256Digits => ContactNormalizer.E164(phone)?[1..],
        _ => ContactNormalizer.MainlandMobile(phone),
    };

    /// <summary>Lower-case hex SHA-256 of the UTF-8 bytes.</summary>
    public static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Lower-case hex MD5 of the UTF-8 bytes (the platforms' format; not used for security).</summary>
#pragma warning disable CA5351 // MD5 is what Chinese ad platforms' audience uploads take; it identifies, it does not protect.
    public static string Md5Hex(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351

    private static string Hash(string key, CrowdPackageHashing hashing) =>
        hashing == CrowdPackageHashing.Md5Mobile ? Md5Hex(key) : Sha256Hex(key);
}

/// <summary>
/// Contact identifiers as ad platforms' customer-match uploads want them, on top of the identity resolver's
/// normalization (<see cref="IdentifierNormalizer"/>), so a crowd package hashes exactly what resolution matched on.
/// </summary>
public static class ContactNormalizer
{
    /// <summary>The 11-digit mainland mobile number ("13800138000"), or null when the phone is not one.</summary>
    public static string? MainlandMobile(string? phone) =>
        IdentifierNormalizer.Phone(phone) is { } normalized && IdentifierNormalizer.IsMainlandMobile(normalized) ? normalized : null;

    /// <summary>
    /// E.164 ("+8613800138000"): mainland mobiles get +86; other numbers only when written internationally
    /// ("+44 20 7946 0958" or "0044…"), since without a country code the country is unknown. Else null.
    /// </summary>
    public static string? E164(string? phone)
    {
        var normalized = IdentifierNormalizer.Phone(phone);
        if (normalized is null)
        {
            return null;
        }
        if (IdentifierNormalizer.IsMainlandMobile(normalized))
        {
            return "+86" + normalized;
        }
        // The normalizer keeps an internationally written number as country code + number; a leading 0 is domestic.
        var written = phone!.Trim();
        var international = written.StartsWith('+') || written.StartsWith("00", StringComparison.Ordinal);
        return international && normalized[0] != '0' ? "+" + normalized : null;
    }

    /// <summary>The email trimmed and lower-cased, or null when it is not a plausible address.</summary>
    public static string? Email(string? email) => IdentifierNormalizer.Email(email);
}
