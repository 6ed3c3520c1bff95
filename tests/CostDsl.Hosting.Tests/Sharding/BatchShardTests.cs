using System.Diagnostics;
using CostDsl.Cli;
using CostDsl.Hosting.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CostDsl.Hosting.Tests.Sharding;

/// <summary>costdsl batch --shard K/N and costdsl merge, as a CI matrix or an Indexed Job runs them.</summary>
public class BatchShardTests
{
    [TestCase(1)]
    [TestCase(3)]
    [TestCase(7)]
    public void TheMergeOfEveryPartIsByteIdenticalToTheUnshardedBatch(int parts)
    {
        using var folder = new TempFolder();
        WriteSpecs(folder, 24);

        // Specs at the top, deep down and under names that are not ASCII: each is placed under its own folder.
        folder.Write("top.cost", "output t = 1\n");
        folder.Write("a/b/c/deep.cost", "import \"../../../lib/price.cost\"\noutput d = price * 2\n");
        folder.Write("ünï/日本/é.cost", "output u = 3 GB\n");
        var whole = folder.PathTo("whole");
        Assert.That(Run("batch", "--in", folder.In, "--out", whole).Exit, Is.EqualTo(1), "the specs include an error and a failed assert");

        var folders = new List<string>();
        for (var k = 0; k < parts; k++)
        {
            var part = folder.PathTo($"part{k}");
            folders.Add(part);
            var run = Run("batch", "--in", folder.In, "--out", part, "--shard", $"{k}/{parts}", "--parallel", "2");
            Assert.That(run.Exit, Is.EqualTo(0).Or.EqualTo(1), run.Error);
        }

        var merged = folder.PathTo("merged");
        var merge = Run(["merge", .. folders, "--out", merged]);
        Assert.That(merge.Exit, Is.EqualTo(1), "as the unsharded batch, 1 because a spec has an error: " + merge.Error);
        AssertSameFiles(whole, merged);
    }

    [Test]
    public void EachSpecIsInExactlyOnePartAndAddingFilesMovesNone()
    {
        using var folder = new TempFolder();
        WriteSpecs(folder, 30);
        var before = Membership(folder, 5);
        for (var i = 0; i < 40; i++)
        {
            folder.Write($"extra/e{i}.cost", $"output e = {i}\n");
        }

        var after = Membership(folder, 5);
        Assert.Multiple(() =>
        {
            // 30 specs and lib/price.cost, which is a spec too.
            Assert.That(before.Values.Sum(v => v.Count), Is.EqualTo(31));
            Assert.That(before.Values.SelectMany(v => v).Distinct().Count(), Is.EqualTo(31), "no spec is in two parts");
            Assert.That(before.Values.Count(v => v.Count > 0), Is.GreaterThan(1), "the specs are spread over the parts");
            for (var k = 0; k < 5; k++)
            {
                Assert.That(after[k].Where(f => !f.StartsWith("extra/", StringComparison.Ordinal)), Is.EqualTo(before[k]), $"part {k}");
            }
        });
    }

    [TestCase("3/3")]
    [TestCase("5/2")]
    [TestCase("0/0")]
    [TestCase("-1/2")]
    [TestCase("1")]
    [TestCase("a/b")]
    [TestCase("1/2/3")]
    public void AMalformedShardIsBadUsage(string shard)
    {
        using var folder = new TempFolder();
        folder.Write("a.cost", "output x = 1\n");
        var run = Run("batch", "--in", folder.In, "--out", folder.Out, "--shard", shard);
        Assert.Multiple(() =>
        {
            Assert.That(run.Exit, Is.EqualTo(2));
            Assert.That(run.Error, Does.Contain("--shard"));
            Assert.That(Directory.Exists(folder.Out), Is.False, "nothing is evaluated");
        });
    }

    [Test]
    public void AMissingPartIsRefusedAndNamed()
    {
        using var folder = new TempFolder();
        WriteSpecs(folder, 10);
        var parts = Shards(folder, 3);
        var merged = folder.PathTo("merged");
        var run = Run("merge", parts[0], parts[2], "--out", merged);
        Assert.Multiple(() =>
        {
            Assert.That(run.Exit, Is.EqualTo(1));
            Assert.That(run.Error, Does.Contain("CD0902").And.Contain("part 1/3 missing"));
            Assert.That(HoldsAnything(merged), Is.False, "nothing is written");
        });
    }

    [Test]
    public void APartMissingAResultItsIndexListsIsRefusedAndNamed()
    {
        using var folder = new TempFolder();
        WriteSpecs(folder, 12);
        var parts = Shards(folder, 2);
        var listed = SecondResultOf(parts[1]);
        File.Delete(Path.Combine(parts[1], listed));

        var merged = folder.PathTo("merged");
        var run = Run("merge", parts[0], parts[1], "--out", merged);
        Assert.Multiple(() =>
        {
            Assert.That(run.Exit, Is.EqualTo(1));
            Assert.That(run.Error, Does.Contain("CD0903").And.Contain($"lists {listed}, which is not in {parts[1]}"));
            Assert.That(HoldsAnything(merged), Is.False, "nothing is written");
        });
    }

    [TestCase("dangling link")]
    [TestCase("fifo")]
    public void APartWhoseResultIsNoRegularFileIsRefusedWithoutReadingIt(string kind)
    {
        using var folder = new TempFolder();
        WriteSpecs(folder, 12);
        var parts = Shards(folder, 2);
        var listed = SecondResultOf(parts[1]);
        var result = Path.Combine(parts[1], listed);
        File.Delete(result);
        if (kind == "fifo")
        {
            // Copied rather than linked (as onto another file system), a FIFO would block the merge for ever.
            using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [result]) { UseShellExecute = false })!;
            mkfifo.WaitForExit();
        }
        else
        {
            File.CreateSymbolicLink(result, Path.Combine(folder.In, "nowhere.json"));
        }

        var merged = folder.PathTo("merged");
        var merge = Task.Run(() => BatchMerge.Merge(parts, merged, link: false));
        Assert.That(merge.Wait(TimeSpan.FromSeconds(30)), Is.True, "the merge ends");
        Assert.Multiple(() =>
        {
            Assert.That(merge.Result.Merged, Is.False);
            Assert.That(merge.Result.Refusals.Select(r => r.Code.Id), Is.EqualTo(new[] { "CD0903" }));
            Assert.That(merge.Result.Refusals[0].Message, Does.Contain($"{listed} in {parts[1]} is not a regular file"));
            Assert.That(HoldsAnything(merged), Is.False, "nothing is written");
        });
    }

    [Test]
    public void PartsThatReadDifferentVersionsOfAnImportAreRefused()
    {
        using var folder = new TempFolder();
        WriteSpecs(folder, 12);
        var first = folder.PathTo("part0");
        Run("batch", "--in", folder.In, "--out", first, "--shard", "0/2");

        // The shared import changes between the two parts, as when they run on two checkouts.
        folder.Write("lib/price.cost", "let price = 11 USD\n");
        var second = folder.PathTo("part1");
        Run("batch", "--in", folder.In, "--out", second, "--shard", "1/2");

        var merged = folder.PathTo("merged");
        var run = Run("merge", first, second, "--out", merged);
        Assert.Multiple(() =>
        {
            Assert.That(run.Exit, Is.EqualTo(1));
            Assert.That(run.Error, Does.Contain("CD0901").And.Contain("read different versions of one input"));
            Assert.That(HoldsAnything(merged), Is.False, "nothing is written");
        });
    }

    [Test]
    public void OfSeveralDifferingInputsTheRefusalNamesTheFirstByName()
    {
        using var folder = new TempFolder();
        for (var i = 0; i < 16; i++)
        {
            folder.Write($"lib/l{i}.cost", $"let p{i} = {i} USD\n");
            folder.Write($"team/s{i:D2}.cost", string.Concat(Enumerable.Range(0, 16).Select(k => $"import \"../lib/l{k}.cost\"\n")) + $"output total = p{i} * 2\n");
        }

        var first = folder.PathTo("part0");
        Run("batch", "--in", folder.In, "--out", first, "--shard", "0/2");

        // Every shared import changes between the parts: sixteen records differ, listed in whatever order the file system keeps.
        for (var i = 0; i < 16; i++)
        {
            folder.Write($"lib/l{i}.cost", $"let p{i} = {i + 100} USD\n");
        }

        var second = folder.PathTo("part1");
        Run("batch", "--in", folder.In, "--out", second, "--shard", "1/2");

        static string Records(string part) => Path.Combine(part, ".costdsl", "inputs");
        var differing = Directory.EnumerateFiles(Records(second)).Select(Path.GetFileName).OfType<string>()
            .Where(name => File.Exists(Path.Combine(Records(first), name))
                && !File.ReadAllBytes(Path.Combine(Records(first), name)).SequenceEqual(File.ReadAllBytes(Path.Combine(Records(second), name))))
            .Order(StringComparer.Ordinal).ToList();
        Assert.That(differing, Has.Count.GreaterThanOrEqualTo(16), "the parts read sixteen imports in two versions");

        var run = Run("merge", first, second, "--out", folder.PathTo("merged"));
        Assert.Multiple(() =>
        {
            Assert.That(run.Exit, Is.EqualTo(1));
            Assert.That(run.Error, Does.Contain("CD0901").And.Contain(differing[0]), "the first differing record in name order");
            Assert.That(differing.Skip(1).Where(run.Error.Contains), Is.Empty, "one refusal, naming one record");
        });
    }

    [Test]
    public void APartGivenTwiceOrFromAnotherSplitIsRefused()
    {
        using var folder = new TempFolder();
        WriteSpecs(folder, 10);
        var three = Shards(folder, 3);
        var two = Shards(folder, 2, "two");
        var twice = Run("merge", three[0], three[1], three[1], three[2], "--out", folder.PathTo("m1"));
        var mixed = Run("merge", three[0], three[1], two[1], "--out", folder.PathTo("m2"));
        Assert.Multiple(() =>
        {
            Assert.That(twice.Exit, Is.EqualTo(1));
            Assert.That(twice.Error, Does.Contain("CD0902").And.Contain("are both part 1/3"));
            Assert.That(mixed.Exit, Is.EqualTo(1));
            Assert.That(mixed.Error, Does.Contain("CD0902").And.Contain("another split"));
        });
    }

    [Test]
    public void PartsMadeWithOtherSettingsAreRefused()
    {
        using var folder = new TempFolder();
        WriteSpecs(folder, 10);
        var settings = folder.PathTo("seed7.json");
        File.WriteAllText(settings, """{ "CostDsl": { "Seed": 7 } }""");
        var a = folder.PathTo("a");
        var b = folder.PathTo("b");
        Run("batch", "--in", folder.In, "--out", a, "--shard", "0/2");
        Run("batch", "--in", folder.In, "--out", b, "--shard", "1/2", "--settings", settings);
        var run = Run("merge", a, b, "--out", folder.PathTo("merged"));
        Assert.Multiple(() =>
        {
            Assert.That(run.Exit, Is.EqualTo(1));
            Assert.That(run.Error, Does.Contain("CD0901").And.Contain("other settings"));
            Assert.That(run.Error, Does.Contain("index.json:"), "located in the part's index");
        });
    }

    [Test]
    public void APartFromAnotherEngineBuildIsRefused()
    {
        using var folder = new TempFolder();
        WriteSpecs(folder, 10);
        var parts = Shards(folder, 2);
        var index = Path.Combine(parts[1], "index.json");
        var json = JObject.Parse(File.ReadAllText(index));
        json["engine"] = "engine=00000000-0000-0000-0000-000000000000;host=00000000-0000-0000-0000-000000000000";
        File.WriteAllText(index, json.ToString());
        var run = Run("merge", parts[0], parts[1], "--out", folder.PathTo("merged"));
        Assert.Multiple(() =>
        {
            Assert.That(run.Exit, Is.EqualTo(1));
            Assert.That(run.Error, Does.Contain("CD0901").And.Contain("another build of costdsl"));
        });
    }

    [Test]
    public void AFolderThatIsNoBatchOutputAndANonEmptyTargetAreRefused()
    {
        using var folder = new TempFolder();
        WriteSpecs(folder, 4);
        var whole = folder.PathTo("whole");
        Run("batch", "--in", folder.In, "--out", whole);
        var notPart = Run("merge", whole, folder.In, "--out", folder.PathTo("m"));
        var nonEmpty = Run("merge", whole, "--out", folder.In);
        Assert.Multiple(() =>
        {
            Assert.That(notPart.Exit, Is.EqualTo(1));
            Assert.That(notPart.Error, Does.Contain("CD0903").And.Contain("has no index.json"));
            Assert.That(nonEmpty.Exit, Is.EqualTo(2));
            Assert.That(nonEmpty.Error, Does.Contain("not an empty folder"));
        });
    }

    [Test]
    public async Task APartWhoseIndexIsAFifoIsRefusedWithoutBeingOpened()
    {
        using var folder = new TempFolder();
        WriteSpecs(folder, 4);
        var parts = Shards(folder, 2);
        var index = Path.Combine(parts[1], "index.json");
        File.Delete(index);
        using (var mkfifo = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("mkfifo", [index]) { UseShellExecute = false })!)
        {
            mkfifo.WaitForExit();
        }

        // Opening a FIFO for reading blocks until a writer comes: a merge that opened it would never end.
        var merge = await Task.Run(() => Run(["merge", .. parts, "--out", folder.PathTo("m")])).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Multiple(() =>
        {
            Assert.That(merge.Exit, Is.EqualTo(1));
            Assert.That(merge.Error, Does.Contain("CD0903").And.Contain("not a regular file"));
            Assert.That(Directory.Exists(folder.PathTo("m")) && Directory.EnumerateFileSystemEntries(folder.PathTo("m")).Any(), Is.False, "nothing written");
        });
    }

    [TestCase("\"files\": [ 7 ]", TestName = "An entry that is a number")]
    [TestCase("\"files\": { }", TestName = "Files that are no list")]
    [TestCase("\"filez\": [ ]", TestName = "No list of files")]
    [TestCase("\"files\": [ ] }\n{ \"files\": [ ]", TestName = "Text after the index")]
    [TestCase("\"files\": [ { \"file\": \"../../etc/passwd\", \"result\": \"../../etc/passwd.json\" } ]", TestName = "An entry that climbs out of the part")]
    public void APartWithADamagedIndexIsRefused(string files)
    {
        using var folder = new TempFolder();
        WriteSpecs(folder, 12);
        var parts = Shards(folder, 2);
        var index = Path.Combine(parts[0], "index.json");
        var text = File.ReadAllText(index);
        Assert.That(text, Does.Contain("\"result\""), "the damaged part held results: dropping them unsaid must not pass for a merge");
        var start = text.IndexOf("\"files\": [", StringComparison.Ordinal);
        File.WriteAllText(index, text[..start] + files + "\n}\n");

        var merge = Run(["merge", .. parts, "--out", folder.PathTo("m")]);
        Assert.Multiple(() =>
        {
            Assert.That(merge.Exit, Is.EqualTo(1));
            Assert.That(merge.Error, Does.Contain("CD0903").And.Not.Contain("Unexpected end"), "refused for what is damaged, the JSON itself is whole");
            Assert.That(File.Exists(Path.Combine(folder.PathTo("m"), "index.json")), Is.False, "nothing merged");
        });
    }

    /// <summary>A copy of a part cut short inside its list of files: the entries before the cut must not pass for the part.</summary>
    [Test]
    public void APartWhoseIndexIsCutShortIsRefused()
    {
        using var folder = new TempFolder();
        WriteSpecs(folder, 12);
        var parts = Shards(folder, 2);
        var index = Path.Combine(parts[0], "index.json");
        var text = File.ReadAllText(index);
        var cut = text.LastIndexOf("\"file\":", StringComparison.Ordinal);
        Assert.That(cut, Is.GreaterThan(text.IndexOf("\"files\": [", StringComparison.Ordinal)), "the cut falls inside the list, after a whole entry");
        File.WriteAllText(index, text[..cut]);

        var merge = Run(["merge", .. parts, "--out", folder.PathTo("m")]);
        Assert.Multiple(() =>
        {
            Assert.That(merge.Exit, Is.EqualTo(1));
            Assert.That(merge.Error, Does.Contain("CD0903").And.Contain("is not a batch index"));
            Assert.That(File.Exists(Path.Combine(folder.PathTo("m"), "index.json")), Is.False, "nothing merged");
        });
    }

    private static bool HoldsAnything(string folder) => Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any();

    /// <summary>The second result a part's index lists (relative to the part).</summary>
    private static string SecondResultOf(string part) =>
        (string)JObject.Parse(File.ReadAllText(Path.Combine(part, "index.json")))["files"]![1]!["result"]!;

    private static List<string> Shards(TempFolder folder, int count, string name = "part")
    {
        var parts = new List<string>();
        for (var k = 0; k < count; k++)
        {
            var part = folder.PathTo($"{name}{k}");
            Run("batch", "--in", folder.In, "--out", part, "--shard", $"{k}/{count}");
            parts.Add(part);
        }

        return parts;
    }

    private static Dictionary<int, List<string>> Membership(TempFolder folder, int count)
    {
        var parts = Shards(folder, count, "m" + Guid.NewGuid().ToString("N")[..6]);
        return Enumerable.Range(0, count).ToDictionary(
            k => k,
            k => JObject.Parse(File.ReadAllText(Path.Combine(parts[k], "index.json")))["files"]!.Select(f => (string)f["file"]!).ToList());
    }

    /// <summary>Specs in sub-folders, sharing an import, one with an error and one whose assert fails.</summary>
    internal static void WriteSpecs(TempFolder folder, int count)
    {
        folder.Write("lib/price.cost", "let price = 10 USD\n");
        for (var i = 0; i < count; i++)
        {
            var text = (i % 11) switch
            {
                3 => "let x = 3 GB + 2 s\noutput x\n",
                5 => "output y = 2\nassert y > 3 \"y is large\"\n",
                _ => $"import \"../lib/price.cost\"\noutput total = price * {i + 1}\noutput spread = {i + 1} to {i + 3}\n",
            };
            folder.Write($"team{i % 4}/s{i:D2}.cost", text);
        }
    }

    internal static void AssertSameFiles(string expected, string actual)
    {
        static Dictionary<string, byte[]> All(string root) => Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f), File.ReadAllBytes);
        var want = All(expected);
        var got = All(actual);
        Assert.That(got.Keys.Order(), Is.EqualTo(want.Keys.Order()), "the same files");
        Assert.Multiple(() =>
        {
            foreach (var (name, bytes) in want)
            {
                Assert.That(got[name], Is.EqualTo(bytes), name);
            }
        });
    }

    internal static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliApp.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
