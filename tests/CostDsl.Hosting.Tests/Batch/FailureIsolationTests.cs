using System.Runtime.Versioning;
using CostDsl.Hosting.Tests.Support;

namespace CostDsl.Hosting.Tests.Batch;

/// <summary>Whatever goes wrong with one spec, in a pass or in a watching host, stays in that spec's result.</summary>
[UnsupportedOSPlatform("windows")]
public class FailureIsolationTests
{
    [Test]
    public async Task APoisonSpecAmongFiftyGoodOnesGetsItsOwnResult()
    {
        using var folder = new TempFolder();
        for (var i = 1; i <= 50; i++)
        {
            folder.Write($"g{i:D2}.cost", $"let users = {i}\noutput users\noutput doubled = users * 2\n");
        }

        // Sampled arithmetic past the range of a double: an evaluation error (CD0402) in this spec alone.
        folder.Write("0poison.cost", "output y = uniform(1e200, 1e201) * 1e200\noutput z = 1\n");

        var outcome = await BatchHarness.RunAsync(folder.In, folder.Out, o => o.Parallelism = 1);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Failure, Is.Null);
            Assert.That(outcome.LastPass!.Files, Is.EqualTo(51));
            Assert.That(ResultJson.Codes(folder.Result("0poison.cost")), Is.Not.Empty, "the bad spec's result says what went wrong");
            for (var i = 1; i <= 50; i++)
            {
                Assert.That(ResultJson.Output(folder.Result($"g{i:D2}.cost"), "doubled"), Is.EqualTo(i * 2));
            }
        });
    }

    [Test]
    public async Task AnInternalErrorInOneSpecIsThatSpecsDiagnosticAndIsNeverReused()
    {
        using var folder = new TempFolder();
        folder.Write("a.cost", "output a = 1\n");
        folder.Write("boom.cost", "output b = 2\n");
        folder.Write("c.cost", "output c = 3\n");

        var outcome = await BatchHarness.RunAsync(folder.In, folder.Out, services: FaultyEvaluator.Install("boom"));
        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(1));
            Assert.That(ResultJson.Codes(folder.Result("boom.cost")), Is.EqualTo(new[] { "CD0999" }));
            Assert.That(ResultJson.Messages(folder.Result("boom.cost"))[0], Does.Contain("injected fault"));
            Assert.That(ResultJson.Output(folder.Result("a.cost"), "a"), Is.EqualTo(1));
            Assert.That(ResultJson.Output(folder.Result("c.cost"), "c"), Is.EqualTo(3));
        });

        // Without the fault, the next pass evaluates boom.cost again: an internal error is never served from the cache.
        var rerun = await BatchHarness.RunAsync(folder.In, folder.Out);
        Assert.Multiple(() =>
        {
            Assert.That(rerun.ExitCode, Is.EqualTo(0));
            Assert.That(rerun.LastPass!.Evaluated, Is.EqualTo(1));
            Assert.That(ResultJson.Output(folder.Result("boom.cost"), "b"), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task AWatchingHostKeepsRunningAfterAFaultAndEvaluatesTheNextChange()
    {
        using var folder = new TempFolder();
        folder.Write("a.cost", "output a = 1\n");
        folder.Write("boom.cost", "output b = 2\n");
        folder.Write("poison.cost", "output y = uniform(1e200, 1e201)\n");

        await using var harness = await BatchHarness.StartAsync(folder.In, folder.Out, watch: true, services: FaultyEvaluator.Install("boom"));
        await harness.Outcome.WaitForPassesAsync(1).WaitAsync(BatchHarness.Timeout);
        Assert.That(ResultJson.Codes(folder.Result("boom.cost")), Is.EqualTo(new[] { "CD0999" }));

        folder.Write("a.cost", "output a = 5\n");
        await Wait.UntilAsync(() => folder.Result("a.cost")?.Contains("\"value\": 5", StringComparison.Ordinal) == true, "a.cost is evaluated again after the faulty pass");
        Assert.That(harness.Outcome.Failure, Is.Null);
        Assert.That(harness.Outcome.Finished.IsCompleted, Is.False, "the host is still watching");
    }

    [Test]
    public async Task AnInputFolderNamedLikeTheIndexIsAFailureNotASilentSuccess()
    {
        using var folder = new TempFolder();
        folder.Write("index.json/a.cost", "output a = 1\n");

        var outcome = await BatchHarness.RunAsync(folder.In, folder.Out);

        Assert.That(outcome.ExitCode, Is.EqualTo(1));
    }

    [Test]
    public async Task AnUnreadableSubfolderIsReportedNotSkippedInSilence()
    {
        if (Environment.IsPrivilegedProcess)
        {
            Assert.Ignore("root reads every folder, whatever its mode");
        }

        using var folder = new TempFolder();
        folder.Write("a.cost", "output a = 1\n");
        folder.Write("locked/b.cost", "output b = 1\n");
        var locked = Path.Combine(folder.In, "locked");
        File.SetUnixFileMode(locked, UnixFileMode.None);
        try
        {
            await using var harness = await BatchHarness.StartAsync(folder.In, folder.Out);
            await harness.Outcome.Finished.WaitAsync(BatchHarness.Timeout);
            Assert.Multiple(() =>
            {
                Assert.That(harness.Outcome.ExitCode, Is.EqualTo(1));
                Assert.That(harness.Log.ToString(), Does.Contain("locked: the folder cannot be read"));
                Assert.That(ResultJson.Output(folder.Result("a.cost"), "a"), Is.EqualTo(1));
            });
        }
        finally
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Test]
    public async Task ASpecWhoseNameIsTooLongForItsResultIsAFailureWithAMessage()
    {
        using var folder = new TempFolder();
        folder.Write("a.cost", "output a = 1\n");
        folder.Write(new string('n', 250) + ".cost", "output b = 1\n");

        await using var harness = await BatchHarness.StartAsync(folder.In, folder.Out);
        await harness.Outcome.Finished.WaitAsync(BatchHarness.Timeout);

        Assert.Multiple(() =>
        {
            Assert.That(harness.Outcome.ExitCode, Is.EqualTo(1));
            Assert.That(harness.Log.ToString(), Does.Contain("cannot write its result"));
            Assert.That(ResultJson.Output(folder.Result("a.cost"), "a"), Is.EqualTo(1));
        });
    }

    [Test]
    public void AHugeMaxEvaluationTimeIsRefusedAtStart()
    {
        using var folder = new TempFolder();
        var settings = folder.PathTo("settings.json");
        File.WriteAllText(settings, "{ \"CostDsl\": { \"Limits\": { \"MaxEvaluationTime\": \"3650.00:00:00\" } } }");
        var error = new StringWriter();

        var exit = CostDsl.Cli.CliApp.Run(["batch", "--in", folder.In, "--out", folder.Out, "--settings", settings], new StringWriter(), error);

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(2));
            Assert.That(error.ToString(), Does.Contain("MaxEvaluationTime must be positive and at most"));
        });
    }
}
