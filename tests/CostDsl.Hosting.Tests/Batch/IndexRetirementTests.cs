using CostDsl.Hosting.Tests.Support;

namespace CostDsl.Hosting.Tests.Batch;

/// <summary>
/// A pass writes its files without a flush each and makes them durable together before its index: so
/// the index of an earlier pass must be gone before the first result it lists is replaced, or a crash
/// of the machine could leave it vouching for a result whose new bytes never reached the disk.
/// </summary>
public class IndexRetirementTests
{
    [Test]
    public async Task WhileAPassReplacesAResultNoIndexOfAnEarlierPassIsLeft()
    {
        using var folder = new TempFolder();
        folder.Write("a.cost", "output a = 1\n");
        folder.Write("z.cost", Specs.Good(1));
        await BatchHarness.RunAsync(folder.In, folder.Out);
        var index = Path.Combine(folder.Out, "index.json");
        var earlier = File.ReadAllText(index);

        // One file at a time, in path order: a.cost is replaced first, then z.cost keeps the pass busy until its
        // time limit (an uncertain doubling chain: shared calls cannot shorten it, so only the clock stops it).
        folder.Write("a.cost", "output a = 2\n");
        folder.Write("z.cost", Specs.Forever(40));
        await using (var harness = await BatchHarness.StartAsync(folder.In, folder.Out, o =>
        {
            o.Parallelism = 1;
            o.Limits.MaxEvaluationTime = TimeSpan.FromSeconds(5);
            o.Limits.MaxSteps = Specs.UnboundedSteps;
        }))
        {
            await Wait.UntilAsync(() => folder.Result("a.cost") is { } text && ResultJson.Output(text, "a") == 2, "a.cost's result is replaced");

            // Otherwise the pass's own new index would be read below, and the test would prove nothing.
            Assert.That(harness.Outcome.Finished.IsCompleted, Is.False, "the pass is still busy with z.cost");
            var seen = File.Exists(index) ? File.ReadAllText(index) : null;
            Assert.That(seen, Is.Not.EqualTo(earlier), "the earlier pass's index, listing a.cost with its old fingerprint, is gone once a.cost is replaced");
            await harness.Outcome.Finished.WaitAsync(BatchHarness.Timeout);
        }

        // Written again at the end of the pass, once its files are durable.
        Assert.That(File.ReadAllText(index), Does.Contain("\"a.cost\"").And.Contain("\"z.cost\"").And.Contain("\"complete\": true"));
    }
}
