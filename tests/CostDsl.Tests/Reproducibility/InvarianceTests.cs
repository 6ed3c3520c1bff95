using System.Text.RegularExpressions;
using CostDsl.Engine;
using CostDsl.Hosting;
using CostDsl.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CostDsl.Tests.Reproducibility;

/// <summary>
/// Same spec, same numbers: one uncertain spec reached in really different ways (path spellings,
/// another working directory, renamed, moved with its imports, reformatted, commented) gives the
/// same bytes through eval, batch, the hosting API, explain and diff. The only field allowed to
/// differ is the "file" each result echoes: the path as the user gave it.
/// </summary>
public partial class InvarianceTests
{
    private const string Example = "examples/uncertain-serving.cost";

    private static string Eval(params string[] args)
    {
        var outcome = CliRunner.Run(["eval", .. args]);
        Assert.That(outcome.ExitCode, Is.EqualTo(0), outcome.Error);
        return WithoutFile(outcome.Output);
    }

    private static string EvalIn(string directory, params string[] args)
    {
        var outcome = CliRunner.RunIn(directory, ["eval", .. args]);
        Assert.That(outcome.ExitCode, Is.EqualTo(0), outcome.Error);
        return WithoutFile(outcome.Output);
    }

    [Test]
    public void ThreePathSpellingsAndAnotherWorkingDirectoryGiveTheSameBytes()
    {
        var plain = Eval(Example);
        Assert.Multiple(() =>
        {
            Assert.That(plain, Does.Contain("\"p50\""), "the example is uncertain");
            Assert.That(Eval("./" + Example), Is.EqualTo(plain));
            Assert.That(Eval(Repository.PathTo("examples", "uncertain-serving.cost")), Is.EqualTo(plain));
            Assert.That(EvalIn(Repository.PathTo("examples"), "uncertain-serving.cost"), Is.EqualTo(plain));
        });
    }

    [Test]
    public void RenamedMovedCommentedAndReformattedCopiesGiveTheSameBytes()
    {
        using var folder = new TempFolder();
        var text = File.ReadAllText(Repository.PathTo(Example));
        var renamed = folder.Write("elsewhere/deeper/my-copy.cost", text);
        var commented = folder.Write("commented.cost", "# a new first line\n\n\n" + text.Replace("\nlet ", "\n# a comment before a let\n\nlet ", StringComparison.Ordinal) + "\n# and one at the end\n");
        var badlyLaidOut = folder.Write("examples/uncertain-serving.cost", File.ReadAllText(Repository.PathTo("tests", "CostDsl.Tests", "Tooling", "Unformatted", "uncertain-serving.cost")));
        var fmt = CliRunner.Run("fmt", badlyLaidOut);
        var plain = Eval(Example);
        Assert.Multiple(() =>
        {
            Assert.That(fmt.ExitCode, Is.EqualTo(0), fmt.Error);
            Assert.That(File.ReadAllText(badlyLaidOut), Is.Not.EqualTo(File.ReadAllText(Repository.PathTo("tests", "CostDsl.Tests", "Tooling", "Unformatted", "uncertain-serving.cost"))), "fmt rewrote the copy");
            Assert.That(Eval(renamed), Is.EqualTo(plain));
            Assert.That(WithoutLine(Eval(commented)), Is.EqualTo(WithoutLine(plain)), "only the asserts' line numbers move");
            Assert.That(Eval(badlyLaidOut), Is.EqualTo(plain));
        });
    }

    [Test]
    public void ASpecMovedToAnotherFolderWithItsImportsGivesTheSameBytes()
    {
        using var folder = new TempFolder();
        const string Main = "import \"lib/traffic.cost\"\nimport \"../shared/rates.cost\"\noutput cost = users * rate * (0.9 to 1.1)\n";
        const string Traffic = "let users = 800 to 1200\n";
        const string Rates = "let rate = 2 USD to 3 USD\n";
        var first = folder.Write("a/specs/main.cost", Main);
        folder.Write("a/specs/lib/traffic.cost", Traffic);
        folder.Write("a/shared/rates.cost", Rates);
        var moved = folder.Write("b/x/y/renamed.cost", Main);
        folder.Write("b/x/y/lib/traffic.cost", Traffic);
        folder.Write("b/x/shared/rates.cost", Rates);
        // ../shared is outside each spec's folder tree, so each run names it (the one confinement policy).
        Assert.That(Eval(moved, "--allow-import", folder.PathOf("b/x/shared")), Is.EqualTo(Eval(first, "--allow-import", folder.PathOf("a/shared"))));
    }

    [Test]
    public void BatchAndTheHostingApiGiveTheBytesOfEval()
    {
        using var folder = new TempFolder();
        File.Copy(Repository.PathTo(Example), folder.Write("in/uncertain-serving.cost", string.Empty), overwrite: true);
        var batch = CliRunner.Run("batch", "--in", folder.PathOf("in"), "--out", folder.PathOf("out"), "--parallel", "1");
        // The results, not the index nor the batch's own bookkeeping (its stamps under .costdsl/).
        var written = Directory.GetFiles(folder.PathOf("out"), "*.json", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "index.json" && !Path.GetRelativePath(folder.PathOf("out"), f).StartsWith(".costdsl", StringComparison.Ordinal))
            .ToList();
        using var services = new ServiceCollection().AddCostDsl().BuildServiceProvider();
        var evaluator = services.GetRequiredService<ICostEvaluator>();
        var hosted = evaluator.EvaluateAsync(SpecSource.FromFile(Repository.PathTo(Example)), new EvaluationOptions()).GetAwaiter().GetResult();
        var plain = Eval(Example);
        Assert.Multiple(() =>
        {
            Assert.That(batch.ExitCode, Is.EqualTo(0), batch.Error);
            Assert.That(written, Has.Count.EqualTo(1));
            Assert.That(WithoutFile(File.ReadAllText(written[0])), Is.EqualTo(plain));
            Assert.That(WithoutFile(evaluator.ToJson(hosted)), Is.EqualTo(plain));
        });
    }

    [Test]
    public void ExplainGivesTheSameDerivationWhateverThePath()
    {
        using var folder = new TempFolder();
        var copy = folder.Write("renamed.cost", File.ReadAllText(Repository.PathTo(Example)));
        string Explain(string path, string? directory = null)
        {
            var outcome = directory is null ? CliRunner.Run("explain", path, "gpus") : CliRunner.RunIn(directory, "explain", path, "gpus");
            Assert.That(outcome.ExitCode, Is.EqualTo(0), outcome.Error);
            return outcome.Output.Replace(path, "SPEC", StringComparison.Ordinal);
        }

        var plain = Explain(Example);
        Assert.Multiple(() =>
        {
            Assert.That(plain, Does.Contain("p5"));
            Assert.That(Explain("./" + Example), Is.EqualTo(plain));
            Assert.That(Explain(Repository.PathTo("examples", "uncertain-serving.cost")), Is.EqualTo(plain));
            Assert.That(Explain("uncertain-serving.cost", Repository.PathTo("examples")), Is.EqualTo(plain));
            Assert.That(Explain(copy), Is.EqualTo(plain));
            Assert.That(Explain($"HEAD:{Example}"), Is.EqualTo(plain));
        });
    }

    [Test]
    public void DiffOfTheCommittedExampleAgainstItsWorkingCopyReportsNoChange()
    {
        // The must-hold of the issue, through the command line in this repository.
        var outcome = CliRunner.Run("diff", $"HEAD:{Example}", Example, "--format", "json");
        var reordered = CliRunner.Run("diff", Example, $"./{Example}", "--format", "json");
        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(0), outcome.Error);
            Assert.That(outcome.Output, Does.Contain("\"outputs\": []").And.Contain("\"assumptions\": []").And.Contain("\"unchanged\": 4"));
            Assert.That(reordered.Output, Does.Contain("\"outputs\": []").And.Contain("\"unchanged\": 4"));
        });
    }

    [Test]
    public void TheSeedIsTheOnlyThingThatMovesTheNumbers()
    {
        Assert.That(Eval(Example, "--seed", "2"), Is.Not.EqualTo(Eval(Example)));
    }

    private static string WithoutFile(string json) => FileField().Replace(json, string.Empty);

    private static string WithoutLine(string json) => LineField().Replace(json, string.Empty);

    [GeneratedRegex(@"^\s*""line"": \d+,?\r?\n", RegexOptions.Multiline)]
    private static partial Regex LineField();

    [GeneratedRegex(@"^\s*""file"": "".*"",?\r?\n", RegexOptions.Multiline)]
    private static partial Regex FileField();
}
