using CostDsl.Diagnostics;
using CostDsl.Parsing;
using CostDsl.Syntax;
using CostDsl.Text;
using CostDsl.Tooling.Formatting;

namespace CostDsl.Tests.Language;

/// <summary>Two parses say the same thing when only layout and comments differ, and never when a name, number, operator or unit does.</summary>
public class SyntaxEqualityTests
{
    private const string Spec = "unit token\nhardware H extends G {\n  memory = 80 GB\n}\nfn f(a, b) = a * b\nlet x = f(2, b: 3 GB/s) in MB/s\nassert x > 1 MB/s \"fast\"\noutput y = -x\nsweep x in [1 GB/s, 2 GB/s]\n";

    private static SyntaxTree Parse(string text)
    {
        var bag = new DiagnosticBag();
        var tree = Parser.ParseFile(new SourceFile("spec.cost", text), bag);
        Assert.That(bag.HasErrors, Is.False, text);
        return tree;
    }

    [Test]
    public void LayoutAndCommentsDoNotCount()
    {
        var relaid = "# a comment\nunit   token\nhardware H extends G {   memory =   80 GB   # why\n}\n\n\nfn f(a,b)=a*b\nlet x = f( 2 ,  b:3 GB/s )  in MB/s\nassert x>1 MB/s \"fast\"\noutput y = - x\nsweep x in [1 GB/s,2 GB/s]";
        var (a, b) = (Parse(Spec), Parse(relaid));
        Assert.That(SyntaxEquality.Same(a, b), Is.True, $"{SyntaxDump.Of(a)}\n---\n{SyntaxDump.Of(b)}");
    }

    [TestCase("memory = 80 GB", "memory = 81 GB")]
    [TestCase("memory = 80 GB", "memory = 80 GiB")]
    [TestCase("memory = 80 GB", "mem = 80 GB")]
    [TestCase("extends G", "extends K")]
    [TestCase("a * b", "a / b")]
    [TestCase("b: 3", "c: 3")]
    [TestCase("in MB/s", "in GB/s")]
    [TestCase("\"fast\"", "\"slow\"")]
    [TestCase("-x", "-(x)")]
    [TestCase("[1 GB/s, 2 GB/s]", "[1 GB/s]")]
    [TestCase("f(a, b)", "f(a, c)")]
    public void AnyChangeInMeaningCounts(string before, string after) =>
        Assert.That(SyntaxEquality.Same(Parse(Spec), Parse(Spec.Replace(before, after, StringComparison.Ordinal))), Is.False, after);

    [Test]
    public void EqualExpressionsHashAlikeSoTheyMeetInASet()
    {
        var a = ((LetDecl)Parse("let x = f(2, 3 GB)").Declarations[0]).Value;
        var b = ((LetDecl)Parse("let x =   f( 2,3 GB )").Declarations[0]).Value;
        var set = new HashSet<Expr>(SyntaxEquality.Expressions) { a };
        Assert.That(set.Contains(b), Is.True);
    }
}
