using System.Text;

namespace Dashboard.Domain.Identity;

/// <summary>
/// Turns raw identifier values into the form that is compared. Every method returns null when the
/// value is empty or is not a plausible identifier of its kind; a null links nothing.
/// Full-width characters (common in Chinese input: "１３８", "＠", "＋") are first folded to ASCII (NFKC).
/// </summary>
public static class IdentifierNormalizer
{
    /// <summary>Shortest accepted phone number in digits: a 7-digit local landline.</summary>
    public const int MinPhoneDigits = 7;

    /// <summary>Longest accepted phone number in digits: the E.164 maximum, country code included.</summary>
    public const int MaxPhoneDigits = 15;

    /// <summary>Normalizes a value of the given kind (see the kind's method for the rules).</summary>
    public static string? Normalize(IdentifierKind kind, string? raw) => kind switch
    {
        IdentifierKind.MemberNo => MemberNo(raw),
        IdentifierKind.Phone => Phone(raw),
        IdentifierKind.Email => Email(raw),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown identifier kind"),
    };

    /// <summary>
    /// Phone numbers, in these steps:
    /// <list type="number">
    /// <item>Separators are removed: spaces, tabs, '-', '.', '(' and ')'. A '+' is allowed only before the first digit.
    /// Anything else (letters, "ext", "转", '/', a second number) makes the value implausible.</item>
    /// <item>Mainland China: "+86", "0086" or a bare "86" followed by an 11-digit mainland mobile
    /// (1[3-9] and 9 more digits) gives the 11-digit mobile: "+86 138-0013-8000", "0086 13800138000",
    /// "8613800138000" and "138 0013 8000" are all "13800138000". "+86" or "0086" followed by anything
    /// else is a landline in international form: the trunk "0" is put back ("+86 21 6123 4567" is
    /// "02161234567"), so it equals the domestic way of writing it.</item>
    /// <item>Other international numbers ("+852 9123 4567", "00852 9123 4567", "+1 212 555 0100") keep
    /// their country code as E.164 digits without the '+' or "00": "85291234567". A '+' or "00" followed by
    /// '0' (no such country code) is implausible. Known limit: a North American number (+1 and 10 digits)
    /// can be digit-for-digit equal to a mainland mobile ("+1 312 555 1234" and "131 2555 1234").</item>
    /// <item>Domestic numbers are kept as written, digits only: a landline keeps its leading trunk "0"
    /// ("021-6123-4567" is "02161234567"); a local number written without its area code stays short
    /// and does not match the same number written with it.</item>
    /// <item>The result must have 7 to 15 digits and must not repeat one digit throughout
    /// ("0000000", "00000000000", "11111111111" are placeholders, not phones).</item>
    /// </list>
    /// Placeholders that look like real numbers (13800000000) are not listed here: the fan-out cap
    /// catches them because many records share them.
    /// </summary>
    public static string? Phone(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }
        var text = FoldWidth(raw);
        var digits = new StringBuilder(text.Length);
        var plus = false;
        foreach (var c in text)
        {
            if (c is >= '0' and <= '9')
            {
                digits.Append(c);
            }
            else if (c is '+' && digits.Length == 0 && !plus)
            {
                plus = true;
            }
            else if (c is not (' ' or '\t' or '-' or '.' or '(' or ')'))
            {
                return null;
            }
        }
        var d = digits.ToString();
        if (plus)
        {
            return International(d);
        }
        if (d.StartsWith("0086", StringComparison.Ordinal))
        {
            return MainlandNational(d[4..]);
        }
        if (d.StartsWith("00", StringComparison.Ordinal))
        {
            return International(d[2..]);
        }
        if (d.Length == 13 && d.StartsWith("86", StringComparison.Ordinal) && IsMainlandMobile(d.AsSpan(2)))
        {
            return d[2..];
        }
        return Plausible(d);
    }

    /// <summary>True for an 11-digit mainland China mobile number: 1[3-9] followed by 9 digits.</summary>
    public static bool IsMainlandMobile(ReadOnlySpan<char> digits) =>
        digits.Length == 11 && digits[0] == '1' && digits[1] is >= '3' and <= '9' && AllDigits(digits);

    /// <summary>
    /// Email addresses: trimmed and lower-cased (invariant culture). The value must have exactly one
    /// '@' with something before it, and a domain with a dot that neither starts nor ends it and no
    /// empty label ("a@b..com"); no whitespace inside. Provider-specific aliases are NOT folded:
    /// "Jane.Doe+shop@gmail.com" stays distinct from "janedoe@gmail.com". Only Gmail ignores dots,
    /// plus-tags mean different things per provider, and most addresses here are qq.com/163.com, so
    /// folding them would trade precision (wrong merges) for a little recall.
    /// </summary>
    public static string? Email(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }
        var text = FoldWidth(raw).ToLowerInvariant();
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != text.LastIndexOf('@'))
        {
            return null;
        }
        var domain = text.AsSpan(at + 1);
        var dot = domain.IndexOf('.');
        if (dot <= 0 || domain[^1] == '.' || domain.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return null;
            }
        }
        return text;
    }

    /// <summary>
    /// Member numbers (the brand's loyalty id): trimmed and upper-cased (invariant culture). Leading
    /// zeros are kept ("000123" and "123" stay different): the brand issues them as strings and some
    /// programmes use the zeros.
    /// </summary>
    public static string? MemberNo(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }
        return FoldWidth(raw).ToUpperInvariant();
    }

    private static string? International(string e164)
    {
        if (e164.StartsWith("86", StringComparison.Ordinal))
        {
            return MainlandNational(e164[2..]);
        }
        if (e164.Length == 0 || e164[0] == '0')
        {
            return null;
        }
        return Plausible(e164);
    }

    // The national part after +86/0086: a mobile as is; anything else is a landline that gets its trunk 0 back.
    private static string? MainlandNational(string national)
    {
        if (IsMainlandMobile(national))
        {
            return national;
        }
        return Plausible(national.StartsWith('0') ? national : "0" + national);
    }

    private static string? Plausible(string digits)
    {
        if (digits.Length is < MinPhoneDigits or > MaxPhoneDigits)
        {
            return null;
        }
        return digits.AsSpan().IndexOfAnyExcept(digits[0]) < 0 ? null : digits;
    }

    private static bool AllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }
        return true;
    }

    // NFKC maps full-width forms to ASCII; the common all-ASCII case skips the allocation.
    private static string FoldWidth(string raw)
    {
        var trimmed = raw.Trim();
        foreach (var c in trimmed)
        {
            if (c > '\u007f')
            {
                return trimmed.Normalize(NormalizationForm.FormKC).Trim();
            }
        }
        return trimmed;
    }
}
