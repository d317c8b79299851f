using Dashboard.Data.Import;

namespace Dashboard.Tests.Data.Import;

public class IsoDateTests
{
    [Theory]
    [InlineData("2024-06-18", "2024-06-18T00:00:00")]
    [InlineData("2024-06-18T20:15:30", "2024-06-18T20:15:30")]
    [InlineData("2024-06-18 20:15:30", "2024-06-18T20:15:30")]
    [InlineData("2024-06-18T20:15:30Z", "2024-06-18T20:15:30")]
    [InlineData("2024-06-18T20:15:30+08:00", "2024-06-18T12:15:30")]
    [InlineData("2024-06-18T02:00:00+08:00", "2024-06-17T18:00:00")]
    [InlineData("2024-12-31T20:00:00-05:30", "2025-01-01T01:30:00")]
    [InlineData("2024-02-29", "2024-02-29T00:00:00")]
    public void TryParseUtc_IsoShapes_GivesUtc(string text, string expected)
    {
        var ok = IsoDate.TryParseUtc(text, out var utc);

        Assert.True(ok);
        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), utc);
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
    }

    [Theory]
    [InlineData("2023-02-29")]
    [InlineData("2024-13-01")]
    [InlineData("2024-06-31")]
    [InlineData("2024-06-18T24:00:00")]
    [InlineData("2024-06-18T20:60:00")]
    [InlineData("2024-06-18T20:15:30X")]
    [InlineData("2024-06-18T20:15:30+15:00")]
    [InlineData("18/06/2024")]
    [InlineData("2024-6-18")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    public void TryParseUtc_NotAnIsoDate_ReturnsFalse(string text)
    {
        var ok = IsoDate.TryParseUtc(text, out _);

        Assert.False(ok);
    }

    [Fact]
    public async Task Import_DateWithFraction_FallsBackToTheGeneralParser()
    {
        await using var kit = await ImportTestKit.CreateAsync();

        var report = await kit.ImportAsync(ImportKind.Spend, ImportTestKit.SpendHeader + "\nsearch,2024-01-01T00:00:00.000Z,1,2,3\n");

        Assert.True(report.Succeeded);
    }
}
