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

/// <summary>Issue 6's must-holds for fmt, over every file of examples/ and rules/.</summary>
public partial class FormatterMustHoldTests
{
    private static SourceFile Load(string relative) =>
        new(relative, File.ReadAllText(Repository.PathTo(relative)), Repository.PathTo(relative));

    private static FormatResult Formatted(string relative)
    {
        var result = Formatter.Format(Load(relative));
        Assert.That(result.HasErrors, Is.False, () => DiagnosticRenderer.RenderAll(result.Diagnostics));
        return result;
    }

    [TestCaseSource(typeof(SpecFiles), nameof(SpecFiles.All))]
    public void ItParsesToTheSameProgram(string relative)
    {
        var original = Load(relative);
        var formatted = new SourceFile(relative, Formatted(relative).Text, original.Location);
        var before = new DiagnosticBag();
        var after = new DiagnosticBag();
        var dumpBefore = SyntaxDump.Of(Parser.ParseFile(original, before));
        var dumpAfter = SyntaxDump.Of(Parser.ParseFile(formatted, after));
        Assert.Multiple(() =>
        {
            Assert.That(after.Items, Is.Empty, () => DiagnosticRenderer.RenderAll(after.Items));
            Assert.That(dumpAfter, Is.EqualTo(dumpBefore));
        });
    }

    [TestCaseSource(typeof(SpecFiles), nameof(SpecFiles.All))]
    public void ItEvaluatesToTheSameJson(string relative)
    {
        var engine = new CostEngine();
        var original = Load(relative);
        var formatted = new SourceFile(relative, Formatted(relative).Text, original.Location);
        Assert.That(WithoutPositions(JsonReport.Write(engine.Evaluate(formatted))), Is.EqualTo(WithoutPositions(JsonReport.Write(engine.Evaluate(original)))));
    }

    [TestCaseSource(typeof(SpecFiles), nameof(SpecFiles.All))]
    public void ItIsIdempotent(string relative)
    {
        var once = Formatted(relative).Text;
        var twice = Formatter.Format(new SourceFile(relative, once, Repository.PathTo(relative)));
        Assert.Multiple(() =>
        {
            Assert.That(twice.Text, Is.EqualTo(once));
            Assert.That(twice.Changed, Is.False);
        });
    }

    [TestCaseSource(typeof(SpecFiles), nameof(SpecFiles.All))]
    public void EveryCommentSurvivesOnItsOwnLineOrAfterItsCode(string relative)
    {
        var original = Load(relative);
        var formatted = new SourceFile(relative, Formatted(relative).Text);
        var before = SourceComment.Scan(original);
        var after = SourceComment.Scan(formatted);
        Assert.That(after.Select(c => (c.Text, c.Standalone)), Is.EqualTo(before.Select(c => (c.Text, c.Standalone))));

        // A trailing comment still follows the same code (compared without blanks).
        for (var i = 0; i < before.Count; i++)
        {
            if (!before[i].Standalone)
            {
                Assert.That(CodeBefore(formatted, after[i]), Is.EqualTo(CodeBefore(original, before[i])).Or.EndsWith(LastStatement(CodeBefore(original, before[i]))), before[i].Text);
            }
        }
    }

    private static string CodeBefore(SourceFile file, SourceComment comment) =>
        Blanks().Replace(file.LineText(comment.Line)[..(comment.Column - 1)], string.Empty);

    private static string LastStatement(string code) => code.Split(';', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? code;

    /// <summary>Line numbers may move (blank lines collapse), so positions are left out of the comparison.</summary>
    private static string WithoutPositions(string json) => Position().Replace(json, string.Empty);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Blanks();

    [GeneratedRegex(@"""(line|column)"": \d+,?")]
    private static partial Regex Position();
}
