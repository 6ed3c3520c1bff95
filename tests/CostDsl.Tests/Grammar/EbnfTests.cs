using System.Text.RegularExpressions;
using CostDsl.Diagnostics;
using CostDsl.Parsing;
using CostDsl.Syntax;
using CostDsl.Tests.Support;
using CostDsl.Text;

namespace CostDsl.Tests.Grammar;

/// <summary>grammar/costdsl.ebnf is kept true: its words are the parser's, and its examples parse.</summary>
public partial class EbnfTests
{
    private static readonly string Ebnf = File.ReadAllText(Repository.PathTo("grammar", "costdsl.ebnf"));

    private static HashSet<string> Terminals() =>
        [.. QuotedTerminal().Matches(Comment().Replace(Ebnf, string.Empty)).Select(m => m.Groups[1].Value)];

    [Test]
    public void ItsKeywordsAreExactlyTheParsersKeywords()
    {
        var words = Terminals().Where(t => t.Length > 1 && t.All(char.IsLetter)).ToHashSet();
        Assert.That(words, Is.EquivalentTo(Lexical.Keywords));
    }

    [Test]
    public void EveryOperatorOfTheLanguageIsInIt()
    {
        var operators = Enum.GetValues<BinaryOp>().Select(OperatorText.Of).Concat(Enum.GetValues<UnaryOp>().Select(OperatorText.Of));
        Assert.That(operators.Except(Terminals()), Is.Empty);
    }

    [Test]
    public void ItsPrecedenceLevelsAreInTheOrderOfLanguageMd()
    {
        string[] levels = ["if_expr", "or_expr", "and_expr", "not_expr", "comparison", "range", "sum", "product", "unary", "power", "quantity", "postfix"];
        var positions = levels.Select(rule => Ebnf.IndexOf($"\n{rule} ", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(positions, Has.None.EqualTo(-1), "every level has a rule");
            Assert.That(positions, Is.Ordered);
        });
    }

    public static IEnumerable<string> Examples() =>
        ExampleLine().Matches(Ebnf).Select(m => m.Groups[1].Value.Trim());

    [TestCaseSource(nameof(Examples))]
    public void ItsExamplesParse(string example)
    {
        var diagnostics = new DiagnosticBag();
        var tree = Parser.ParseFile(new SourceFile("example.cost", example), diagnostics);
        Assert.Multiple(() =>
        {
            Assert.That(diagnostics.Items, Is.Empty, () => DiagnosticRenderer.RenderAll(diagnostics.Items));
            Assert.That(tree.Declarations, Has.Length.EqualTo(1));
        });
    }

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex QuotedTerminal();

    [GeneratedRegex(@"\(\*[\s\S]*?\*\)")]
    private static partial Regex Comment();

    [GeneratedRegex(@"example: (.+)")]
    private static partial Regex ExampleLine();
}
