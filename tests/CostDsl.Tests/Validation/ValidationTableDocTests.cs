using CostDsl.Tests.Support;

namespace CostDsl.Tests.Validation;

/// <summary>README.md's validation table is the output of the command it documents, over every file under examples/validation.</summary>
public class ValidationTableDocTests
{
    private const string Start = "<!-- validation:start -->\n";
    private const string End = "<!-- validation:end -->";

    [Test]
    public void TheReadmeTableIsCurrent()
    {
        var files = Directory.EnumerateFiles(Repository.PathTo("examples", "validation"), "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Repository.Root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.That(files, Is.EqualTo(new[] { "examples/validation/dev/serving.json", "examples/validation/dev/training.json", "examples/validation/heldout/serving.json", "examples/validation/heldout/training.json" }), "README.md's command lists these files; update it with the folder");

        var run = CliRunner.Run(["validate", .. files, "--format", "markdown"]);
        Assert.That(run.ExitCode, Is.Zero, run.Error);

        var path = Repository.PathTo("README.md");
        var readme = File.ReadAllText(path).Replace("\r\n", "\n");
        var from = readme.IndexOf(Start, StringComparison.Ordinal);
        var to = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.That(from >= 0 && to > from, Is.True, "README.md lacks the validation markers");
        var shown = readme[(from + Start.Length)..to];
        if (Environment.GetEnvironmentVariable("COSTDSL_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, readme[..(from + Start.Length)] + run.Output + readme[to..]);
            shown = run.Output;
        }

        Assert.That(shown, Is.EqualTo(run.Output), "README.md's validation table is stale: run the tests with COSTDSL_UPDATE_DOCS=1");
    }
}
