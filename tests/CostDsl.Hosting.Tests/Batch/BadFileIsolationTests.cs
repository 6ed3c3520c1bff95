using CostDsl.Hosting.Tests.Support;

namespace CostDsl.Hosting.Tests.Batch;

/// <summary>One bad file gets its own diagnostics; every other file's result is still written and right.</summary>
public class BadFileIsolationTests
{
    [Test]
    public async Task EachBadFileGetsItsOwnDiagnosticsAndTheGoodOnesAreRight()
    {
        using var folder = new TempFolder();
        for (var i = 1; i <= 5; i++)
        {
            folder.Write($"good/g{i}.cost", Specs.Good(i * 100));
        }

        folder.Write("bad/syntax.cost", "let x = 1 +\nlet y = 2\n");
        folder.Write("bad/dimension.cost", "let x = 3 GB + 2 s\n");
        folder.Write("bad/deep.cost", Specs.Deep(20_000));
        folder.Write("bad/cycle-a.cost", "import \"cycle-b.cost\"\nlet a = 1\n");
        folder.Write("bad/cycle-b.cost", "import \"cycle-a.cost\"\nlet b = 2\n");
        var random = new Random(5);
        var garbage = new byte[10 * 1024 * 1024];
        random.NextBytes(garbage);
        File.WriteAllBytes(Path.Combine(folder.In, "bad", "garbage.cost"), garbage);

        // Garbage is read in full here (the size limit has its own test), to show the parser survives it.
        var outcome = await BatchHarness.RunAsync(folder.In, folder.Out, o => o.Limits.MaxSourceBytes = 16 * 1024 * 1024);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(1));
            Assert.That(outcome.LastPass!.Files, Is.EqualTo(11));
            Assert.That(ResultJson.Codes(folder.Result("bad/syntax.cost")), Does.Contain("CD0101"));
            Assert.That(ResultJson.Codes(folder.Result("bad/dimension.cost")), Is.EqualTo(new[] { "CD0201" }));
            Assert.That(ResultJson.Codes(folder.Result("bad/deep.cost")), Does.Contain("CD0103"));
            Assert.That(ResultJson.Codes(folder.Result("bad/cycle-a.cost")), Is.EqualTo(new[] { "CD0303" }));
            Assert.That(ResultJson.Codes(folder.Result("bad/cycle-b.cost")), Is.EqualTo(new[] { "CD0303" }));
            Assert.That(ResultJson.Codes(folder.Result("bad/garbage.cost")), Is.Not.Empty.And.All.StartWith("CD01"));
            for (var i = 1; i <= 5; i++)
            {
                var good = folder.Result($"good/g{i}.cost");
                Assert.That(ResultJson.Codes(good), Is.Empty);
                Assert.That(ResultJson.Output(good, "users"), Is.EqualTo(i * 100));
                Assert.That(ResultJson.Output(good, "gpus"), Is.GreaterThanOrEqualTo(1));
            }
        });
    }

    [Test]
    public async Task TheIndexListsEveryFileWithItsStatusAndCounts()
    {
        using var folder = new TempFolder();
        folder.Write("a.cost", Specs.Good(10));
        folder.Write("b/c.cost", "let x = 3 GB + 2 s\n");
        folder.Write("d.cost", "let x = 2\nassert x > 3 \"too small\"\n");

        await BatchHarness.RunAsync(folder.In, folder.Out);

        var index = ResultJson.Parse(File.ReadAllText(Path.Combine(folder.Out, "index.json")));
        var files = index["files"]!.Select(f => ((string)f["file"]!, (string)f["result"]!, (string)f["status"]!, (int)f["outputs"]!, (int)f["diagnostics"]!)).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That((bool)index["complete"]!, Is.True);
            Assert.That(files, Is.EqualTo(new[]
            {
                ("a.cost", "a.cost.json", "ok", 2, 0),
                ("b/c.cost", "b/c.cost.json", "error", 0, 1),
                ("d.cost", "d.cost.json", "assert-failed", 1, 1),
            }));
        });
    }
}
