using System.Text.RegularExpressions;
using CostDsl.Tests.Support;

namespace CostDsl.Tests.Examples;

/// <summary>
/// The Kubernetes Indexed Job and the GitHub Actions matrix in examples/ are well-formed (read
/// loosely: no tabs, the keys each needs) and every costdsl command line in them parses with the real
/// command line's parser: a renamed option breaks this test, not a user's nightly run.
/// </summary>
public partial class ShardingExamplesTests
{
    private static readonly string[] Files =
    [
        "examples/k8s/costdsl-batch-indexed-job.yaml",
        "examples/k8s/costdsl-merge-job.yaml",
        "examples/ci/costdsl-batch-matrix.yml",
    ];

    [TestCaseSource(nameof(Files))]
    public void IsLooselyWellFormedYaml(string file)
    {
        var text = File.ReadAllText(Repository.PathTo(file));
        var lines = text.Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Not.Contain('\t'), "YAML indents with spaces");
            foreach (var (line, number) in lines.Select((l, i) => (l, i + 1)).Where(l => l.l.Trim().Length > 0 && !l.l.TrimStart().StartsWith('#')))
            {
                var indent = line.Length - line.TrimStart().Length;
                Assert.That(indent % 2, Is.EqualTo(0), $"line {number} is indented by two-space steps: {line}");
                Assert.That(line.Count(c => c == '"') % 2, Is.EqualTo(0), $"line {number} closes its quotes: {line}");
            }
        });
    }

    [Test]
    public void TheIndexedJobTakesItsPartFromTheCompletionIndexAndIsFollowedByAMerge()
    {
        var job = File.ReadAllText(Repository.PathTo(Files[0]));
        var merge = File.ReadAllText(Repository.PathTo(Files[1]));
        Assert.Multiple(() =>
        {
            Assert.That(job, Does.Contain("kind: Job").And.Contain("completionMode: Indexed").And.Contain("completions: 4"));
            Assert.That(job, Does.Contain("--shard \"$JOB_COMPLETION_INDEX/4\""));
            Assert.That(merge, Does.Contain("kind: Job").And.Contain("costdsl merge /results/part-0 /results/part-1 /results/part-2 /results/part-3"));
        });
    }

    [Test]
    public void TheMatrixRunsEveryPartThenAMergeJob()
    {
        var workflow = File.ReadAllText(Repository.PathTo(Files[2]));
        Assert.Multiple(() =>
        {
            Assert.That(workflow, Does.Contain("shard: [0, 1, 2, 3]"));
            Assert.That(workflow, Does.Contain("needs: shard"));
            Assert.That(workflow, Does.Contain("costdsl merge part-0 part-1 part-2 part-3"));
            Assert.That(workflow, Does.Contain("include-hidden-files: true"), "the stamps in .costdsl travel with the results");
        });
    }

    [TestCaseSource(nameof(Files))]
    public void EveryCommandLineParses(string file)
    {
        var commands = CommandLines(File.ReadAllText(Repository.PathTo(file))).ToList();
        Assert.That(commands, Is.Not.Empty);
        Assert.Multiple(() =>
        {
            foreach (var args in commands)
            {
                // The paths do not exist here: the command stops at them (exit 2 after parsing), never at an option.
                var run = CliRunner.Run(args);
                Assert.That(run.Error, Does.Not.Contain("Run 'costdsl --help'").And.Not.Contain("nrecognized"), string.Join(' ', args));
                Assert.That(run.Error, Does.Contain("not found"), string.Join(' ', args));
            }
        });
    }

    /// <summary>Each <c>costdsl batch|merge|eval ...</c> in the file, continuation lines joined, shell variables given a part number, up to a <c>||</c>.</summary>
    private static IEnumerable<string[]> CommandLines(string text)
    {
        // Comments name commands in prose (with K for the part); only the commands that run are checked.
        var code = string.Join('\n', text.Split('\n').Where(l => !l.TrimStart().StartsWith('#')));
        var joined = code.Replace("\\\n", " ", StringComparison.Ordinal);
        foreach (Match match in CommandPattern().Matches(joined))
        {
            var line = match.Value.Split("||")[0];
            line = Regex.Replace(line, @"\$\{\{[^}]*\}\}|\$\{?JOB_COMPLETION_INDEX\}?", "1");
            line = line.Replace("/results/", "/nonexistent-costdsl-results/", StringComparison.Ordinal);
            var args = Regex.Matches(line, "\"[^\"]*\"|\\S+").Select(m => m.Value.Trim('"')).Skip(1).ToArray();

            // Relative paths resolve under the repository root, where specs/ and part-K do not exist.
            yield return [.. args.Select(a => a == "specs" ? "nonexistent-specs" : a)];
        }
    }

    [GeneratedRegex(@"costdsl (batch|merge|eval) [^\n]*")]
    private static partial Regex CommandPattern();
}
