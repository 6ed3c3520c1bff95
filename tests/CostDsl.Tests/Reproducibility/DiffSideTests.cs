using CostDsl.Tests.Support;
using CostDsl.Tooling.Diffing;

namespace CostDsl.Tests.Reproducibility;

/// <summary>Both sides of a diff read what they name: a revision is never an option, and a revision's imports come from that revision.</summary>
public class DiffSideTests
{
    private const string Uncertain = "import \"lib/rates.cost\"\nlet users = 800 to 1200\noutput cost = users * rate * (0.9 to 1.1)\n";

    [Test]
    public void AnUnchangedUncertainSpecFromARevisionReportsNoChange()
    {
        using var repository = new GitRepository();
        repository.Write("specs/main.cost", Uncertain);
        repository.Write("specs/lib/rates.cost", "let rate = 2 USD\n");
        repository.Commit("first");
        var diff = Compare(repository, "HEAD:specs/main.cost", "specs/main.cost");
        Assert.Multiple(() =>
        {
            Assert.That(diff.Compared, Is.True, string.Join("\n", diff.Diagnostics));
            Assert.That(diff.Outputs, Is.Empty);
            Assert.That(diff.Assumptions, Is.Empty);
        });
    }

    [Test]
    public void TheImportsOfARevisionAreReadFromThatRevision()
    {
        using var repository = new GitRepository();
        repository.Write("specs/main.cost", Uncertain);
        repository.Write("specs/lib/rates.cost", "let rate = 2 USD\n");
        repository.Commit("first");
        repository.Write("specs/lib/rates.cost", "let rate = 3 USD\n");
        var diff = Compare(repository, "HEAD:specs/main.cost", "specs/main.cost");
        Assert.Multiple(() =>
        {
            Assert.That(diff.Outputs.Select(o => (o.Name, o.Status, o.Relative)), Is.EqualTo(new[] { ("cost", ChangeStatus.Changed, (double?)0.5) }).Using<(string, ChangeStatus, double?)>((a, b) => a.Item1 == b.Item1 && a.Item2 == b.Item2 && Math.Abs(a.Item3!.Value - b.Item3!.Value) < 1e-9));
            Assert.That(diff.Assumptions.Select(a => a.Name), Is.EqualTo(new[] { "rate" }));
        });
    }

    [Test]
    public void ARevisionThatLooksLikeAnOptionIsRefusedWithoutRunningGit()
    {
        using var folder = new TempFolder();
        var target = folder.PathOf("written");
        var side = SpecReader.ReadSide($"--output={target}:x.cost", out var problem);
        var outcome = CliRunner.Run("diff", $"--output={target}:x.cost", "examples/chat.cost");
        Assert.Multiple(() =>
        {
            Assert.That(side, Is.Null);
            Assert.That(problem!.Message, Does.Contain("cannot start with '-'"));
            Assert.That(outcome.ExitCode, Is.Not.EqualTo(0));
            Assert.That(outcome.Output, Is.Empty);
            Assert.That(File.Exists($"{target}:x.cost") || File.Exists(target), Is.False, "git must not have run");
        });
    }

    [Test]
    public void AnUnreadableSideIsAnErrorNotAnEmptySpec()
    {
        using var repository = new GitRepository();
        repository.Write("a.cost", "output x = 1\n");
        repository.Commit("first");
        var side = SpecReader.ReadSide("HEAD:missing.cost", out var problem, repository.Root);
        var outcome = CliRunner.Run("diff", "HEAD:no/such/file.cost", "examples/chat.cost");
        Assert.Multiple(() =>
        {
            Assert.That(side, Is.Null);
            Assert.That(problem!.Code.Id, Is.EqualTo("CD0001"));
            Assert.That(outcome.ExitCode, Is.EqualTo(1));
            Assert.That(outcome.Output, Is.Empty);
        });
    }

    private static DiffResult Compare(GitRepository repository, string before, string after)
    {
        var old = SpecReader.ReadSide(before, out var oldProblem, repository.Root);
        Assert.That(old, Is.Not.Null, oldProblem?.Message);
        var now = SpecReader.ReadSide(Path.Combine(repository.Root, after), out var newProblem, repository.Root);
        Assert.That(now, Is.Not.Null, newProblem?.Message);
        return SpecDiff.Compare(old!, now!);
    }
}
