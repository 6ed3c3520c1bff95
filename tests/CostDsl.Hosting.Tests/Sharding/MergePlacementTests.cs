using System.Diagnostics;
using CostDsl.Hosting.Tests.Support;
using Newtonsoft.Json.Linq;
using static CostDsl.Hosting.Tests.Sharding.BatchShardTests;

namespace CostDsl.Hosting.Tests.Sharding;

/// <summary>How costdsl merge places the parts' files: linked or copied, the merged folder is the unsharded batch's, and stays its own.</summary>
public class MergePlacementTests
{
    [Test]
    public void CopiedPartsMergeToTheSameBytesAsLinkedOnes()
    {
        using var folder = new TempFolder();
        WriteSpecs(folder, 24);
        var whole = folder.PathTo("whole");
        Run("batch", "--in", folder.In, "--out", whole);
        var parts = Parts(folder, 3);

        // As where the parts lie on another file system than the merged folder: every file copied.
        var copied = BatchMerge.Merge(parts, folder.PathTo("copied"), link: false);
        Assert.That(copied.Merged, Is.True);
        AssertSameFiles(whole, folder.PathTo("copied"));
    }

    [Test]
    public void ABatchIntoTheMergedFolderLeavesThePartsAsTheyWere()
    {
        using var folder = new TempFolder();
        WriteSpecs(folder, 12);
        var parts = Parts(folder, 2);
        var merged = folder.PathTo("merged");
        Assert.That(Run(["merge", .. parts, "--out", merged]).Exit, Is.EqualTo(1), "a spec has an error");
        var before = parts.ToDictionary(p => p, Files);

        // An edit, a deletion and a new spec, then a batch into the merged folder: it replaces, removes and adds files there.
        folder.Write("team0/s00.cost", "output total = 12345\n");
        File.Delete(Path.Combine(folder.In, "team1", "s01.cost"));
        folder.Write("team2/new.cost", "output n = 1\n");
        Run("batch", "--in", folder.In, "--out", merged);

        Assert.Multiple(() =>
        {
            Assert.That(ResultJson.Output(folder.Result("team0/s00.cost", merged), "total"), Is.EqualTo(12345), "the merged folder has the new result");
            Assert.That(File.Exists(Path.Combine(merged, "team1", "s01.cost.json")), Is.False);
            foreach (var part in parts)
            {
                var after = Files(part);
                Assert.That(after.Keys, Is.EquivalentTo(before[part].Keys), $"{part}: the same files");
                foreach (var (name, bytes) in before[part])
                {
                    Assert.That(after[name], Is.EqualTo(bytes), $"{part}: {name}");
                }
            }
        });
    }

    /// <summary>
    /// The randomized fault test of merge: a costdsl merge process killed (SIGKILL) at a random moment
    /// while it places files leaves either no index.json or one whose every file is there, whole: the
    /// folder is then the unsharded batch's byte for byte. A merge run again into a new folder finishes it.
    /// </summary>
    [Test]
    public void AMergeKilledAtRandomPointsNeverLeavesAnIndexVouchingForAMissingOrPartialFile()
    {
        var seed = TestContext.CurrentContext.Random.Next();
        var random = new Random(seed);
        using var folder = new TempFolder();
        for (var i = 0; i < 400; i++)
        {
            folder.Write($"d{i % 7}/s{i:D3}.cost", $"let price = {i} USD\noutput total = price * 2\n");
        }

        var whole = folder.PathTo("whole");
        Run("batch", "--in", folder.In, "--out", whole);
        var parts = Parts(folder, 3);
        var killedWithIndex = 0;
        for (var round = 0; round < 8; round++)
        {
            var target = folder.PathTo($"merged{round}");
            // Mostly within the first milliseconds of placing (a merge of 1,200 files places them in a few), sometimes later, in the flush or the index.
            KillMergeWhilePlacing(parts, target, round % 3 == 2 ? TimeSpan.FromMilliseconds(random.Next(0, 40)) : TimeSpan.FromTicks(random.Next(0, 30_000)));
            var context = $"seed {seed}, round {round}";
            var placed = Directory.Exists(target) ? Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories).Count() : 0;
            TestContext.Out.WriteLine($"{context}: killed after {placed} files");
            if (File.Exists(Path.Combine(target, "index.json")))
            {
                // The index is written last: once it is there, every file it names is there, whole.
                killedWithIndex++;
                foreach (var result in JObject.Parse(File.ReadAllText(Path.Combine(target, "index.json")))["files"]!.Select(f => (string)f["result"]!))
                {
                    Assert.That(File.Exists(Path.Combine(target, result)), Is.True, $"{context}: the index lists {result}, which is missing");
                }

                AssertSameFiles(whole, target);
            }

            var again = folder.PathTo($"again{round}");
            Assert.That(Run(["merge", .. parts, "--out", again]).Exit, Is.EqualTo(0), context);
            AssertSameFiles(whole, again);
        }

        TestContext.Out.WriteLine($"seed {seed}: {killedWithIndex} of 8 merges had written their index when killed");
    }

    /// <summary>Starts costdsl merge, waits until it has begun to write the target folder, then kills it after <paramref name="delay"/>.</summary>
    private static void KillMergeWhilePlacing(IReadOnlyList<string> parts, string target, TimeSpan delay)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "costdsl.exe" : "costdsl"))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "merge" }.Concat(parts).Concat(["--out", target]))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        while (!Directory.Exists(target) && !process.HasExited && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            Thread.Sleep(0);
        }

        var waited = clock.Elapsed;

        // A busy wait: a sleep or a timed wait would round the delay up to the scheduler's tick.
        while (clock.Elapsed < waited + delay && !process.HasExited)
        {
            Thread.SpinWait(20);
        }

        if (!process.HasExited)
        {
            process.Kill();
        }

        Assert.That(process.WaitForExit(TimeSpan.FromSeconds(60)), Is.True, "the merge ends");
    }

    private static List<string> Parts(TempFolder folder, int count)
    {
        var parts = new List<string>();
        for (var k = 0; k < count; k++)
        {
            parts.Add(folder.PathTo($"part{k}"));
            Run("batch", "--in", folder.In, "--out", parts[^1], "--shard", $"{k}/{count}");
        }

        return parts;
    }

    private static Dictionary<string, byte[]> Files(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(root, f), File.ReadAllBytes);
}
