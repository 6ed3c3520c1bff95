using CostDsl.Cli;
using CostDsl.Hosting.Tests.Support;

namespace CostDsl.Hosting.Tests.Service;

/// <summary>costdsl batch as a user runs it.</summary>
public class CommandLineTests
{
    [Test]
    public void ExitsZeroWhenEveryFileIsCleanAndOneWhenAnyHasAnError()
    {
        using var folder = new TempFolder();
        folder.Write("a.cost", "output x = 1\n");
        var clean = Run("batch", "--in", folder.In, "--out", folder.Out, "--parallel", "2");

        folder.Write("b.cost", "let x = 3 GB + 2 s\n");
        var failing = Run("batch", "--in", folder.In, "--out", folder.Out);

        Assert.Multiple(() =>
        {
            Assert.That(clean.Exit, Is.EqualTo(0), clean.Error);
            Assert.That(File.Exists(Path.Combine(folder.Out, "index.json")), Is.True);
            Assert.That(failing.Exit, Is.EqualTo(1), failing.Error);
            Assert.That(failing.Error, Does.Not.Contain("   at "), "no stack trace");
            Assert.That(File.Exists(Path.Combine(folder.Out, "b.cost.json")), Is.True);
        });
    }

    [Test]
    public void AWarningFailsTheBatchOnlyWithWarningsAsErrors()
    {
        using var folder = new TempFolder();
        folder.Write("w.cost", "workload w { util = 40 }\noutput x = w.util\n");
        var plain = Run("batch", "--in", folder.In, "--out", folder.Out);
        var plainIndex = File.ReadAllText(Path.Combine(folder.Out, "index.json"));

        // The same output folder: a result stamped without the flag must not be reused as clean with it.
        var strict = Run("batch", "--in", folder.In, "--out", folder.Out, "--warnings-as-errors");
        var strictIndex = File.ReadAllText(Path.Combine(folder.Out, "index.json"));
        Assert.Multiple(() =>
        {
            Assert.That(plain.Exit, Is.EqualTo(0), plain.Error);
            Assert.That(plainIndex, Does.Contain("\"status\": \"ok\""));
            Assert.That(strict.Exit, Is.EqualTo(1), strict.Error);
            Assert.That(strictIndex, Does.Contain("\"status\": \"error\""));
            Assert.That(File.ReadAllText(Path.Combine(folder.Out, "w.cost.json")), Does.Contain("CD0802"));
        });
    }

    [Test]
    public void BadUsageExitsTwo()
    {
        using var folder = new TempFolder();
        Assert.Multiple(() =>
        {
            Assert.That(Run("batch", "--in", folder.PathTo("missing"), "--out", folder.Out).Exit, Is.EqualTo(2));
            Assert.That(Run("batch", "--in", folder.In, "--out", folder.Out, "--parallel", "0").Exit, Is.EqualTo(2));
            Assert.That(Run("batch", "--out", folder.Out).Exit, Is.EqualTo(2));
        });
    }

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliApp.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
