using CostDsl.Hosting;
using CostDsl.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace CostDsl.Tests.Limits;

/// <summary>The static cost bound: runaway specs are refused before they run, in every command, with the limit and the figure.</summary>
public class CostBoundTests
{
    private static string Doubling(string argument, string secondCall = "x") =>
        "fn f0(x) = x + 1\n"
        + string.Concat(Enumerable.Range(1, 30).Select(i => $"fn f{i}(x) = f{i - 1}(x) + f{i - 1}({secondCall})\n"))
        + (argument == "u" ? "let u = 1 to 2\n" : string.Empty)
        + $"output y = f30({argument})\n";

    [TestCase("eval")]
    [TestCase("check")]
    public void AnUncertainDoublingChainIsRefusedAtTheCallBeforeItRuns(string command)
    {
        using var folder = new TempFolder();
        var path = folder.Write("a.cost", Doubling("u"));

        var outcome = CliRunner.Run(command, path);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(1));
            Assert.That(outcome.Error, Does.Contain($"{path}:33:12: error CD0005: this spec needs about 2^33 evaluation steps (f30(...) here expands to about 2^31 calls of user functions); the limit is 10^7 (--max-steps)"));
            Assert.That(outcome.Error, Does.Not.Contain("time limit"));
        });
    }

    [Test]
    public void ExplainAndDiffRefuseItToo()
    {
        using var folder = new TempFolder();
        var path = folder.Write("a.cost", Doubling("u"));

        var explain = CliRunner.Run("explain", path, "y");
        var diff = CliRunner.Run("diff", path, path);

        Assert.Multiple(() =>
        {
            Assert.That(explain.ExitCode, Is.EqualTo(1));
            Assert.That(explain.Error, Does.Contain("error CD0005"));
            Assert.That(diff.ExitCode, Is.EqualTo(1));
            Assert.That(diff.Error, Does.Contain("error CD0005"));
        });
    }

    [Test]
    public void AnExactDoublingChainSharesItsCallsAndRuns()
    {
        using var folder = new TempFolder();
        var path = folder.Write("a.cost", Doubling("1"));

        var outcome = CliRunner.Run("eval", path);

        Assert.That(outcome.ExitCode, Is.EqualTo(0), outcome.Error);
        Assert.That((double)JObject.Parse(outcome.Output)["outputs"]!["y"]!["value"]!, Is.EqualTo(Math.Pow(2, 31)));
    }

    [Test]
    public void ArgumentsThatDifferInTextAreNotSharedByTheBound()
    {
        using var folder = new TempFolder();
        var path = folder.Write("a.cost", Doubling("1", secondCall: "x + 0"));

        var outcome = CliRunner.Run("check", path);

        Assert.That(outcome.Error, Does.Contain("error CD0005"));
    }

    [Test]
    public void MaxStepsIsTheLimitUsed()
    {
        using var folder = new TempFolder();
        var path = folder.Write("a.cost", "let a = 1 + 2 + 3 + 4\noutput b = a * a\n");

        var refused = CliRunner.Run("eval", path, "--max-steps", "5");
        var allowed = CliRunner.Run("eval", path, "--max-steps", "100");

        Assert.Multiple(() =>
        {
            Assert.That(refused.ExitCode, Is.EqualTo(1));
            Assert.That(refused.Error, Does.Contain("error CD0005").And.Contain("the limit is 5 (--max-steps)"));
            Assert.That(allowed.ExitCode, Is.EqualTo(0), allowed.Error);
        });
    }

    [TestCase("eval")]
    [TestCase("check")]
    public void ASweepOfUncertainValuesOverTheMemoryLimitIsRefusedAtTheSweep(string command)
    {
        using var folder = new TempFolder();
        var spec = "let sw = 1\nsweep sw in [" + string.Join(", ", Enumerable.Range(1, 2000)) + "]\n"
            + string.Concat(Enumerable.Range(0, 12).Select(i => $"let u{i} = {i + 1} to {i + 2}\n"))
            + "output y = sw * " + string.Join(" * ", Enumerable.Range(0, 12).Select(i => $"u{i}")) + "\n";
        var path = folder.Write("a.cost", spec);

        var outcome = CliRunner.Run(command, path);
        var fewer = CliRunner.Run(command, path, "--max-memory", "64GiB", "--max-steps", "10");

        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(1));
            Assert.That(outcome.Error, Does.Contain($"{path}:2:1: error CD0006: this spec may hold about ").And.Contain("2,000 sweep points x 10,000 samples); the limit is 1 GiB (--max-memory)"));
            Assert.That(fewer.Error, Does.Not.Contain("CD0006"), "a larger --max-memory lets it through (to the step limit here)");
        });
    }

    [Test]
    public void ManySamplesOnALongFileAreRefusedNotAborted()
    {
        using var folder = new TempFolder();
        var spec = string.Concat(Enumerable.Range(0, 60).Select(i => i == 0 ? "let v0 = 1 to 2\n" : $"let v{i} = v{i - 1} * 1.01\n"));
        var path = folder.Write("a.cost", spec);

        var outcome = CliRunner.Run("eval", path, "--samples", "10000000");

        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(1));
            Assert.That(outcome.Error, Does.Contain("error CD0006"));
        });
    }

    [TestCase("--max-steps", "0")]
    [TestCase("--max-memory", "12XB")]
    [TestCase("--max-memory", "0")]
    [TestCase("--time-limit", "0")]
    [TestCase("--time-limit", "100000")]
    public void BadLimitsAreUsageErrors(string option, string value)
    {
        var outcome = CliRunner.Run("eval", "examples/chat.cost", option, value);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(2));
            Assert.That(outcome.Error, Does.Contain(option));
        });
    }

    [Test]
    public void APureFunctionSharedDoesNotChangeANumberAndOneThatDrawsIsNotShared()
    {
        using var folder = new TempFolder();
        var shared = folder.Write("shared.cost", "let u = 1 to 2\nfn g(x) = x * u\nfn h(x) = x * (1 to 2)\noutput a = g(2) + g(2)\noutput b = h(1) - h(1)\n");
        var inline = folder.Write("inline.cost", "let u = 1 to 2\noutput a = 2 * u + 2 * u\n");

        var a = JObject.Parse(CliRunner.Run("eval", shared).Output)["outputs"]!;
        var expected = JObject.Parse(CliRunner.Run("eval", inline).Output)["outputs"]!["a"]!;

        Assert.Multiple(() =>
        {
            Assert.That(a["a"]!.ToString(), Is.EqualTo(expected.ToString()));
            Assert.That((double)a["b"]!["sd"]!, Is.GreaterThan(0), "each call of h draws anew");
        });
    }

    [Test]
    public void TheHostRefusesLimitsBelowOne()
    {
        using var services = new ServiceCollection().AddCostDsl(o => o.Limits.MaxSteps = 0).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => _ = services.GetRequiredService<IOptions<CostDslOptions>>().Value);

        Assert.That(error!.Message, Does.Contain("CostDsl:Limits:MaxSteps must be at least 1"));
    }
}
