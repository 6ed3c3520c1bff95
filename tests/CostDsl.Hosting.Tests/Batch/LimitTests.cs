using CostDsl.Hosting.Tests.Support;

namespace CostDsl.Hosting.Tests.Batch;

/// <summary>A file past a limit stops with CD0003 naming the limit; the batch goes on.</summary>
public class LimitTests
{
    [Test]
    public async Task ATooLargeFileOrImportIsNotReadAndTheOthersGoOn()
    {
        using var folder = new TempFolder();
        folder.Write("big.cost", "# " + new string('x', 5000) + "\noutput x = 1\n");
        folder.Write("lib/bigimport.cost", "# " + new string('y', 5000) + "\nlet y = 1\n");
        folder.Write("uses.cost", "import \"lib/bigimport.cost\"\noutput z = 2\n");
        folder.Write("small.cost", "output x = 1\n");

        var outcome = await BatchHarness.RunAsync(folder.In, folder.Out, o => o.Limits.MaxSourceBytes = 4096);

        Assert.Multiple(() =>
        {
            Assert.That(ResultJson.Codes(folder.Result("big.cost")), Is.EqualTo(new[] { "CD0003" }));
            Assert.That(ResultJson.Messages(folder.Result("big.cost"))[0], Does.Contain("MaxSourceBytes"));
            Assert.That(ResultJson.Codes(folder.Result("uses.cost")), Is.EqualTo(new[] { "CD0003" }));
            Assert.That(ResultJson.Messages(folder.Result("uses.cost"))[0], Does.Contain("lib/bigimport.cost").And.Contain("MaxSourceBytes"));
            Assert.That(ResultJson.Output(folder.Result("small.cost"), "x"), Is.EqualTo(1));
            Assert.That(outcome.LastPass!.Files, Is.EqualTo(4));
        });
    }

    [Test]
    public async Task AFileThatRunsTooLongIsStoppedAtTheTimeLimit()
    {
        using var folder = new TempFolder();
        folder.Write("forever.cost", Specs.Forever(40));
        folder.Write("quick.cost", "output x = 1\n");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await BatchHarness.RunAsync(folder.In, folder.Out, o =>
        {
            o.Limits.MaxEvaluationTime = TimeSpan.FromMilliseconds(500);
            o.Limits.MaxSteps = Specs.UnboundedSteps;
        });

        Assert.Multiple(() =>
        {
            Assert.That(ResultJson.Codes(folder.Result("forever.cost")), Is.EqualTo(new[] { "CD0003" }));
            Assert.That(ResultJson.Messages(folder.Result("forever.cost"))[0], Does.Contain("MaxEvaluationTime"));
            Assert.That(ResultJson.Output(folder.Result("quick.cost"), "x"), Is.EqualTo(1));
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(20)));
        });
    }

    [Test]
    public async Task MoreSamplesThanTheLimitAllowsIsADiagnosticForEachFile()
    {
        using var folder = new TempFolder();
        folder.Write("a.cost", "output x = 1\n");
        folder.Write("b.cost", "output x = 2\n");

        var outcome = await BatchHarness.RunAsync(folder.In, folder.Out, o =>
        {
            o.Samples = 5000;
            o.Limits.MaxSamples = 1000;
        });

        Assert.Multiple(() =>
        {
            Assert.That(ResultJson.Codes(folder.Result("a.cost")), Is.EqualTo(new[] { "CD0003" }));
            Assert.That(ResultJson.Messages(folder.Result("b.cost"))[0], Does.Contain("MaxSamples"));
            Assert.That(outcome.LastPass!.Evaluated, Is.EqualTo(2));
        });
    }
}
