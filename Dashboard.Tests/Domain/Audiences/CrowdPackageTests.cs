using Dashboard.Domain.Audiences;

namespace Dashboard.Tests.Domain.Audiences;

public class CrowdPackageTests
{
    // Digests computed independently with Python's hashlib (hashlib.sha256(b"+8613800138000").hexdigest(), ...).
    private const string Sha256PlusE164 = "ec61f3c620a98bdead8c1f1f0ae747abd1b62a0c2dba4fd4bc22cf0d1d8653e5";
    private const string Sha256Digits = "bf08aacce7f9b2452863cf99373043c3333f0e3127f1f787c4abb46ab6cf2b83";
    private const string Sha256Email = "ff8d9819fc0e12bf0d24892e45987e249a28dce836a85cad60e28eaaa8c6d976";
    private const string Md5Mobile = "7945bd83237335e5376ff44d62e4f0ae";

    [Theory]
    [InlineData("13800138000")]
    [InlineData("138 0013 8000")]
    [InlineData("+86 138-0013-8000")]
    [InlineData("0086 13800138000")]
    [InlineData("8613800138000")]
    public void Rows_GooglePresetMainlandMobile_HashesTheE164NumberWithPlus(string phone)
    {
        var rows = CrowdPackage.Rows("7", [phone], [], CrowdPackageHashing.Sha256E164);

        var row = Assert.Single(rows);
        Assert.Equal(["7", Sha256PlusE164, ""], row);
    }

    [Fact]
    public void Rows_MetaPreset_HashesCountryCodeDigitsWithoutPlus()
    {
        var rows = CrowdPackage.Rows("7", ["+86 13800138000"], [], CrowdPackageHashing.Sha256Digits);

        Assert.Equal(Sha256Digits, Assert.Single(rows)[1]);
    }

    [Theory]
    [InlineData("alice@example.com")]
    [InlineData("  Alice@Example.COM ")]
    public void Rows_Email_HashesTrimmedLowerCase(string email)
    {
        var rows = CrowdPackage.Rows("7", [], [email], CrowdPackageHashing.Sha256E164);

        Assert.Equal(["7", "", Sha256Email], Assert.Single(rows));
    }

    [Fact]
    public void Rows_Md5Preset_HashesThe11DigitMobileAndIgnoresEmails()
    {
        var rows = CrowdPackage.Rows("7", ["+86 138 0013 8000", "+44 20 7946 0958"], ["alice@example.com"], CrowdPackageHashing.Md5Mobile);

        Assert.Equal(["7", Md5Mobile], Assert.Single(rows));
    }

    [Fact]
    public void Rows_SeveralIdentities_PairsDistinctPhonesWithDistinctEmails()
    {
        var rows = CrowdPackage.Rows("9", ["13800138000", "+8613800138000", "+44 20 7946 0958", null], ["alice@example.com", "ALICE@example.com"],
            CrowdPackageHashing.Sha256E164);

        Assert.Equal(2, rows.Count);
        Assert.Equal(["9", Sha256PlusE164, Sha256Email], rows[0]);
        Assert.Equal(["9", CrowdPackage.Sha256Hex("+442079460958"), ""], rows[1]);
    }

    [Fact]
    public void Rows_NothingUsable_NoRow()
    {
        var rows = CrowdPackage.Rows("9", ["020 1234 5678", ""], ["not an email", "@example.com"], CrowdPackageHashing.Sha256E164);

        Assert.Empty(rows);
    }

    [Theory]
    [InlineData("+86 138 0013 8000", "13800138000", "+8613800138000")]
    [InlineData("15912345678", "15912345678", "+8615912345678")]
    [InlineData("+44 20 7946 0958", null, "+442079460958")]
    [InlineData("0044 20 7946 0958", null, "+442079460958")]
    [InlineData("020-12345678", null, null)]
    [InlineData("2345678901", null, null)]
    [InlineData(null, null, null)]
    public void Normalizer_Phone_MainlandMobileAndE164(string? phone, string? mobile, string? e164)
    {
        Assert.Equal(mobile, ContactNormalizer.MainlandMobile(phone));
        Assert.Equal(e164, ContactNormalizer.E164(phone));
    }

    [Fact]
    public void Hashes_KnownDigests_MatchIndependentComputation()
    {
        Assert.Equal(Sha256PlusE164, CrowdPackage.Sha256Hex("+8613800138000"));
        Assert.Equal(Md5Mobile, CrowdPackage.Md5Hex("13800138000"));
    }

    [Fact]
    public void Find_KnownAndUnknownKeys_ReturnsPresetOrNull()
    {
        Assert.Equal(CrowdPackageHashing.Md5Mobile, CrowdPackage.Find("CHINA-MD5")?.Hashing);
        Assert.Null(CrowdPackage.Find("myspace"));
    }
}
