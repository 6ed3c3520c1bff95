using CostDsl.Diagnostics;
using CostDsl.Engine;
using CostDsl.Modules;
using CostDsl.Output;
using CostDsl.Output.Formats;

namespace CostDsl.Tests.Hostile;

/// <summary>
/// A batch pass reads each file once through a <see cref="ReadSnapshot"/>; the confinement policy is
/// still applied to every lookup, so a file in the snapshot is never served to a lookup that may not read it.
/// </summary>
public class ReadSnapshotTests
{
    private static void WriteChain(TempFolder folder, int length)
    {
        for (var i = 0; i < length; i++)
        {
            folder.Write($"c{i:D2}.cost", (i == 0 ? string.Empty : $"import \"c{i - 1:D2}.cost\"\n") + $"let v{i} = {i} GB\noutput o{i} = v{i}\n");
        }
    }

    private static string Evaluate(ConfinedSources sources, string path)
    {
        var root = sources.Open(path, sources.DisplayPath(path), "file").File!;
        var run = new CostEngine(sources).Evaluate(root);
        return OutputFormats.Json.Write([run], OutputOptions.Default);
    }

    [Test]
    public void EveryFileOfAChainIsReadOnceForAllTheSpecsAboveItWithTheSameResults()
    {
        using var folder = new TempFolder();
        const int length = 20;
        WriteChain(folder, length);
        var policy = new ConfinedSources(folder.Root, [], 1 << 20);
        var snapshot = new ReadSnapshot();
        var pass = policy.WithSnapshot(snapshot);

        var results = Enumerable.Range(0, length).Select(i => (Through: Evaluate(pass, folder.PathOf($"c{i:D2}.cost")), Alone: Evaluate(policy, folder.PathOf($"c{i:D2}.cost")))).ToList();

        Assert.Multiple(() =>
        {
            // Without the snapshot the specs read 1 + 2 + ... + 20 = 210 files; through it, each of the 20 once.
            Assert.That(snapshot.DiskReads, Is.EqualTo(length));
            Assert.That(results.Select(r => r.Through), Is.EqualTo(results.Select(r => r.Alone)));
            Assert.That(results[^1].Through, Does.Contain("\"o19\""));
        });
    }

    [Test]
    public void AFileInTheSnapshotIsRefusedToALookupThatMayNotReadIt()
    {
        using var folder = new TempFolder();
        folder.Write("secret/key.cost", "let key = 42\n");
        var outside = folder.Write("public/a.cost", "import \"../secret/key.cost\"\noutput k = key\n");
        var snapshot = new ReadSnapshot();

        // A wider policy of the same pass reads the secret file first, so the snapshot holds it.
        var wide = new ConfinedSources(folder.Root, [], 1 << 20).WithSnapshot(snapshot);
        Assert.That(wide.Open(folder.PathOf("secret/key.cost"), "secret/key.cost", "file").File, Is.Not.Null);

        var narrow = new ConfinedSources(folder.PathOf("public"), [], 1 << 20).WithSnapshot(snapshot);
        var direct = narrow.Open(folder.PathOf("secret/key.cost"), "../secret/key.cost", "import '../secret/key.cost'");
        var imported = Evaluate(narrow, outside);

        Assert.Multiple(() =>
        {
            Assert.That(direct.File, Is.Null);
            Assert.That(direct.Code, Is.EqualTo(Codes.ImportOutsideRoot));
            Assert.That(imported, Does.Contain("CD0004").And.Not.Contain("42"));
        });
    }

    [Test]
    public void ALinkOutOfTheFoldersIsRefusedThoughItsTargetIsInTheSnapshot()
    {
        using var folder = new TempFolder();
        folder.Write("secret/key.cost", "let key = 42\n");
        Directory.CreateDirectory(folder.PathOf("public"));
        File.CreateSymbolicLink(folder.PathOf("public/key.cost"), folder.PathOf("secret/key.cost"));
        var snapshot = new ReadSnapshot();
        new ConfinedSources(folder.Root, [], 1 << 20).WithSnapshot(snapshot).Open(folder.PathOf("secret/key.cost"), "secret/key.cost", "file");

        var narrow = new ConfinedSources(folder.PathOf("public"), [], 1 << 20).WithSnapshot(snapshot);
        var read = narrow.Open(folder.PathOf("public/key.cost"), "key.cost", "import 'key.cost'");

        Assert.Multiple(() =>
        {
            Assert.That(read.File, Is.Null);
            Assert.That(read.Code, Is.EqualTo(Codes.ImportOutsideRoot));
            Assert.That(read.Error, Does.Contain("is a link that leaves"));
        });
    }
}
