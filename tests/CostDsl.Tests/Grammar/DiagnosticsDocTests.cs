using System.Text.RegularExpressions;
using CostDsl.Diagnostics;
using CostDsl.Tests.Support;

namespace CostDsl.Tests.Grammar;

/// <summary>grammar/diagnostics.md lists every code the program reports, each with its title, and no other.</summary>
public partial class DiagnosticsDocTests
{
    [Test]
    public void EveryCodeIsDocumentedWithItsTitle()
    {
        var rows = Row().Matches(File.ReadAllText(Repository.PathTo("grammar", "diagnostics.md")))
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim());
        Assert.That(rows, Is.EquivalentTo(Codes.All.ToDictionary(c => c.Id, c => c.Title)));
    }

    [Test]
    public void CodesAreUnique() =>
        Assert.That(Codes.All.Select(c => c.Id), Is.Unique);

    [GeneratedRegex(@"^\| (CD\d{4}) \| ([^|]+) \|", RegexOptions.Multiline)]
    private static partial Regex Row();
}
