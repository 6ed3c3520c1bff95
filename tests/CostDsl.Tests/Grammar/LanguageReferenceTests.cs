using System.Text;
using CostDsl.Semantics;
using CostDsl.Syntax;
using CostDsl.Tests.Support;

namespace CostDsl.Tests.Grammar;

/// <summary>grammar/language.md stays true: its known-fields table is the checker's, and nothing cites a LANGUAGE.md the repository lacks.</summary>
public class LanguageReferenceTests
{
    private const string Begin = "<!-- known-fields:begin -->\n";
    private const string End = "<!-- known-fields:end -->";

    [Test]
    public void TheKnownFieldsTableIsGeneratedFromKnownFields()
    {
        var text = File.ReadAllText(Repository.PathTo("grammar", "language.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var start = text.IndexOf(Begin, StringComparison.Ordinal) + Begin.Length;
        var end = text.IndexOf(End, StringComparison.Ordinal);
        Assert.That(start >= Begin.Length && end > start, Is.True, "grammar/language.md keeps the table between its markers");
        Assert.That(text[start..end], Is.EqualTo(Table()), "regenerate the table between the markers from this test's expected text");
    }

    [Test]
    public void NoFileCitesAMissingLanguageMd()
    {
        var cited = new[] { "README.md", "examples/README.md" }
            .Concat(Directory.GetFiles(Repository.PathTo("grammar"), "*.md"))
            .Concat(Directory.GetFiles(Repository.PathTo("src"), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(Path.IsPathRooted(f) ? f : Repository.PathTo(f)).Contains("LANGUAGE.md", StringComparison.Ordinal));
        Assert.That(cited, Is.Empty);
    }

    private static string Table()
    {
        var table = new StringBuilder("| block | field | must be |\n|---|---|---|\n");
        foreach (var kind in new[] { BlockKind.Hardware, BlockKind.Model, BlockKind.Workload })
        {
            foreach (var rule in KnownFields.Of(kind).OrderBy(r => r.Field, StringComparer.Ordinal))
            {
                table.Append($"| {kind.ToString().ToLowerInvariant()} | `{rule.Field}` | {rule.Meaning} |\n");
            }
        }

        return table.ToString();
    }
}
