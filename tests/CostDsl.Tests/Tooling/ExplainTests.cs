using CostDsl.Diagnostics;
using CostDsl.Engine;
using CostDsl.Tests.Support;
using CostDsl.Text;
using CostDsl.Tooling.Explaining;
using Newtonsoft.Json.Linq;

namespace CostDsl.Tests.Tooling;

public class ExplainTests
{
    private static ExplainNode ExplainFile(string relative, string name)
    {
        var file = new SourceFile(relative, File.ReadAllText(Repository.PathTo(relative)), Repository.PathTo(relative));
        return Explain(file, name, Explainer.DefaultDepth);
    }

    private static ExplainNode Explain(SourceFile file, string name, int depth = Explainer.DefaultDepth, params string[] sets)
    {
        var (program, diagnostics) = new CostEngine().Check(file, new EvaluationOptions { Sets = sets });
        Assert.That(program, Is.Not.Null, () => DiagnosticRenderer.RenderAll(diagnostics));
        var bag = new DiagnosticBag();
        var tree = new Explainer(program!, bag, depth).Explain(name);
        Assert.That(tree, Is.Not.Null);
        return tree!;
    }

    private static ExplainNode ExplainSpec(string text, string name, int depth, params string[] sets) =>
        Explain(new SourceFile("spec.cost", text, Repository.PathTo("spec.cost")), name, depth, sets);

    private static ExplainNode ExplainSpec(string text, string name, params string[] sets) => ExplainSpec(text, name, Explainer.DefaultDepth, sets);

    /// <summary>
    /// Must hold: the seed example's GPU count (A13, and the printed A16 figure recomputed as E4)
    /// rests on the A100's INT8 rate: the catalog field in rules/hardware/nvidia.cost, with its line and source.
    /// </summary>
    [TestCase("a13_gpus")]
    [TestCase("e4_loss_removed_twice")]
    public void TheSeedGpuCountReachesTheA100Int8Figure(string output)
    {
        var tree = ExplainFile("examples/seed-article.cost", output);
        var int8 = tree.DescendantsAndSelf().SingleOrDefault(n => n.Name == "A100.int8");
        var expectedLine = File.ReadAllLines(Repository.PathTo("rules", "hardware", "nvidia.cost"))
            .Select((line, index) => (line, index))
            .First(l => l.line.TrimStart().StartsWith("int8 ", StringComparison.Ordinal)).index + 1;
        Assert.That(int8, Is.Not.Null, ExplainText.Write(tree));
        Assert.Multiple(() =>
        {
            Assert.That(int8!.Kind, Is.EqualTo(ExplainKind.Field));
            Assert.That(int8.File, Is.EqualTo("std/hardware/nvidia.cost"));
            Assert.That(int8.Line, Is.EqualTo(expectedLine));
            Assert.That(int8.DeclaredIn, Is.EqualTo("A100_80GB"));
            Assert.That(int8.Source, Does.Contain("A100 datasheet"));
            Assert.That(int8.Value.ToString(), Is.EqualTo("624 TOPS"));
            Assert.That(int8.Children, Is.Empty, "a catalog figure is a leaf");
            Assert.That(ExplainText.Write(tree), Does.Contain($"A100.int8 = 624 TOPS  (std/hardware/nvidia.cost:{expectedLine}, in A100_80GB)  # A100 datasheet"));
        });
    }

    [Test]
    public void EachStepShowsItsExpressionValueAndLine()
    {
        var tree = ExplainSpec("let a = 2 GB\nlet b = 3\nlet c = a * b  # six\noutput d = c / 2 in GB", "d");
        Assert.That(ExplainText.Write(tree), Is.EqualTo(
            "d = c / 2 in GB = 3 GB  (spec.cost:4)\n" +
            "├─ c = a * b = 6 GB  (spec.cost:3)  # six\n" +
            "│  ├─ a = 2 GB  (spec.cost:1)\n" +
            "│  └─ b = 3  (spec.cost:2)\n" +
            "└─ 2  (spec.cost:4)\n"));
    }

    [Test]
    public void DepthCutsTheTreeAndSaysSo()
    {
        var tree = ExplainSpec("let a = 1\nlet b = a + 1\nlet c = b + 1\nlet d = c + 1", "d", 1);
        var b = tree.Children.Single(n => n.Name == "c");
        Assert.Multiple(() =>
        {
            Assert.That(b.Truncated, Is.True);
            Assert.That(b.Children, Is.Empty);
            Assert.That(ExplainText.Write(tree), Does.Contain("[...]"));
        });
    }

    [Test]
    public void AStepMetTwiceIsExpandedOnce()
    {
        var tree = ExplainSpec("let a = 1 GB\nlet b = a * 2\nlet c = b + b * 2 - b", "c");
        var bs = tree.DescendantsAndSelf().Where(n => n.Name == "b").ToList();
        Assert.That(bs, Has.Count.EqualTo(1), "the same let is one child however often it is used");
    }

    [Test]
    public void OverridesAreLeavesThatSayWhereTheyComeFrom()
    {
        var tree = ExplainSpec("hardware H { memory = 80 GB }\nlet n = 4\noutput total = n * H.memory in GB", "total", "n=8", "H.memory=40 GB");
        var n = tree.DescendantsAndSelf().Single(x => x.Name == "n");
        var memory = tree.DescendantsAndSelf().Single(x => x.Name == "H.memory");
        Assert.Multiple(() =>
        {
            Assert.That(n.Kind, Is.EqualTo(ExplainKind.Override));
            Assert.That(n.Source, Is.EqualTo("--set n=8"));
            Assert.That(memory.Kind, Is.EqualTo(ExplainKind.Override));
            Assert.That(tree.Value.ToString(), Is.EqualTo("320 GB"));
        });
    }

    [Test]
    public void AnExchangeRateIsAnAssumptionToo()
    {
        var tree = ExplainSpec("unit CNY = USD / 7.1  # 2023-07\nlet price = 100 USD\noutput p = price in CNY", "p");
        var unit = tree.Children.Single(n => n.Kind == ExplainKind.Unit);
        Assert.Multiple(() =>
        {
            Assert.That(unit.Name, Is.EqualTo("CNY"));
            Assert.That(unit.Source, Is.EqualTo("2023-07"));
            Assert.That(ExplainText.Line(unit), Does.StartWith("unit CNY = USD / 7.1"));
        });
    }

    [Test]
    public void TheCommandPrintsTextOrJson()
    {
        var text = CliRunner.Run("explain", "examples/chat.cost", "gpus_needed");
        var json = CliRunner.Run("explain", "examples/chat.cost", "gpus_needed", "--format", "json", "--depth", "2");
        Assert.Multiple(() =>
        {
            Assert.That(text.ExitCode, Is.EqualTo(0), text.Error);
            Assert.That(text.Output, Does.StartWith("gpus_needed = ceil(gpus) = 17  (examples/chat.cost:"));
            Assert.That(json.ExitCode, Is.EqualTo(0), json.Error);
        });
        var root = JObject.Parse(json.Output);
        Assert.Multiple(() =>
        {
            Assert.That(root["expression"]!.Value<string>(), Is.EqualTo("ceil(gpus)"));
            Assert.That(root["value"]!.Value<double>(), Is.EqualTo(17));
            Assert.That(root["file"]!.Value<string>(), Is.EqualTo("examples/chat.cost"));
            Assert.That(root["children"]![0]!["name"]!.Value<string>(), Is.EqualTo("gpus"));
            Assert.That(root["children"]![0]!["children"]!.Any(c => c["truncated"]?.Value<bool>() == true), Is.True);
        });
    }

    [Test]
    public void AnUnknownNameIsADiagnosticWithASuggestion()
    {
        var outcome = CliRunner.Run("explain", "examples/chat.cost", "gpus_neded");
        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(1));
            Assert.That(outcome.Error, Does.Contain("CD0301").And.Contain("did you mean 'gpus_needed'"));
            Assert.That(outcome.Output, Is.Empty);
        });
    }

    [Test]
    public void BadUsageExitsWithTwo()
    {
        Assert.Multiple(() =>
        {
            Assert.That(CliRunner.Run("explain", "examples/chat.cost").ExitCode, Is.EqualTo(2));
            Assert.That(CliRunner.Run("explain", "examples/chat.cost", "gpus", "--format", "xml").ExitCode, Is.EqualTo(2));
            Assert.That(CliRunner.Run("explain", "nope.cost", "x").ExitCode, Is.EqualTo(1));
        });
    }
}
