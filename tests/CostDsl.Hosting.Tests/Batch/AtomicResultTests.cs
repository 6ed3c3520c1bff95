using CostDsl.Hosting.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CostDsl.Hosting.Tests.Batch;

/// <summary>A batch stopped part-way leaves only whole results, and running it again finishes the rest.</summary>
public class AtomicResultTests
{
    [Test]
    public async Task StoppedBatchLeavesWholeResultsAndARerunFinishesTheRest()
    {
        using var folder = new TempFolder();
        const int count = 60;
        for (var i = 0; i < count; i++)
        {
            // Every tenth file takes a while, so that the stop lands in the middle of the batch.
            folder.Write($"s{i:D3}.cost", i % 10 == 9 ? Specs.Slow(17) : Specs.Good(i + 1));
        }

        var reference = folder.PathTo("reference");
        Assert.That((await BatchHarness.RunAsync(folder.In, reference)).ExitCode, Is.EqualTo(0));

        await using (var harness = await BatchHarness.StartAsync(folder.In, folder.Out, o => o.Parallelism = 1))
        {
            await Wait.UntilAsync(() => Directory.Exists(folder.Out) && Directory.GetFiles(folder.Out, "*.cost.json").Length >= 15, "some results are written");
            await harness.Host.StopAsync();
            Assert.That(harness.Outcome.Interrupted, Is.True);
            Assert.That(harness.Outcome.ExitCode, Is.EqualTo(1));
        }

        var written = Directory.GetFiles(folder.Out, "*.cost.json").Select(Path.GetFileName).ToArray();
        var index = JObject.Parse(File.ReadAllText(Path.Combine(folder.Out, "index.json")));
        Assert.Multiple(() =>
        {
            Assert.That(written, Has.Length.LessThan(count), "the stop came before the end");
            Assert.That(Directory.GetFiles(folder.Out, "*.tmp", SearchOption.AllDirectories), Is.Empty);
            Assert.That((bool)index["complete"]!, Is.False);
            Assert.That(index["files"]!.Select(f => (string)f["result"]!), Is.EquivalentTo(written));
            foreach (var name in written)
            {
                Assert.That(File.ReadAllText(Path.Combine(folder.Out, name!)), Is.EqualTo(File.ReadAllText(Path.Combine(reference, name!))), name);
            }
        });

        var rerun = await BatchHarness.RunAsync(folder.In, folder.Out);
        Assert.Multiple(() =>
        {
            Assert.That(rerun.ExitCode, Is.EqualTo(0));
            Assert.That(rerun.LastPass!.Skipped, Is.EqualTo(written.Length), "what was complete is not evaluated again");
            Assert.That(rerun.LastPass.Evaluated, Is.EqualTo(count - written.Length));
            foreach (var name in Directory.GetFiles(reference, "*.json").Select(Path.GetFileName))
            {
                Assert.That(File.ReadAllText(Path.Combine(folder.Out, name!)), Is.EqualTo(File.ReadAllText(Path.Combine(reference, name!))), name);
            }
        });
    }

    [Test]
    public async Task ARerunEvaluatesAFileAgainWhenAnImportChanges()
    {
        using var folder = new TempFolder();
        folder.Write("lib/price.cost", "let price = 10 USD\n");
        folder.Write("a.cost", "import \"lib/price.cost\"\noutput total = price * 3\n");
        folder.Write("b.cost", "output other = 1\n");
        await BatchHarness.RunAsync(folder.In, folder.Out);

        folder.Write("lib/price.cost", "let price = 20 USD\n");
        var rerun = await BatchHarness.RunAsync(folder.In, folder.Out);

        Assert.Multiple(() =>
        {
            Assert.That(rerun.LastPass!.Evaluated, Is.EqualTo(2), "a.cost, whose import changed, and lib/price.cost itself");
            Assert.That(rerun.LastPass.Skipped, Is.EqualTo(1));
            Assert.That(ResultJson.Output(folder.Result("a.cost"), "total"), Is.EqualTo(60));
        });
    }

    [Test]
    public async Task LeftoverTemporaryFilesOfAKilledRunAreRemoved()
    {
        using var folder = new TempFolder();
        folder.Write("a.cost", "output x = 1\n");
        Directory.CreateDirectory(folder.Out);
        var leftover = Path.Combine(folder.Out, ".costdsl-0123456789abcdef.tmp");
        File.WriteAllText(leftover, "{ \"half");

        await BatchHarness.RunAsync(folder.In, folder.Out);

        Assert.That(File.Exists(leftover), Is.False);
    }
}
