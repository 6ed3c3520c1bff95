using System.Diagnostics;
using CostDsl.Cli;
using CostDsl.Hosting.Tests.Support;

namespace CostDsl.Hosting.Tests.Batch;

/// <summary>Settings that widen what imports may read come only from a file the user names, never from the folder or the environment.</summary>
[NonParallelizable]
public class SettingsSourceTests
{
    [Test]
    public void NeitherAnAppsettingsFileInTheFoldersNorAnEnvironmentVariableWidensTheConfinement()
    {
        using var folder = new TempFolder();
        var secret = folder.PathTo("secret.cost");
        File.WriteAllText(secret, "let secret = 42\n");
        folder.Write("a.cost", "import \"../secret.cost\"\noutput s = secret\n");
        var widening = "{ \"CostDsl\": { \"RulesRoots\": [ \"/\" ] } }";
        File.WriteAllText(Path.Combine(folder.In, "appsettings.json"), widening);
        Environment.SetEnvironmentVariable("CostDsl__RulesRoots__0", "/");
        try
        {
            var exit = CliApp.Run(["batch", "--in", folder.In, "--out", folder.Out], new StringWriter(), new StringWriter());
            Assert.Multiple(() =>
            {
                Assert.That(exit, Is.EqualTo(1));
                Assert.That(ResultJson.Codes(folder.Result("a.cost")), Does.Contain("CD0004"));
            });
        }
        finally
        {
            Environment.SetEnvironmentVariable("CostDsl__RulesRoots__0", null);
        }
    }

    [Test]
    public void ASettingsFileTheUserNamesWidensIt()
    {
        using var folder = new TempFolder();
        var rules = folder.PathTo("rules");
        Directory.CreateDirectory(rules);
        File.WriteAllText(Path.Combine(rules, "team.cost"), "let discount = 10%\n");
        folder.Write("a.cost", "import \"../rules/team.cost\"\noutput d = discount\n");
        var settings = folder.PathTo("costdsl.json");
        File.WriteAllText(settings, $"{{ \"CostDsl\": {{ \"RulesRoots\": [ \"{rules}\" ] }} }}");

        var exit = CliApp.Run(["batch", "--in", folder.In, "--out", folder.Out, "--settings", settings], new StringWriter(), new StringWriter());
        var missing = CliApp.Run(["batch", "--in", folder.In, "--out", folder.Out, "--settings", folder.PathTo("nope.json")], new StringWriter(), new StringWriter());

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(0));
            Assert.That(ResultJson.Output(folder.Result("a.cost"), "d"), Is.EqualTo(0.1));
            Assert.That(missing, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task AFifoAmongTheSpecsIsRefusedWithoutBeingOpened()
    {
        using var folder = new TempFolder();
        folder.Write("a.cost", "output a = 1\n");
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [Path.Combine(folder.In, "x.cost")]) { UseShellExecute = false })!)
        {
            mkfifo.WaitForExit();
        }

        folder.Write("b.cost", "import \"x.cost\"\noutput b = 1\n");

        var outcome = await BatchHarness.RunAsync(folder.In, folder.Out).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(1));
            Assert.That(ResultJson.Codes(folder.Result("x.cost")), Is.EqualTo(new[] { "CD0002" }));
            Assert.That(ResultJson.Messages(folder.Result("x.cost"))[0], Does.Contain("not a regular file"));
            Assert.That(ResultJson.Codes(folder.Result("b.cost")), Is.EqualTo(new[] { "CD0002" }));
            Assert.That(ResultJson.Output(folder.Result("a.cost"), "a"), Is.EqualTo(1));
        });
    }
}
