using System.Text.RegularExpressions;
using CostDsl.Diagnostics;
using CostDsl.Engine;
using CostDsl.Output;
using CostDsl.Parsing;
using CostDsl.Syntax;
using CostDsl.Tests.Support;
using CostDsl.Text;
using CostDsl.Tooling.Formatting;

namespace CostDsl.Tests.Tooling;

/// <summary>
/// fmt on inputs that are not formatted (Unformatted/: copies of examples with their alignment
/// removed, operators spread, tabs, trailing blanks and extra blank lines), so that each test compares
/// two different texts and can fail: the layout changes, the program, its numbers (samples included)
/// and its comments do not, and a second fmt changes nothing.
/// </summary>
public partial class FormatterOnUnformattedInputTests
{
    public static IEnumerable<string> Inputs() =>
        Directory.GetFiles(Repository.PathTo("tests", "CostDsl.Tests", "Tooling", "Unformatted"), "*.cost").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    private static SourceFile Unformatted(string name) =>
        new($"examples/{name}", File.ReadAllText(Repository.PathTo("tests", "CostDsl.Tests", "Tooling", "Unformatted", name)), Repository.PathTo("examples", name));

    private static SourceFile Canonical(string name) =>
        new($"examples/{name}", File.ReadAllText(Repository.PathTo("examples", name)), Repository.PathTo("examples", name));

    private static SourceFile Formatted(string name)
    {
        var result = Formatter.Format(Unformatted(name));
        Assert.That(result.HasErrors, Is.False, () => DiagnosticRenderer.RenderAll(result.Diagnostics));
        return new SourceFile($"examples/{name}", result.Text, Repository.PathTo("examples", name));
    }

    [TestCaseSource(nameof(Inputs))]
    public void TheInputIsReallyUnformattedAndFmtChangesIt(string name)
    {
        var result = Formatter.Format(Unformatted(name));
        Assert.Multiple(() =>
        {
            Assert.That(Unformatted(name).Text, Is.Not.EqualTo(Canonical(name).Text));
            Assert.That(result.Changed, Is.True);
            Assert.That(result.Text, Does.Not.Contain("\t").And.Not.Contain(" \n").And.Not.Contain("\n\n\n").And.Not.StartWith("\n"));
            Assert.That(result.Text, Does.Not.Contain("  *").And.Not.Contain("( "));
        });
    }

    [TestCaseSource(nameof(Inputs))]
    public void ItParsesToTheSameProgramAsTheExample(string name)
    {
        var bag = new DiagnosticBag();
        var formatted = SyntaxDump.Of(Parser.ParseFile(Formatted(name), bag));
        Assert.Multiple(() =>
        {
            Assert.That(bag.Items, Is.Empty);
            Assert.That(formatted, Is.EqualTo(SyntaxDump.Of(Parser.ParseFile(Canonical(name), new DiagnosticBag()))));
        });
    }

    [TestCaseSource(nameof(Inputs))]
    public void ItEvaluatesToTheSameJsonAsTheExampleAndAsTheUnformattedCopy(string name)
    {
        var engine = new CostEngine();
        var options = new EvaluationOptions { Samples = 2_000 };
        var canonical = WithoutPositions(JsonReport.Write(engine.Evaluate(Canonical(name), options)));
        Assert.Multiple(() =>
        {
            Assert.That(WithoutPositions(JsonReport.Write(engine.Evaluate(Formatted(name), options))), Is.EqualTo(canonical));
            Assert.That(WithoutPositions(JsonReport.Write(engine.Evaluate(Unformatted(name), options))), Is.EqualTo(canonical));
        });
    }

    [TestCaseSource(nameof(Inputs))]
    public void ItIsIdempotent(string name)
    {
        var once = Formatted(name);
        var twice = Formatter.Format(once);
        Assert.Multiple(() =>
        {
            Assert.That(twice.Text, Is.EqualTo(once.Text));
            Assert.That(twice.Changed, Is.False);
        });
    }

    [TestCaseSource(nameof(Inputs))]
    public void EveryCommentSurvives(string name)
    {
        var before = SourceComment.Scan(Unformatted(name)).Select(c => (c.Text.TrimEnd(), c.Standalone));
        var after = SourceComment.Scan(Formatted(name)).Select(c => (c.Text.TrimEnd(), c.Standalone));
        Assert.That(after, Is.EqualTo(before));
    }

    [TestCaseSource(nameof(Inputs))]
    public void EveryLineWithoutACommentIsTheExamplesLine(string name)
    {
        // Alignment of trailing comments is the one thing fmt cannot restore (it keeps their column).
        static IEnumerable<string> Code(string text) => text.Split('\n').Where(l => !l.Contains('#', StringComparison.Ordinal));
        Assert.That(Code(Formatted(name).Text), Is.EqualTo(Code(Canonical(name).Text)));
    }

    private static string WithoutPositions(string json) => Position().Replace(json, string.Empty);

    [GeneratedRegex(@"""(line|column)"": \d+,?")]
    private static partial Regex Position();
}
