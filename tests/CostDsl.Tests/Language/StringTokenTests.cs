using CostDsl.Parsing;
using CostDsl.Tests.Support;
using CostDsl.Text;
using Sprache;

namespace CostDsl.Tests.Language;

/// <summary>
/// The string token is scanned by hand (it was a composition of Sprache's parsers that allocated per
/// character): every value, end, line, column, failure place, expectation and message must be the
/// composition's, so the diagnostics a user sees for a bad string are unchanged.
/// </summary>
public class StringTokenTests
{
    // The composition the hand-written token replaced, kept here as its specification.
    private static readonly Parser<string> Composed =
        (from open in Parse.Char('"')
         from chars in Parse.String("\\\"").Return('"').Or(Parse.String("\\\\").Return('\\')).Or(Parse.CharExcept("\"\n")).Many().Text()
         from close in Parse.Char('"').Named("closing '\"'")
         select chars)
        .Named("string");

    private static readonly string[] Written =
    [
        "\"\"", "\"GPU hours\"", "\"a \\\"quoted\\\" word\"", "\"back\\\\slash\"", "\"\\n is two characters\"", "\"ends in a backslash\\\"",
        "\"not closed", "\"not closed\nnext line\"", "\"", "", "x\"", "'single'", "\"tab\tand\rreturn\"", "\"\\\\\\\"\"", "\"\\\"", "\"\\\\\"",
        "\"std/hardware/nvidia.cost\" # a comment", "\"ünïcødé → 中文\"", "\"a\" \"b\"",
    ];

    public static IEnumerable<string> Cases() => Written;

    [TestCaseSource(nameof(Cases))]
    public void TheScannedStringIsTheComposedOne(string text)
    {
        foreach (var start in new[] { 0, 2 })
        {
            AssertSame("= " + text, start, line: 3, column: 7);
        }

        AssertSame(text, 0, line: 1, column: 1);
    }

    [Test]
    public void RandomTextReadsAsTheComposedParserReadsIt()
    {
        var random = new Random(5);
        const string alphabet = "\"\\\nab \t\r#";
        for (var i = 0; i < 3000; i++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(0, 12)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            AssertSame("\"" + text, 0, line: 1, column: 1);
            AssertSame(text, 0, line: 1, column: 1);
        }
    }

    [Test]
    public void AnUnclosedStringIsReportedAtTheEndOfItsLine()
    {
        var result = Spec.Run("import \"std/a\noutput x = 1");
        Assert.That(result.Diagnostics.Select(d => $"{d.Line}:{d.Column} {d.Code.Id} {d.Message}"), Is.EqualTo(new[] { "1:14 CD0101 unexpected end of line; expected closing '\"'" }));
    }

    private static void AssertSame(string text, int position, int line, int column)
    {
        var file = new SourceFile("strings.cost", text);
        var input = new SourceInput(file, new ParseBudget(Parser.DefaultMaxDepth), position, line, column);
        var expected = Composed(input);
        var actual = Lexical.String(input);
        var what = $"'{text}' at {position}";
        Assert.Multiple(() =>
        {
            Assert.That(actual.WasSuccessful, Is.EqualTo(expected.WasSuccessful), what);
            Assert.That(actual.Remainder.Position, Is.EqualTo(expected.Remainder.Position), what);
            Assert.That((actual.Remainder.Line, actual.Remainder.Column), Is.EqualTo((expected.Remainder.Line, expected.Remainder.Column)), what);
            if (expected.WasSuccessful)
            {
                Assert.That(actual.Value, Is.EqualTo(expected.Value), what);
            }
            else
            {
                Assert.That(actual.Expectations, Is.EqualTo(expected.Expectations), what);
                Assert.That(actual.Message, Is.EqualTo(expected.Message), what);
            }
        });
    }
}
