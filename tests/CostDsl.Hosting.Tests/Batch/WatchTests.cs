using CostDsl.Hosting.Tests.Support;

namespace CostDsl.Hosting.Tests.Batch;

/// <summary>--watch re-evaluates a file when it or an import changes, and removes the result of a deleted file.</summary>
public class WatchTests
{
    [Test]
    public async Task ChangesToAFileOrItsImportsAreEvaluatedAndDeletionsRemoveResults()
    {
        using var folder = new TempFolder();
        folder.Write("lib/price.cost", "let price = 10 USD\n");
        folder.Write("a.cost", "import \"lib/price.cost\"\noutput total = price * 3\n");
        folder.Write("b.cost", "output b = 1\n");
        folder.Write("gone.cost", "output g = 1\n");

        await using var harness = await BatchHarness.StartAsync(folder.In, folder.Out, watch: true);
        await harness.Outcome.WaitForPassesAsync(1).WaitAsync(BatchHarness.Timeout);
        Assert.That(ResultJson.Output(folder.Result("a.cost"), "total"), Is.EqualTo(30));

        folder.Write("lib/price.cost", "let price = 20 USD\n");
        await Wait.UntilAsync(() => folder.Result("a.cost")?.Contains("60", StringComparison.Ordinal) == true, "a.cost is evaluated again after its import changed");

        folder.Write("b.cost", "output b = 2\n");
        await Wait.UntilAsync(() => folder.Result("b.cost")?.Contains("\"value\": 2", StringComparison.Ordinal) == true, "b.cost is evaluated again after it changed");

        File.Delete(Path.Combine(folder.In, "gone.cost"));
        await Wait.UntilAsync(() => folder.Result("gone.cost") is null, "the result of a deleted file is removed");

        folder.Write("new/c.cost", "output c = 3\n");
        await Wait.UntilAsync(() => folder.Result("new/c.cost") is not null, "a new file is evaluated");

        Assert.That(harness.Outcome.LastPass!.Skipped, Is.GreaterThan(0), "unchanged files are not evaluated again");
    }
}
