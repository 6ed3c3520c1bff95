using System.Diagnostics;
using CostDsl.Hosting.Tests.Support;

namespace CostDsl.Hosting.Tests.Batch;

/// <summary>Imports cannot leave the input folder or the rules roots: a CD0004 diagnostic, and nothing read.</summary>
public class ConfinementTests
{
    [Test]
    public async Task ImportsThatLeaveTheAllowedFoldersAreRefusedWithoutReading()
    {
        using var folder = new TempFolder();

        // Outside the input folder: a named pipe. Opening it for reading would block, so a test that
        // finishes shows that nothing outside was opened.
        var outside = folder.PathTo("outside");
        Directory.CreateDirectory(outside);
        var trap = Path.Combine(outside, "trap.cost");
        MakePipe(trap);
        File.WriteAllText(Path.Combine(outside, "secret.cost"), "let secret = 42\n");

        folder.Write("dotdot.cost", "import \"../outside/trap.cost\"\noutput x = 1\n");
        folder.Write("deeper.cost", "import \"../../../../../../etc/passwd\"\noutput x = 1\n");
        folder.Write("absolute.cost", $"import \"{trap}\"\noutput x = 1\n");
        folder.Write("viafile.cost", "import \"link.cost\"\noutput x = 1\n");
        folder.Write("viafolder.cost", "import \"linked/trap.cost\"\noutput x = 1\n");
        File.CreateSymbolicLink(Path.Combine(folder.In, "link.cost"), trap);
        Directory.CreateSymbolicLink(Path.Combine(folder.In, "linked"), outside);
        folder.Write("fine.cost", "import \"lib/ok.cost\"\noutput y = ok\n");
        folder.Write("lib/ok.cost", "let ok = 7\n");

        var outcome = await BatchHarness.RunAsync(folder.In, folder.Out).WaitAsync(BatchHarness.Timeout);

        Assert.Multiple(() =>
        {
            foreach (var name in new[] { "dotdot", "deeper", "absolute", "viafile", "viafolder" })
            {
                Assert.That(ResultJson.Codes(folder.Result(name + ".cost")), Is.EqualTo(new[] { "CD0004" }), name);
            }

            // The link itself is a .cost file in the folder: refused as a root too.
            Assert.That(ResultJson.Codes(folder.Result("link.cost")), Is.EqualTo(new[] { "CD0004" }));
            Assert.That(ResultJson.Messages(folder.Result("dotdot.cost"))[0], Does.StartWith("import '../outside/trap.cost' leaves the input folder"));
            Assert.That(ResultJson.Output(folder.Result("fine.cost"), "y"), Is.EqualTo(7));
            Assert.That(outcome.ExitCode, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task ARulesRootWidensWhatImportsMayReach()
    {
        using var folder = new TempFolder();
        var rules = folder.PathTo("rules");
        Directory.CreateDirectory(rules);
        File.WriteAllText(Path.Combine(rules, "team.cost"), "let discount = 10%\n");
        folder.Write("a.cost", "import \"../rules/team.cost\"\noutput d = discount\n");

        await BatchHarness.RunAsync(folder.In, folder.Out, o => o.RulesRoots.Add(rules));

        Assert.That(ResultJson.Output(folder.Result("a.cost"), "d"), Is.EqualTo(0.1));
    }

    private static void MakePipe(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.That(mkfifo.ExitCode, Is.Zero, "mkfifo");
    }
}
