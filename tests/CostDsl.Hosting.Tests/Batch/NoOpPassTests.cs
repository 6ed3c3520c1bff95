using CostDsl.Hosting.Tests.Support;

namespace CostDsl.Hosting.Tests.Batch;

/// <summary>A pass over specs that did not change writes nothing: not a result, not a stamp, not the index.</summary>
public class NoOpPassTests
{
    [Test]
    public async Task ASecondPassOverUnchangedSpecsLeavesEveryFileAsItWas()
    {
        using var folder = new TempFolder();
        folder.Write("lib/price.cost", "let price = 10 USD\n");
        folder.Write("a.cost", "import \"lib/price.cost\"\noutput a = price * 2\n");
        folder.Write("b/b.cost", "output b = 1 to 2\n");
        await BatchHarness.RunAsync(folder.In, folder.Out);
        var before = Snapshot(folder.Out);

        var rerun = await BatchHarness.RunAsync(folder.In, folder.Out);

        Assert.Multiple(() =>
        {
            Assert.That(rerun.LastPass!.Evaluated, Is.EqualTo(0));
            Assert.That(before.Keys, Does.Contain("index.json"));
            Assert.That(Snapshot(folder.Out), Is.EqualTo(before), "each file's identity (inode via its write time) and bytes");
        });
    }

    [Test]
    public async Task APassThatChangesOneResultStillRewritesTheIndex()
    {
        using var folder = new TempFolder();
        folder.Write("a.cost", "output a = 1\n");
        await BatchHarness.RunAsync(folder.In, folder.Out);
        folder.Write("a.cost", "output a = 2\nassert a > 5 \"a is large\"\n");
        await BatchHarness.RunAsync(folder.In, folder.Out);
        Assert.That(File.ReadAllText(Path.Combine(folder.Out, "index.json")), Does.Contain("\"assert-failed\": 1"));
    }

    /// <summary>Every file under the output folder: its write time (a rewrite through a temporary file and a rename changes it) and its bytes.</summary>
    private static Dictionary<string, string> Snapshot(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(
            f => Path.GetRelativePath(folder, f),
            f => File.GetLastWriteTimeUtc(f).Ticks + " " + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))));
}
