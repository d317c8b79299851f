namespace Dashboard.Domain.Identity;

/// <summary>
/// Masks personal identifiers for display (PII masking): enough is left to recognise a value one already
/// knows, not enough to read it off the screen. Phones keep the first 3 and last 4 digits
/// (13800138000 -> 138****8000, the usual Chinese practice); e-mails keep the first character of the
/// local part and the domain (jane@example.com -> j***@example.com); other ids (member numbers, source
/// ids) keep the first 2 and last 2 characters. Values too short to keep anything become "****".
/// </summary>
public static class IdentifierMask
{
    private const string Stars = "****";

    /// <summary>Masks a value of the given kind (raw or normalized); null for null or blank.</summary>
    public static string? Mask(IdentifierKind kind, string? value) => kind switch
    {
        IdentifierKind.Phone => Phone(value),
        IdentifierKind.Email => Email(value),
        _ => Id(value),
    };

    /// <summary>The digits of a phone with the middle masked: first 3 and last 4 kept when there are at least 9 digits.</summary>
    public static string? Phone(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var digits = new string([.. value.Where(char.IsAsciiDigit)]);
        return digits.Length switch
        {
            >= 9 => digits[..3] + Stars + digits[^4..],
            >= 5 => digits[..1] + Stars + digits[^2..],
            _ => Stars,
        };
    }

    /// <summary>The first character of the local part, "***", and the domain; "****" when there is no '@'.</summary>
    public static string? Email(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var trimmed = value.Trim();
        var at = trimmed.LastIndexOf('@');
        return at <= 0 ? Stars : trimmed[..1] + "***" + trimmed[at..].ToLowerInvariant();
    }

    /// <summary>An id with its first 2 and last 2 characters kept (from 6 characters on; shorter ids are fully masked).</summary>
    public static string? Id(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var trimmed = value.Trim();
        return trimmed.Length >= 6 ? trimmed[..2] + Stars + trimmed[^2..] : Stars;
    }
}
