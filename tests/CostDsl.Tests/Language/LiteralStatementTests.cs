using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using CostDsl.Diagnostics;
using CostDsl.Parsing;
using CostDsl.Syntax;
using CostDsl.Text;

namespace CostDsl.Tests.Language;

/// <summary>
/// Simple let, output and field lines (<c>output o = 5 GB</c>) are scanned by hand (LiteralStatement) instead of by
/// the expression grammar: the grammar alone is the specification. Every declaration (names, values, units, every
/// span with its line and column) and every diagnostic must be what the grammar alone gives, for the simple lines
/// and for every near miss that the scan must leave to the grammar.
/// </summary>
public class LiteralStatementTests
{
    private static readonly string[] Values =
    [
        "5", "5 GB", "5GB", "80 GB", "1.5 TFLOP/s", "2e3 W", "1_000 token", "10%", "10% GB", "45 %", "5 GB h", "5 kW h", "5 s^2", "5 GB ^2",
        "5 GB/s", "5 GB//c", "5 GB # c", "5 GB // c", "5 GB\t", "5 GB\r", "5 GB;", "5 GB; let y = 2", "5 GB }", "5 to 10", "5 GB to 10 GB",
        "5 in MB", "5 GB in MB", "5 GB + 1 GB", "5 * 2", "5.", "5.x", "5e", "5e+", "1e999 GB", "5 1/s", "5 _u", "5 é", "5 GBé",
        "x", "x_1", "x.y", "x .y", "x(1)", "x (1)", "x ()", "x # c", "x;", "x }", "if", "not x", "to", "-5", "(5)", "[5]", "5 ==", "",
        "\n 5", "# c\n5", "5 GB\n+ 1", "5 GB +\n1", "\"s\"", "5 GB 6", "5 GB x", "x y", "x to y", "x in GB", "x^2", "x@",
    ];

    private static readonly string[] Starts =
    [
        "let a = ", "output a = ", "let  a\t=\t", "output a=", "let a==", "let in = ", "output to = ", "let a ", "let = ", "output a in GB", "leta = ",
        "let é = ", "let _ = ", "output a = ", "let 1 = ",
    ];

    public static IEnumerable<string> Lines() => Starts.SelectMany(start => Values.Select(value => start + value));

    [TestCaseSource(nameof(Lines))]
    public void ALineReadsAsTheGrammarReadsIt(string line)
    {
        AssertSame(line);
        AssertSame("let before = 1\n  " + line + "\noutput after = 2\n");
    }

    [TestCaseSource(nameof(FieldLines))]
    public void AFieldReadsAsTheGrammarReadsIt(string field)
    {
        AssertSame("model m {\n  " + field + "\n}\n");
        AssertSame("workload w { " + field + " }");
        AssertSame("hardware h { a = 1; " + field + "; b = 2 }\noutput x = h.a");
    }

    public static IEnumerable<string> FieldLines() =>
        new[] { "memory = ", "output = ", "in = ", "let = ", "_f\t= ", "f=", "f == ", "f " }.SelectMany(start => Values.Select(value => start + value));

    [Test]
    public void RandomTextReadsAsTheGrammarReadsIt()
    {
        var random = new Random(18);
        string[] pieces = ["let ", "output ", "model m {", "}", " ", "\t", "\n", "\r", "a", "b1", "GB", "s", "5", "1.5", "2e3", "1_0", "7%", "=", "==", "# c", "// c", "to", "in", "if",
            "(", ")", ".", "^", "/", "*", "+", "-", ";", ",", "[", "]", "é", "\"", "1/"];
        for (var i = 0; i < 4000; i++)
        {
            var text = new StringBuilder();
            var count = random.Next(1, 14);
            for (var j = 0; j < count; j++)
            {
                text.Append(pieces[random.Next(pieces.Length)]);
            }

            AssertSame(text.ToString());
        }
    }

    [Test]
    public void TheSimpleShapesAreScanned()
    {
        // Not a test of the result (the tests above are), but that the scan takes these lines at all, so that they test it.
        string[] scanned = ["output o1 = 1 GB", "let a = 5", "let a = b # note", "output o = 10%;", "let x = 2.5e3 TFLOP\r\n"];
        foreach (var line in scanned)
        {
            Assert.That(LiteralStatement.TryScan(new SourceFile("s.cost", line), 0, line[0] == 'l' ? LiteralStatement.Kind.Let : LiteralStatement.Kind.Output), Is.Not.Null, line);
        }

        Assert.That(LiteralStatement.TryScan(new SourceFile("s.cost", "memory = 80 GB }"), 0, LiteralStatement.Kind.Field), Is.Not.Null);
        string[] left = ["let a = 5 to 10", "output o = 5 GB/s", "let a = f(1)", "let a =\n5", "output o = 5 GB in MB"];
        foreach (var line in left)
        {
            Assert.That(LiteralStatement.TryScan(new SourceFile("s.cost", line), 0, line[0] == 'l' ? LiteralStatement.Kind.Let : LiteralStatement.Kind.Output), Is.Null, line);
        }
    }

    private static void AssertSame(string text)
    {
        var file = new SourceFile("literal.cost", text);
        var scannedDiagnostics = new DiagnosticBag();
        var scanned = Parser.ParseFile(file, scannedDiagnostics);
        var grammarDiagnostics = new DiagnosticBag();
        var grammar = Parser.ParseFileWithGrammarOnly(file, grammarDiagnostics);
        Assert.Multiple(() =>
        {
            Assert.That(Dump(scanned.Declarations), Is.EqualTo(Dump(grammar.Declarations)), text);
            Assert.That(grammarDiagnostics.Items.Select(Describe), Is.EqualTo(scannedDiagnostics.Items.Select(Describe)), text);
        });
    }

    private static string Describe(Diagnostic d) => $"{d.Line}:{d.Column} {d.Code.Id} {d.Message}";

    /// <summary>Every property of a syntax node, spans with their offsets, lines and columns.</summary>
    private static string Dump(object? value)
    {
        switch (value)
        {
            case null:
                return "null";
            case SourceSpan span:
                return $"[{span.Start}+{span.Length} {span.Line}:{span.Column}]";
            case string s:
                return $"\"{s}\"";
            case double d:
                return d.ToString("R", CultureInfo.InvariantCulture);
            case IEnumerable items:
                return "[" + string.Join(", ", items.Cast<object?>().Select(Dump)) + "]";
            case var other when other.GetType().IsPrimitive || other.GetType().IsEnum:
                return other.ToString() ?? string.Empty;
            default:
                var properties = value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0);
                return value.GetType().Name + "(" + string.Join(", ", properties.Select(p => p.Name + ": " + Dump(p.GetValue(value)))) + ")";
        }
    }
}
