using CostDsl.Tests.Support;
using CostDsl.Text;
using CostDsl.Tooling.Diffing;
using CostDsl.Tooling.Explaining;
using Newtonsoft.Json.Linq;

namespace CostDsl.Tests.Tooling;

public class DiffTests
{
    private static SourceFile Spec(string name, string text) => new(name, text, Repository.PathTo("examples", name));

    private static DiffResult Diff(string before, string after) =>
        SpecDiff.Compare(Spec("old.cost", before), Spec("new.cost", after));

    /// <summary>
    /// Must hold: a copy with one changed assumption lists exactly that assumption, and the outputs
    /// that change are exactly those whose derivation reaches it.
    /// </summary>
    [TestCase("examples/seed-article.cost", "let users             = 1000 ", "let users             = 2000 ", "users")]
    [TestCase("examples/seed-corrected.cost", "let batch              = 64 ", "let batch              = 32 ", "batch")]
    [TestCase("examples/chat.cost", "  util     = 45%", "  util     = 50%", "chat.util")]
    [TestCase("examples/seed-article.cost", "unit CNY = USD / 7.1", "unit CNY = USD / 7.2", "CNY")]
    public void OneChangedAssumptionListsItAndTheOutputsThatRestOnIt(string relative, string from, string to, string assumption)
    {
        var text = File.ReadAllText(Repository.PathTo(relative));
        Assert.That(text, Does.Contain(from));
        var diff = SpecDiff.Compare(Spec("old.cost", text), Spec("new.cost", text.Replace(from, to, StringComparison.Ordinal)));
        Assert.That(diff.Compared, Is.True);

        var dependents = DependentOutputs(relative, assumption);
        Assert.Multiple(() =>
        {
            Assert.That(diff.Assumptions.Select(a => a.Name), Is.EqualTo(new[] { assumption }));
            Assert.That(diff.Assumptions[0].Status, Is.EqualTo(ChangeStatus.Changed));
            Assert.That(diff.Outputs.Select(o => o.Name), Is.EquivalentTo(dependents));
            Assert.That(diff.Outputs, Has.All.Matches<OutputChange>(o => o.Status == ChangeStatus.Changed));
            Assert.That(diff.Assumptions[0].Affects, Is.EquivalentTo(dependents));
            Assert.That(dependents, Is.Not.Empty);
        });
    }

    /// <summary>Changed assumptions are listed by name, whatever order either version declares them in (moving a declaration is not a change).</summary>
    [Test]
    public void ChangedAssumptionsAreListedByNameWhateverTheDeclarationOrder()
    {
        var diff = Diff(
            "let zeta = 1\nlet alpha = 2\nlet mid = 3\noutput total = zeta + alpha + mid\n",
            "let mid = 30\nlet alpha = 20\nlet zeta = 10\noutput total = zeta + alpha + mid\n");
        Assert.That(diff.Assumptions.Select(a => a.Name), Is.EqualTo(new[] { "alpha", "mid", "zeta" }));
    }

    /// <summary>The outputs whose explain tree (fully expanded) names the assumption: an independent account of "depends on".</summary>
    private static List<string> DependentOutputs(string relative, string assumption)
    {
        var file = new SourceFile(relative, File.ReadAllText(Repository.PathTo(relative)), Repository.PathTo(relative));
        var (program, _) = new CostDsl.Engine.CostEngine().Check(file);
        var result = new List<string>();
        foreach (var output in program!.Outputs)
        {
            var tree = new Explainer(program, new CostDsl.Diagnostics.DiagnosticBag(), 1000).Explain(output.Name)!;
            if (tree.DescendantsAndSelf().Any(n => n.Name == assumption && n.Kind is ExplainKind.Let or ExplainKind.Field or ExplainKind.Unit)
                || (assumption.Contains('.', StringComparison.Ordinal) && tree.DescendantsAndSelf().Any(n => n.Kind == ExplainKind.Block && n.Name == assumption.Split('.')[0])))
            {
                result.Add(output.Name);
            }
        }

        return result;
    }

    /// <summary>'output x' names the let x: the output is the let, so a change of x affects it (it listed only the outputs computed from x).</summary>
    [Test]
    public void AnOutputThatNamesALetIsAffectedByIt()
    {
        var diff = Diff("let x = 5 USD\nlet y = x * 2\noutput x\noutput y\n", "let x = 6 USD\nlet y = x * 2\noutput x\noutput y\n");
        Assert.Multiple(() =>
        {
            Assert.That(diff.Assumptions.Select(a => a.Name), Is.EqualTo(new[] { "x" }));
            Assert.That(diff.Assumptions[0].Affects, Is.EquivalentTo(new[] { "x", "y" }));
            Assert.That(diff.Outputs.Select(o => o.Name), Is.EquivalentTo(new[] { "x", "y" }));
        });
    }

    [Test]
    public void AFunctionCalledThroughOthersAffectsTheOutputsThatCallThem()
    {
        // total calls f, f calls g, g calls h: a change to h reaches total however deep the calls go.
        const string Before = "fn h(x) = x * 2\nfn g(x) = h(x) + 1\nfn f(x) = g(x)\nlet base = 3\noutput total = f(base)\noutput other = base";
        var diff = Diff(Before, Before.Replace("x * 2", "x * 3", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(diff.Assumptions.Select(a => a.Name), Is.EqualTo(new[] { "h" }));
            Assert.That(diff.Assumptions[0].Affects, Is.EqualTo(new[] { "total" }));
            Assert.That(diff.Outputs.Select(o => o.Name), Is.EqualTo(new[] { "total" }));
        });
    }

    [Test]
    public void ARewordingThatKeepsTheValueIsNoChange()
    {
        var diff = Diff("let a = 1000\nlet b = a * 2\noutput c = b", "let a = 1_000\nlet b = 2 * a\noutput c = b  # same");
        Assert.Multiple(() =>
        {
            Assert.That(diff.HasChanges, Is.False);
            Assert.That(diff.UnchangedOutputs, Is.EqualTo(1));
            Assert.That(DiffText.Text(diff), Does.Contain("no output or assumption changed"));
        });
    }

    [Test]
    public void OutputsAddedAndRemovedAndChangedWithAbsoluteAndRelativeChange()
    {
        var diff = Diff("let n = 4\noutput mem = n * 80 GB in GB\noutput gone = 1", "let n = 5\noutput mem = n * 80 GB in GB\noutput fresh = 2 s");
        var mem = diff.Outputs.Single(o => o.Name == "mem");
        Assert.Multiple(() =>
        {
            Assert.That(mem.Old!.ToString(), Is.EqualTo("320 GB"));
            Assert.That(mem.New!.ToString(), Is.EqualTo("400 GB"));
            Assert.That(mem.Absolute!.ToString(), Is.EqualTo("80 GB"));
            Assert.That(mem.Relative, Is.EqualTo(0.25).Within(1e-12));
            Assert.That(diff.Outputs.Single(o => o.Name == "gone").Status, Is.EqualTo(ChangeStatus.Removed));
            Assert.That(diff.Outputs.Single(o => o.Name == "fresh").Status, Is.EqualTo(ChangeStatus.Added));
            Assert.That(DiffText.Text(diff), Does.Contain("~ mem: 320 GB -> 400 GB  (+80 GB, +25%)"));
            Assert.That(DiffText.Markdown(diff), Does.Contain("| `mem` | 320 GB | 400 GB | +80 GB | +25% |"));
        });
    }

    [Test]
    public void JsonHasTheSchemaTheOutputsAndTheAssumptions()
    {
        var json = JObject.Parse(DiffJson.Write(Diff("let n = 4\noutput m = n * 2", "let n = 5\noutput m = n * 2")));
        Assert.Multiple(() =>
        {
            Assert.That(json["schema"]!.Value<string>(), Is.EqualTo("costdsl-diff/1"));
            Assert.That(json["outputs"]![0]!["name"]!.Value<string>(), Is.EqualTo("m"));
            Assert.That(json["outputs"]![0]!["old"]!["value"]!.Value<double>(), Is.EqualTo(8));
            Assert.That(json["outputs"]![0]!["new"]!["value"]!.Value<double>(), Is.EqualTo(10));
            Assert.That(json["outputs"]![0]!["relative"]!.Value<double>(), Is.EqualTo(0.25));
            Assert.That(json["assumptions"]![0]!["name"]!.Value<string>(), Is.EqualTo("n"));
            Assert.That(json["assumptions"]![0]!["affects"]!.Values<string>(), Is.EqualTo(new[] { "m" }));
        });
    }

    [Test]
    public void TheCommandReadsARevisionFromGit()
    {
        var outcome = CliRunner.Run("diff", "HEAD:examples/chat.cost", "examples/chat.cost", "--format", "markdown");
        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(0), outcome.Error);
            Assert.That(outcome.Output, Does.Contain("\n### costdsl diff: `HEAD:examples/chat.cost` → `examples/chat.cost`"));
        });
    }

    [Test]
    public void AMissingRevisionOrFileIsADiagnosticNotACrash()
    {
        var revision = CliRunner.Run("diff", "no-such-revision-xyz:examples/chat.cost", "examples/chat.cost");
        var file = CliRunner.Run("diff", "examples/nope.cost", "examples/chat.cost");
        Assert.Multiple(() =>
        {
            Assert.That(revision.ExitCode, Is.EqualTo(1));
            Assert.That(revision.Error, Does.Contain("CD0001").And.Contain("no-such-revision-xyz:examples/chat.cost"));
            Assert.That(revision.Error, Does.Not.Contain("   at "));
            Assert.That(file.ExitCode, Is.EqualTo(1));
            Assert.That(file.Error, Does.Contain("CD0001"));
            Assert.That(CliRunner.Run("diff", "examples/chat.cost").ExitCode, Is.EqualTo(2));
            Assert.That(CliRunner.Run("diff", "examples/chat.cost", "examples/chat.cost", "--format", "html").ExitCode, Is.EqualTo(2));
        });
    }

    [Test]
    public void RevisionSyntaxIsNotConfusedWithADrive()
    {
        Assert.Multiple(() =>
        {
            Assert.That(SpecReader.SplitRevision("HEAD~1:examples/chat.cost"), Is.EqualTo(("HEAD~1", "examples/chat.cost")));
            Assert.That(SpecReader.SplitRevision(@"C:\specs\chat.cost"), Is.Null);
            Assert.That(SpecReader.SplitRevision("chat.cost"), Is.Null);
        });
    }
}
