using System.Security.Cryptography;
using System.Text;

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
/// Simple normalization of contact identifiers for crowd packages (the identity resolver has its own, richer one):
/// phones keep their digits; a mainland mobile is 11 digits starting with 1, optionally prefixed by +86, 0086 or 86.
/// </summary>
public static class ContactNormalizer
{
    /// <summary>The 11-digit mainland mobile number ("13800138000"), or null when the phone is not one.</summary>
    public static string? MainlandMobile(string? phone)
    {
        var digits = Digits(phone);
        if (digits.StartsWith("0086", StringComparison.Ordinal) && digits.Length == 15)
        {
            digits = digits[4..];
        }
        else if (digits.StartsWith("86", StringComparison.Ordinal) && digits.Length == 13)
        {
            digits = digits[2..];
        }
        return digits.Length == 11 && digits[0] == '1' ? digits : null;
    }

    /// <summary>
    /// E.164 ("+8613800138000"): mainland mobiles get +86; other numbers only when written internationally
    /// ("+44 20 7946 0958" or "0044…"), since without a country code the country is unknown. Else null.
    /// </summary>
    public static string? E164(string? phone)
    {
        if (MainlandMobile(phone) is { } mobile)
        {
            return "+86" + mobile;
        }
        var trimmed = phone?.Trim() ?? "";
        var digits = Digits(trimmed);
        if (trimmed.StartsWith('+'))
        {
            return digits.Length is >= 8 and <= 15 && digits[0] != '0' ? "+" + digits : null;
        }
        if (digits.StartsWith("00", StringComparison.Ordinal))
        {
            var rest = digits[2..];
            return rest.Length is >= 8 and <= 15 && rest[0] != '0' ? "+" + rest : null;
        }
        return null;
    }

    /// <summary>The email trimmed and lower-cased (invariant), or null unless it has one "@" between non-empty parts.</summary>
    public static string? Email(string? email)
    {
        var e = email?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(e) || e.Contains(' ', StringComparison.Ordinal))
        {
            return null;
        }
        var at = e.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == e.LastIndexOf('@') && at < e.Length - 1 ? e : null;
    }

    private static string Digits(string? text) => text is null ? "" : new string(text.Where(char.IsAsciiDigit).ToArray());
}
