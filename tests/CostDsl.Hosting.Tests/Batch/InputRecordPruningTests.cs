using CostDsl.Hosting.Tests.Support;

namespace CostDsl.Hosting.Tests.Batch;

/// <summary>OUT/.costdsl/inputs keeps a record for the files the specs read now, not for every file that ever was.</summary>
public class InputRecordPruningTests
{
    private static string[] Records(TempFolder folder) =>
        Directory.GetFiles(Path.Combine(folder.Out, ".costdsl", "inputs"), "*.json");

    [Test]
    public async Task RecordsOfDeletedSpecsAndDroppedImportsAreRemoved()
    {
        using var folder = new TempFolder();
        folder.Write("lib.cost", "let base = 7\n");
        folder.Write("a.cost", "import \"lib.cost\"\noutput a = base * 2\n");
        folder.Write("b.cost", "output b = 2\n");
        folder.Write("c.cost", "output c = 3\n");
        await BatchHarness.RunAsync(folder.In, folder.Out);
        var before = Records(folder).Length;

        // b goes, and a stops importing lib: their records (b's, lib's, a's old one replaced) are of no use.
        File.Delete(Path.Combine(folder.In, "b.cost"));
        folder.Write("a.cost", "output a = 5\n");
        await BatchHarness.RunAsync(folder.In, folder.Out);
        var after = Records(folder).Length;
        var rerun = await BatchHarness.RunAsync(folder.In, folder.Out);

        Assert.Multiple(() =>
        {
            // lib.cost is itself a spec of the folder, so its record stays; b's goes.
            Assert.That(after, Is.EqualTo(before - 1), "only b.cost's record is gone");
            Assert.That(rerun.LastPass!.Evaluated, Is.EqualTo(0), "the records left still vouch for every result");
            Assert.That(ResultJson.Output(folder.Result("a.cost"), "a"), Is.EqualTo(5));
        });
    }

    [Test]
    public async Task AResultWhoseRecordWasPrunedIsEvaluatedAgainNotServed()
    {
        using var folder = new TempFolder();
        folder.Write("lib.cost", "let base = 7\n");
        folder.Write("a.cost", "import \"lib.cost\"\noutput a = base * 2\n");
        await BatchHarness.RunAsync(folder.In, folder.Out);

        // As if a pass had removed every record and been killed before it wrote them again.
        foreach (var record in Records(folder))
        {
            File.Delete(record);
        }

        folder.Write("lib.cost", "let base = 100\n");
        var rerun = await BatchHarness.RunAsync(folder.In, folder.Out);

        Assert.Multiple(() =>
        {
            Assert.That(rerun.LastPass!.Evaluated, Is.EqualTo(2));
            Assert.That(ResultJson.Output(folder.Result("a.cost"), "a"), Is.EqualTo(200));
            Assert.That(Records(folder), Is.Not.Empty);
        });
    }
}
