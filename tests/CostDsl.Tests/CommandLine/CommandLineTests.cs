using CostDsl.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CostDsl.Tests.CommandLine;

public class CommandLineTests
{
    private static string WriteSpec(TempFolder folder, string text) => folder.Write("spec.cost", text);

    [Test]
    public void EvalPrintsJsonAndExitsZero()
    {
        using var folder = new TempFolder();
        var outcome = CliRunner.Run("eval", WriteSpec(folder, "output x = 2 GB in MB"));
        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(0));
            Assert.That(JObject.Parse(outcome.Output)["outputs"]!["x"]!["value"]!.Value<double>(), Is.EqualTo(2000));
            Assert.That(outcome.Error, Is.Empty);
        });
    }

    [Test]
    public void AnErrorExitsOneAndPrintsACaretUnderTheSpot()
    {
        using var folder = new TempFolder();
        var path = WriteSpec(folder, "let x = 19.5 TFLOP/s + 80 GB");
        var outcome = CliRunner.Run("eval", path);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(1));
            Assert.That(outcome.Error, Is.EqualTo(
                $"{path}:1:22: error CD0201: cannot add TFLOP/s and GB\n" +
                "   1 | let x = 19.5 TFLOP/s + 80 GB\n" +
                "     |                      ^\n"));
        });
    }

    [Test]
    public void AFailedAssertExitsOne()
    {
        using var folder = new TempFolder();
        Assert.That(CliRunner.Run("eval", WriteSpec(folder, "assert 1 > 2 \"never\"")).ExitCode, Is.EqualTo(1));
    }

    [TestCase]
    [TestCase("eval")]
    [TestCase("eval", "--format", "xml", "x.cost")]
    [TestCase("eval", "--bogus", "x.cost")]
    [TestCase("frobnicate")]
    public void BadUsageExitsTwo(params string[] args)
    {
        var outcome = CliRunner.Run(args);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(2));
            Assert.That(outcome.Error, Does.Contain("costdsl --help"));
        });
    }

    [Test]
    public void HelpAndVersionExitZero()
    {
        var help = CliRunner.Run("--help");
        var version = CliRunner.Run("--version");
        Assert.Multiple(() =>
        {
            Assert.That(help.ExitCode, Is.EqualTo(0));
            Assert.That(help.Output, Does.Contain("eval").And.Contain("check"));
            Assert.That(version.ExitCode, Is.EqualTo(0));
            Assert.That(version.Output.Trim(), Does.Match(@"^\d+\.\d+\.\d+"));
        });
    }

    [Test]
    public void SetOverridesALetAndABlockField()
    {
        using var folder = new TempFolder();
        var path = WriteSpec(folder, "hardware G { price = 10000 USD }\nlet count = 4\noutput cost = count * G.price in USD");
        var outcome = CliRunner.Run("eval", path, "--set", "count=8", "--set", "G.price=12000 USD");
        Assert.That(JObject.Parse(outcome.Output)["outputs"]!["cost"]!["value"]!.Value<double>(), Is.EqualTo(96000));
    }

    [Test]
    public void SetIsCheckedLikeAnyExpression()
    {
        using var folder = new TempFolder();
        var path = WriteSpec(folder, "hardware G { price = 10000 USD }\noutput cost = G.price");
        var wrongUnit = CliRunner.Run("eval", path, "--set", "G.price=12000 GB");
        var unknown = CliRunner.Run("eval", path, "--set", "G.prize=1 USD");
        var malformed = CliRunner.Run("eval", path, "--set", "G.price=12000 +");
        Assert.Multiple(() =>
        {
            Assert.That(wrongUnit.ExitCode, Is.EqualTo(1));
            Assert.That(wrongUnit.Error, Does.Contain("error CD0204"));
            Assert.That(unknown.Error, Does.Contain("error CD0311").And.Contain("did you mean 'G.price'?"));
            Assert.That(malformed.Error, Does.Contain("--set G.price:1:8: error CD0101"));
        });
    }

    [Test]
    public void TableFormatUsesReadablePrefixes()
    {
        using var folder = new TempFolder();
        var outcome = CliRunner.Run("eval", WriteSpec(folder, "output weights = 13.5e9 B\noutput rate = 312e12 FLOP/s\noutput power = 400 W\noutput time = 5400 s"), "--format", "table");
        Assert.That(outcome.Output, Does.Contain("weights  13.5 GB").And.Contain("rate     312 TFLOP/s").And.Contain("power    400 W").And.Contain("time     1.5 h"));
    }

    [Test]
    public void OutWritesTheResultToAFile()
    {
        using var folder = new TempFolder();
        var target = folder.PathOf("result.json");
        var outcome = CliRunner.Run("eval", WriteSpec(folder, "output x = 1"), "--out", target);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Output, Is.Empty);
            Assert.That(JObject.Parse(File.ReadAllText(target))["outputs"]!["x"]!["value"]!.Value<int>(), Is.EqualTo(1));
        });
    }

    [Test]
    public void SeveralFilesGiveAnArray()
    {
        using var folder = new TempFolder();
        var a = folder.Write("a.cost", "output x = 1");
        var b = folder.Write("b.cost", "output x = 1 +");
        var outcome = CliRunner.Run("eval", a, b);
        Assert.Multiple(() =>
        {
            Assert.That(JArray.Parse(outcome.Output), Has.Count.EqualTo(2));
            Assert.That(outcome.ExitCode, Is.EqualTo(1));
        });
    }

    [Test]
    public void CheckPrintsDiagnosticsOnly()
    {
        using var folder = new TempFolder();
        var good = CliRunner.Run("check", folder.Write("good.cost", "output x = 1"));
        var bad = CliRunner.Run("check", folder.Write("bad.cost", "output x = 1 GB + 1 s\noutput y = nope"));
        Assert.Multiple(() =>
        {
            Assert.That((good.ExitCode, good.Output.Trim()), Is.EqualTo((0, folder.PathOf("good.cost") + ": ok")));
            Assert.That((bad.ExitCode, bad.Output.Trim()), Is.EqualTo((1, folder.PathOf("bad.cost") + ": 2 errors")));
        });
    }

    [Test]
    public void AMissingFileIsADiagnosticWithItsName()
    {
        var outcome = CliRunner.Run("eval", "no/such/file.cost");
        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(1));
            Assert.That(outcome.Error, Does.StartWith("no/such/file.cost:1:1: error CD0001: file not found"));
        });
    }
}
