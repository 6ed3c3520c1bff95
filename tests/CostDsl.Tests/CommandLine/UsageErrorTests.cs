using CostDsl.Tests.Support;

namespace CostDsl.Tests.CommandLine;

/// <summary>Bad usage exits 2 with one line that says what is wrong (and where help is), never "internal error".</summary>
public class UsageErrorTests
{
    [TestCase("--samples abc", "--samples needs a whole number, not 'abc'")]
    [TestCase("--samples 99999999999", "--samples must be between 1 and 10000000, not 99999999999")]
    [TestCase("--samples 0", "--samples must be between 1 and 10000000, not 0")]
    [TestCase("--seed x", "--seed needs a whole number, not 'x'")]
    [TestCase("--no-such-option", "unknown option '--no-such-option'")]
    public void ABadOptionOfEvalIsAUsageError(string option, string message)
    {
        var outcome = CliRunner.Run(["eval", "examples/chat.cost", .. option.Split(' ')]);
        Assert.That((outcome.ExitCode, FirstLine(outcome.Error)), Is.EqualTo((2, $"costdsl: {message}")));
    }

    [TestCase("eval")]
    [TestCase("check")]
    [TestCase("fmt")]
    [TestCase("explain", "examples/chat.cost")]
    [TestCase("diff", "examples/chat.cost")]
    public void AMissingFileArgumentIsAUsageError(params string[] args)
    {
        var outcome = CliRunner.Run(args);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(2));
            Assert.That(FirstLine(outcome.Error), Does.StartWith("costdsl: ").And.Not.Contain("internal error"));
        });
    }

    [TestCase("explain", "examples/chat.cost", "gpus", "--depth", "abc")]
    [TestCase("batch", "--in", "examples", "--out", "out-never-written", "--parallel", "abc")]
    public void ANonNumberForAnyWholeNumberOptionIsAUsageError(params string[] args)
    {
        var outcome = CliRunner.Run(args);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(2));
            Assert.That(FirstLine(outcome.Error), Does.EndWith("needs a whole number, not 'abc'"));
            Assert.That(outcome.Error, Does.Not.Contain("internal error"));
        });
    }

    private static string FirstLine(string text) => text.Split('\n')[0].TrimEnd('\r');
}
