using CostDsl.Tests.Support;
using CostDsl.Text;
using CostDsl.Tooling.Formatting;

namespace CostDsl.Tests.Tooling;

public class FormatterTests
{
    private static string Fmt(string text)
    {
        var result = Formatter.Format(new SourceFile("spec.cost", text));
        Assert.That(result.HasErrors, Is.False);
        return result.Text;
    }

    [Test]
    public void OperatorsGetOneSpaceAndNumbersAndUnitsStayAsWritten()
    {
        Assert.That(Fmt("let x=1_000*(2+3)   /4.0e3 GB\nlet y = -x^2+f( a ,b:3)\n"), Is.EqualTo("let x = 1_000 * (2 + 3) / 4.0e3 GB\nlet y = -x ^ 2 + f(a, b: 3)\n"));
    }

    [Test]
    public void ADivisionAfterAUnitStaysADivision()
    {
        Assert.That(Fmt("let n = 2\nlet a = 80 GB / n\nlet b = (3 GB) ^ 2\nlet c = 6 FLOP/token * n\n"), Is.EqualTo("let n = 2\nlet a = 80 GB / n\nlet b = (3 GB) ^ 2\nlet c = 6 FLOP/token * n\n"));
    }

    [Test]
    public void EqualsAlignInsideABlockAndInARunOfLets()
    {
        Assert.That(
            Fmt("hardware H {\n   memory = 80 GB   # vendor\n  int8=624 TOPS\n}\nlet a = 1\nlet longer = 2\n\nlet b = 3\n"),
            Is.EqualTo("hardware H {\n  memory = 80 GB    # vendor\n  int8   = 624 TOPS\n}\nlet a      = 1\nlet longer = 2\n\nlet b = 3\n"));
    }

    [Test]
    public void BlankLinesCollapseToOneAndStatementsGetALineEach()
    {
        Assert.That(Fmt("\n\nlet a = 1; let b = 2\n\n\n\nlet c = 3\n\n"), Is.EqualTo("let a = 1\nlet b = 2\n\nlet c = 3\n"));
    }

    [Test]
    public void CommentsStayWhereTheyWere()
    {
        var text = "# header\n\nlet a = 1        # why a\n                 # and more\nhardware H {  # the device\n  # its memory\n  memory = 8 GB\n}  # done\n// slashes too\n";
        Assert.That(Fmt(text), Is.EqualTo(text));
    }

    [Test]
    public void ATrailingCommentMovesOnlyWhenTheCodeGrowsIntoIt()
    {
        Assert.That(Fmt("let a = 1 # x\nlet bbbbbb = 2\n"), Is.EqualTo("let a      = 1  # x\nlet bbbbbb = 2\n"));
    }

    [Test]
    public void AOneLineBlockStaysOnOneLine()
    {
        Assert.That(Fmt("hardware T4 {int8=130 TOPS;memory=16 GB}\n"), Is.EqualTo("hardware T4 { int8 = 130 TOPS; memory = 16 GB }\n"));
    }

    [Test]
    public void ADeclarationOverSeveralLinesKeepsItsText()
    {
        var text = "let a = 1\nlet total = (a +   # first\n             a)\n";
        Assert.That(Fmt(text), Is.EqualTo(text));
    }

    [Test]
    public void EveryDeclarationKindRoundTrips()
    {
        var text = "import \"std/hardware/nvidia.cost\"\nunit gpu\nunit CNY = USD / 7.1\nfn f(a, b) = a * b\nlet u = 35% to 55%\noutput o = if 1 < 2 then 1 else 2\noutput u in unitless\nassert not (1 == 2) and 1 >= 0 \"a \\\"quoted\\\" message\"\nsweep A100.price in [1 USD, 2 USD]\n";
        Assert.That(Fmt(text), Is.EqualTo(text));
    }

    [Test]
    public void AFileWithSyntaxErrorsIsLeftAlone()
    {
        var result = Formatter.Format(new SourceFile("bad.cost", "let x = (1 +\n"));
        Assert.Multiple(() =>
        {
            Assert.That(result.HasErrors, Is.True);
            Assert.That(result.Text, Is.EqualTo("let x = (1 +\n"));
            Assert.That(result.Changed, Is.False);
        });
    }

    [Test]
    public void CheckListsTheFilesItWouldChangeAndExitsWithOne()
    {
        using var folder = new TempFolder();
        var clean = folder.Write("clean.cost", "let a = 1\n");
        var messy = folder.Write("messy.cost", "let a=1\n");
        var check = CliRunner.Run("fmt", "--check", clean, messy);
        Assert.Multiple(() =>
        {
            Assert.That(check.ExitCode, Is.EqualTo(1));
            Assert.That(check.Output, Is.EqualTo(messy + Environment.NewLine));
            Assert.That(File.ReadAllText(messy), Is.EqualTo("let a=1\n"), "--check changes nothing");
        });

        var write = CliRunner.Run("fmt", clean, messy);
        Assert.Multiple(() =>
        {
            Assert.That(write.ExitCode, Is.EqualTo(0), write.Error);
            Assert.That(File.ReadAllText(messy), Is.EqualTo("let a = 1\n"));
            Assert.That(CliRunner.Run("fmt", "--check", clean, messy).ExitCode, Is.EqualTo(0));
        });
    }

    [Test]
    public void TheCommandReportsErrorsAndMissingFiles()
    {
        using var folder = new TempFolder();
        var bad = folder.Write("bad.cost", "let x = \n");
        var outcome = CliRunner.Run("fmt", bad, folder.PathOf("missing.cost"));
        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(1));
            Assert.That(outcome.Error, Does.Contain("CD0101").And.Contain("CD0001"));
            Assert.That(CliRunner.Run("fmt").ExitCode, Is.EqualTo(2));
        });
    }
}
