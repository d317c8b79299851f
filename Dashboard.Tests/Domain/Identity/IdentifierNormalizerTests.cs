using Dashboard.Domain.Identity;

namespace Dashboard.Tests.Domain.Identity;

public class IdentifierNormalizerTests
{
    [Theory]
    [InlineData("13800138000", "13800138000")]
    [InlineData("138 0013 8000", "13800138000")]
    [InlineData("138-0013-8000", "13800138000")]
    [InlineData("138.0013.8000", "13800138000")]
    [InlineData("(138) 0013-8000", "13800138000")]
    [InlineData("  13800138000\t", "13800138000")]
    [InlineData("１３８００１３８０００", "13800138000")]
    public void Phone_MainlandMobileWithSeparators_DigitsOnly(string raw, string expected)
    {
        var normalized = IdentifierNormalizer.Phone(raw);

        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("+86 138 0013 8000", "13800138000")]
    [InlineData("+8613800138000", "13800138000")]
    [InlineData("(+86) 138-0013-8000", "13800138000")]
    [InlineData("0086 138 0013 8000", "13800138000")]
    [InlineData("0086-13800138000", "13800138000")]
    [InlineData("86 13800138000", "13800138000")]
    [InlineData("8613800138000", "13800138000")]
    [InlineData("＋86 13800138000", "13800138000")]
    public void Phone_MainlandCountryCodeBeforeMobile_Stripped(string raw, string expected)
    {
        var normalized = IdentifierNormalizer.Phone(raw);

        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("021-6123-4567", "02161234567")]
    [InlineData("(021) 61234567", "02161234567")]
    [InlineData("+86 21 6123 4567", "02161234567")]
    [InlineData("0086 21 61234567", "02161234567")]
    [InlineData("+86 (0)21 6123 4567", "02161234567")]
    [InlineData("0755-2345678", "07552345678")]
    [InlineData("61234567", "61234567")]
    public void Phone_Landline_KeepsOrRestoresTrunkZero(string raw, string expected)
    {
        var normalized = IdentifierNormalizer.Phone(raw);

        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("+852 9123 4567", "85291234567")]
    [InlineData("00852 9123 4567", "85291234567")]
    [InlineData("+1 (212) 555-0100", "12125550100")]
    [InlineData("+44 20 7946 0958", "442079460958")]
    [InlineData("+886 912 345 678", "886912345678")]
    public void Phone_OtherCountryCode_KeptAsE164Digits(string raw, string expected)
    {
        var normalized = IdentifierNormalizer.Phone(raw);

        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("123456")]
    [InlineData("0000")]
    [InlineData("00000000000")]
    [InlineData("11111111111")]
    [InlineData("000-0000-0000")]
    [InlineData("+86 0000000000")]
    [InlineData("1234567890123456")]
    [InlineData("138 0013 8000 ext 12")]
    [InlineData("138/0013/8000")]
    [InlineData("13800138000+")]
    [InlineData("+0 123 4567 890")]
    [InlineData("n/a")]
    [InlineData("+86")]
    public void Phone_NotPlausible_Rejected(string? raw)
    {
        var normalized = IdentifierNormalizer.Phone(raw);

        Assert.Null(normalized);
    }

    [Fact]
    public void Phone_PlaceholderThatLooksReal_IsNotRejectedHere()
    {
        var normalized = IdentifierNormalizer.Phone("138 0000 0000");

        Assert.Equal("13800000000", normalized);
    }

    [Theory]
    [InlineData("Jane@QQ.com", "jane@qq.com")]
    [InlineData("  jane@qq.com ", "jane@qq.com")]
    [InlineData("JANE.DOE@MAIL.163.COM", "jane.doe@mail.163.com")]
    [InlineData("Jane.Doe+shop@gmail.com", "jane.doe+shop@gmail.com")]
    [InlineData("jane＠qq.com", "jane@qq.com")]
    public void Email_Valid_TrimmedAndLowerCasedOnly(string raw, string expected)
    {
        var normalized = IdentifierNormalizer.Email(raw);

        Assert.Equal(expected, normalized);
    }

    [Fact]
    public void Email_GmailDotsAndPlusTags_NotFolded()
    {
        var dotted = IdentifierNormalizer.Email("jane.doe+shop@gmail.com");

        var plain = IdentifierNormalizer.Email("janedoe@gmail.com");

        Assert.NotEqual(plain, dotted);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("n/a")]
    [InlineData("jane")]
    [InlineData("@qq.com")]
    [InlineData("jane@qq")]
    [InlineData("jane@.com")]
    [InlineData("jane@qq.")]
    [InlineData("jane@qq..com")]
    [InlineData("jane@@qq.com")]
    [InlineData("jane@x@qq.com")]
    [InlineData("jane doe@qq.com")]
    public void Email_Malformed_Rejected(string? raw)
    {
        var normalized = IdentifierNormalizer.Email(raw);

        Assert.Null(normalized);
    }

    [Theory]
    [InlineData("m001234", "M001234")]
    [InlineData("  VIP-0042 ", "VIP-0042")]
    [InlineData("000123", "000123")]
    [InlineData("ｍ００１", "M001")]
    public void MemberNo_TrimmedUpperCasedLeadingZerosKept(string raw, string expected)
    {
        var normalized = IdentifierNormalizer.MemberNo(raw);

        Assert.Equal(expected, normalized);
    }

    [Fact]
    public void MemberNo_LeadingZeros_DistinguishNumbers()
    {
        var padded = IdentifierNormalizer.MemberNo("000123");

        var plain = IdentifierNormalizer.MemberNo("123");

        Assert.NotEqual(plain, padded);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void MemberNo_Blank_Null(string? raw)
    {
        var normalized = IdentifierNormalizer.MemberNo(raw);

        Assert.Null(normalized);
    }

    [Theory]
    [InlineData(IdentifierKind.Phone, "+86 138 0013 8000", "13800138000")]
    [InlineData(IdentifierKind.Email, " A@B.CN ", "a@b.cn")]
    [InlineData(IdentifierKind.MemberNo, " m1 ", "M1")]
    public void Normalize_ByKind_DispatchesToKindRule(IdentifierKind kind, string raw, string expected)
    {
        var normalized = IdentifierNormalizer.Normalize(kind, raw);

        Assert.Equal(expected, normalized);
    }
}
