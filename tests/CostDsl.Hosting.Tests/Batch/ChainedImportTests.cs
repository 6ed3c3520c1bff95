using CostDsl.Hosting.Tests.Support;

namespace CostDsl.Hosting.Tests.Batch;

/// <summary>
/// A chain of imports (each spec imports the one before it) is read once a pass, however many specs
/// sit above a file; a pass must still see every edit made before it started.
/// </summary>
public class ChainedImportTests
{
    private const int Length = 30;

    private static string Module(int i, int step) =>
        (i == 0 ? string.Empty : $"import \"c{i - 1:D2}.cost\"\n")
        + $"let v{i} = {(i == 0 ? "0" : $"v{i - 1} + {step}")}\noutput o{i} = v{i}\n";

    private static void WriteChain(TempFolder folder, int editedAt = -1)
    {
        for (var i = 0; i < Length; i++)
        {
            folder.Write($"c{i:D2}.cost", Module(i, i == editedAt ? 100 : 1));
        }
    }

    [Test]
    public async Task AModuleEditedInTheMiddleOfAChainGivesEverySpecAboveItTheFreshResult()
    {
        using var folder = new TempFolder();
        WriteChain(folder);
        await BatchHarness.RunAsync(folder.In, folder.Out);
        Assert.That(ResultJson.Output(folder.Result($"c{Length - 1:D2}.cost"), $"o{Length - 1}"), Is.EqualTo(Length - 1));

        // Between two passes, one module in the middle changes; every spec that imports it, directly or not, is stale.
        folder.Write("c15.cost", Module(15, 100));
        var second = await BatchHarness.RunAsync(folder.In, folder.Out);

        // A fresh batch of the edited chain into an empty folder is what the second pass must have written.
        var fresh = Path.Combine(folder.Root, "fresh");
        await BatchHarness.RunAsync(folder.In, fresh);
        Assert.Multiple(() =>
        {
            Assert.That(second.LastPass!.Evaluated, Is.EqualTo(Length - 15), "c15 and every spec above it are evaluated again; the ones below are up to date");
            Assert.That(ResultJson.Output(folder.Result($"c{Length - 1:D2}.cost"), $"o{Length - 1}"), Is.EqualTo(Length - 1 + 99));
            Assert.That(ResultJson.Output(folder.Result("c14.cost"), "o14"), Is.EqualTo(14));
            for (var i = 0; i < Length; i++)
            {
                Assert.That(folder.Result($"c{i:D2}.cost"), Is.EqualTo(folder.Result($"c{i:D2}.cost", fresh)), $"c{i:D2}.cost");
            }
        });

        // And back: the revert is seen too.
        folder.Write("c15.cost", Module(15, 1));
        await BatchHarness.RunAsync(folder.In, folder.Out);
        Assert.That(ResultJson.Output(folder.Result($"c{Length - 1:D2}.cost"), $"o{Length - 1}"), Is.EqualTo(Length - 1));
    }

    [Test]
    public async Task AnErrorInAModuleOfTheChainIsReportedInEverySpecAboveItAtItsPlace()
    {
        using var folder = new TempFolder();
        WriteChain(folder);
        folder.Write("c05.cost", "import \"c04.cost\"\nlet v5 = v4 + 1 GB\noutput o5 = v5\n");
        await BatchHarness.RunAsync(folder.In, folder.Out);

        Assert.Multiple(() =>
        {
            foreach (var spec in new[] { "c05.cost", "c06.cost", "c29.cost" })
            {
                var diagnostic = ResultJson.Parse(folder.Result(spec))["diagnostics"]!.Single();
                Assert.That((string)diagnostic["code"]!, Is.EqualTo("CD0201"), spec);
                Assert.That((string)diagnostic["file"]!, Is.EqualTo("c05.cost"), spec);
                Assert.That((int)diagnostic["line"]!, Is.EqualTo(2), spec);
            }

            Assert.That(ResultJson.Parse(folder.Result("c04.cost"))["diagnostics"]!, Is.Empty);
        });
    }
}
