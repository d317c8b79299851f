using Dashboard.Domain.Identity;

namespace Dashboard.Tests.Domain.Identity;

public class IdentifierMaskTests
{
    [Theory]
    [InlineData("13800138000", "138****8000")]
    [InlineData("+86 138 0013 8000", "861****8000")]
    [InlineData("021-6123-4567", "021****4567")]
    [InlineData("123456", "1****56")]
    [InlineData("1234", "****")]
    public void Phone_Digits_KeepsFirstThreeAndLastFour(string raw, string masked) => Assert.Equal(masked, IdentifierMask.Phone(raw));

    [Theory]
    [InlineData("jane@example.com", "j***@example.com")]
    [InlineData(" Jane.Doe@Example.COM ", "J***@example.com")]
    [InlineData("no-at-sign", "****")]
    public void Email_Address_KeepsFirstCharacterAndDomain(string raw, string masked) => Assert.Equal(masked, IdentifierMask.Email(raw));

    [Theory]
    [InlineData("M295685497", "M2****97")]
    [InlineData("tb0012345678", "tb****78")]
    [InlineData("M123", "****")]
    public void Id_MemberOrSourceId_KeepsTwoAtEachEnd(string raw, string masked) => Assert.Equal(masked, IdentifierMask.Id(raw));

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void Mask_Blank_IsNull(string? raw)
    {
        Assert.Null(IdentifierMask.Mask(IdentifierKind.Phone, raw));
        Assert.Null(IdentifierMask.Mask(IdentifierKind.Email, raw));
        Assert.Null(IdentifierMask.Mask(IdentifierKind.MemberNo, raw));
    }
}
