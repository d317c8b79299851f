using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Dashboard.Tests.Shared;

/// <summary>Every UI text the pages ask for exists in English and in Simplified Chinese.</summary>
public partial class LocalizationTests
{
    [Fact]
    public void Resources_EveryLocalizedTextInMarkup_HasEnglishAndChinese()
    {
        var root = RepositoryRoot();
        var used = Directory.EnumerateFiles(Path.Combine(root, "Dashboard"), "*.razor", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => KeyPattern().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);
        var english = Keys(Path.Combine(root, "Dashboard", "Resources", "Strings.resx"));
        var chinese = Keys(Path.Combine(root, "Dashboard", "Resources", "Strings.zh-Hans.resx"));

        Assert.NotEmpty(used);
        Assert.Empty(used.Except(english).Order());
        Assert.Empty(used.Except(chinese).Order());
        Assert.Empty(english.Except(chinese).Order());
    }

    [Theory]
    [InlineData("Strings.resx")]
    [InlineData("Strings.zh-Hans.resx")]
    public void Resources_Keys_AreUniqueIgnoringCase(string file)
    {
        var names = XDocument.Load(Path.Combine(RepositoryRoot(), "Dashboard", "Resources", file)).Root!.Elements("data")
            .Select(d => (string)d.Attribute("name")!);

        var duplicates = names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key);

        Assert.Empty(duplicates);
    }

    private static HashSet<string> Keys(string resx) =>
        XDocument.Load(resx).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("Dashboard.sln not found");
    }

    // L["Some text"] in markup; keys built at run time (L[t.Table]) are listed in LocalizedNames.
    [GeneratedRegex("""L\["([^"]+)"\]""")]
    private static partial Regex KeyPattern();
}
