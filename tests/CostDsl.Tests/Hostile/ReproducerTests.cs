using CostDsl.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CostDsl.Tests.Hostile;

/// <summary>Inputs that once gave an internal error (CD0999) or a silent wrong result: each is now a located diagnostic.</summary>
public class ReproducerTests
{
    [TestCase("output x = min([])", "CD0309")]
    [TestCase("output x = max([])", "CD0309")]
    [TestCase("output x = sum([])", "CD0309")]
    [TestCase("output x = mean([])", "CD0309")]
    [TestCase("let a = ١٢٣\noutput b = 1", "CD0101")]
    [TestCase("output x = 1 s^2147483648", "CD0205")]
    [TestCase("import \"\"\noutput x = 1", "CD0304")]
    public void ALocatedDiagnosticNotAnInternalError(string spec, string code)
    {
        using var folder = new TempFolder();
        var path = folder.Write("a.cost", spec + "\n");

        foreach (var command in new[] { "eval", "check" })
        {
            var outcome = CliRunner.Run(command, path);
            Assert.Multiple(() =>
            {
                Assert.That(outcome.ExitCode, Is.EqualTo(1), command);
                Assert.That(outcome.Error, Does.Contain($"{path}:").And.Contain($"error {code}"), command);
                Assert.That(outcome.Error, Does.Not.Contain("CD0999"), command);
            });
        }
    }

    [TestCase(6, 1_700)]
    [TestCase(63, 2)]
    [TestCase(64, 2)]
    public void SweepGridsPastTheLimitAreRefusedNeverEmpty(int sweeps, int values)
    {
        using var folder = new TempFolder();
        var lets = string.Concat(Enumerable.Range(0, sweeps).Select(i => $"let s{i} = 1\n"));
        var grid = string.Concat(Enumerable.Range(0, sweeps).Select(i => $"sweep s{i} in [{string.Join(", ", Enumerable.Range(1, values))}]\n"));
        var path = folder.Write("a.cost", lets + grid + "output y = s0\n");

        var outcome = CliRunner.Run("eval", path);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(1));
            Assert.That(outcome.Error, Does.Contain("CD0003").And.Contain("sweep points"));
        });
    }

    [Test]
    public void SensitivityWithManySamplesDoesNotOverflow()
    {
        using var folder = new TempFolder();
        var path = folder.Write("a.cost", "let u = 1 to 2\nlet v = 3 to 4\noutput o = u * v\n");

        var outcome = CliRunner.Run("eval", path, "--sensitivity", "o", "--samples", "150000");

        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(0), outcome.Error);
            Assert.That(JObject.Parse(outcome.Output)["sensitivity"]!["inputs"]!.Count(), Is.EqualTo(2));
        });
    }

    [Test]
    public void CeilOfMinusAHalfIsZeroNotMinusZero()
    {
        using var folder = new TempFolder();
        var path = folder.Write("a.cost", "output x = ceil(-0.5)\n");

        var outcome = CliRunner.Run("eval", path);

        Assert.That(outcome.Output, Does.Contain("\"value\": 0").And.Not.Contain("-0"));
    }

    [Test]
    public void ControlCharactersInAnEchoedLineAreShownEscaped()
    {
        using var folder = new TempFolder();
        var path = folder.Write("a.cost", "let x = 1 + @ # \u001b]0;TITLE\u0007\u001b[2K\u001b[1A\n");

        var outcome = CliRunner.Run("check", path);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Error, Does.Contain("\\x1b]0;TITLE\\x07\\x1b[2K"));
            Assert.That(outcome.Error.Any(c => char.IsControl(c) && c != '\n'), Is.False, "no raw control character reaches the terminal");
            Assert.That(outcome.Error, Does.Contain("   1 | let x = 1 + @").And.Contain("     |             ^\n"));
        });
    }

    [TestCase("eval")]
    [TestCase("check")]
    [TestCase("fmt")]
    [TestCase("diff")]
    public void ResponseFilesAreNeverExpanded(string command)
    {
        using var folder = new TempFolder();
        var arguments = folder.Write("args", "--help\n");

        var outcome = CliRunner.Run(command, "@" + arguments, "@" + arguments);

        Assert.That(outcome.Output, Does.Not.Contain("Usage"), "the file's --help was not read as an argument");
        Assert.That(outcome.ExitCode, Is.Not.EqualTo(0));
    }

    [TestCase("eval")]
    [TestCase("check")]
    public void ADoublingChainOfFunctionsSharesItsCallsAndEnds(string command)
    {
        using var folder = new TempFolder();
        var lines = new List<string> { "fn f0(x) = x + 1" };
        lines.AddRange(Enumerable.Range(1, 30).Select(i => $"fn f{i}(x) = f{i - 1}(x) + f{i - 1}(x)"));
        lines.Add("output y = f30(1)");
        var path = folder.Write("a.cost", string.Join('\n', lines) + "\n");

        var outcome = CliRunner.Run(command, path);

        Assert.Multiple(() =>
        {
            // f0(x) + f0(x) with an exact x is one evaluation shared (grammar/limits.md): 31 calls, not 2^31.
            Assert.That(outcome.ExitCode, Is.EqualTo(0), outcome.Error);
            Assert.That(outcome.Error, Does.Not.Contain("CD0003"));
        });
    }
}
