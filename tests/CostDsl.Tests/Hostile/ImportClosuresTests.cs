using CostDsl.Engine;
using CostDsl.Modules;
using CostDsl.Output;
using CostDsl.Output.Formats;
using CostDsl.Parsing;
using CostDsl.Semantics;
using CostDsl.Text;

namespace CostDsl.Tests.Hostile;

/// <summary>
/// The specs of a batch pass replay the loads of imports an earlier spec of the pass made
/// (<see cref="ImportClosures"/>) instead of resolving every file of their closure again: each spec's
/// JSON and diagnostics are byte for byte those of the spec alone, and the provider is told of the
/// same lookups in the same order as without the replay.
/// </summary>
public class ImportClosuresTests
{
    /// <summary>Every lookup a run made or replayed, as "importer -> found", and how many it really asked.</summary>
    private sealed class Lookups(SourceProvider inner, bool replay) : SourceProvider
    {
        public List<string> Seen { get; } = [];

        public int Asked { get; private set; }

        public override SourceLookup Resolve(string importPath, SourceFile importer)
        {
            Asked++;
            var found = inner.Resolve(importPath, importer);
            if (found.File is { } file)
            {
                Seen.Add($"{importer.Location} -> {file.Location}");
            }

            return found;
        }

        public override ImportClosures? Closures => replay ? inner.Closures : null;

        public override void Replayed(SourceFile importer, SourceFile found) => Seen.Add($"{importer.Location} -> {found.Location}");
    }

    /// <summary>One batch pass: one snapshot, the parses and module checks kept by the cache, loads replayed or (<paramref name="replay"/> false) not.</summary>
    private sealed class Pass(string root, ImportCache cache, bool replay = true)
    {
        private readonly ConfinedSources sources = new ConfinedSources(root, [], 1 << 20).WithSnapshot(new ReadSnapshot());

        public ImportClosures Closures => sources.Closures!;

        public (string Json, Lookups Lookups) Evaluate(string path, EvaluationOptions? options = null)
        {
            var lookups = new Lookups(sources, replay);
            var file = sources.Open(path, sources.DisplayPath(path), "file").File!;
            var run = new CostEngine(lookups, cache) { ReuseModuleChecks = true }.Evaluate(file, options);
            return (OutputFormats.Json.Write([run], OutputOptions.Default), lookups);
        }
    }

    private static string Alone(string root, string path, EvaluationOptions? options = null)
    {
        var sources = new ConfinedSources(root, [], 1 << 20);
        var file = sources.Open(path, sources.DisplayPath(path), "file").File!;
        return OutputFormats.Json.Write([new CostEngine(sources).Evaluate(file, options)], OutputOptions.Default);
    }

    private static void WriteChain(TempFolder folder, string prefix, int length, Func<int, string>? extra = null)
    {
        for (var i = 0; i < length; i++)
        {
            folder.Write($"{prefix}{i:D2}.cost", (i == 0 ? string.Empty : $"import \"{prefix}{i - 1:D2}.cost\"\n") + $"let {prefix}v{i} = {i + 1} GB\noutput {prefix}o{i} = {prefix}v{i} * 2\n" + (extra?.Invoke(i) ?? string.Empty));
        }
    }

    private static IEnumerable<string> Chain(string prefix, int length) => Enumerable.Range(0, length).Select(i => $"{prefix}{i:D2}.cost");

    /// <summary>Each spec in <paramref name="order"/> through one pass, beside the same spec alone.</summary>
    private static List<(string Batch, string Alone)> Compare(TempFolder folder, Pass pass, IEnumerable<string> order, EvaluationOptions? options = null) =>
        [.. order.Select(name => (pass.Evaluate(folder.PathOf(name), options).Json, Alone(folder.Root, folder.PathOf(name), options)))];

    [Test]
    public void ChainsADiamondADuplicateAndAPrefixClashGiveEverySpecItsResultsAlone()
    {
        using var folder = new TempFolder();
        WriteChain(folder, "c", 12);

        // A name declared twice in the middle of one chain, a let named like a prefixed unit (kB) in another.
        WriteChain(folder, "d", 8, i => i == 4 ? "let dv1 = 5 GB\n" : string.Empty);
        WriteChain(folder, "p", 8, i => i == 3 ? "let kB = 3\n" : string.Empty);

        // A diamond: both sides import the same chain, the second side finds its base already loaded.
        folder.Write("left.cost", "import \"c05.cost\"\nlet l = cv5 + 1 GB\n");
        folder.Write("right.cost", "import \"c05.cost\"\nimport \"c11.cost\"\nlet r = cv11 + 2 GB\n");
        folder.Write("top.cost", "import \"left.cost\"\nimport \"right.cost\"\noutput t = l + r\n");
        folder.Write("top2.cost", "import \"right.cost\"\nimport \"left.cost\"\noutput t = r - l\n");
        folder.Write("top3.cost", "import \"top.cost\"\nimport \"p07.cost\"\noutput u = t\n");
        var specs = Chain("c", 12).Concat(Chain("d", 8)).Concat(Chain("p", 8)).Concat(["left.cost", "right.cost", "top.cost", "top2.cost", "top3.cost"]).ToList();
        var pass = new Pass(folder.Root, new ImportCache());

        var forward = Compare(folder, pass, specs);
        var backward = Compare(folder, pass, Enumerable.Reverse(specs));

        Assert.Multiple(() =>
        {
            Assert.That(forward.Select(r => r.Batch), Is.EqualTo(forward.Select(r => r.Alone)));
            Assert.That(backward.Select(r => r.Batch), Is.EqualTo(backward.Select(r => r.Alone)));
            Assert.That(forward[12 + 5].Batch, Does.Contain("declared twice"));
            Assert.That(forward[20 + 5].Batch, Does.Contain("CD0").And.Contain("kB"));
            Assert.That(forward[^1].Batch, Does.Contain("kB"));
            Assert.That(pass.Closures.Count, Is.GreaterThan(20));
        });
    }

    [Test]
    public void AReplayedLoadTellsTheProviderTheSameLookupsInTheSameOrderAndAsksFarFewer()
    {
        using var folder = new TempFolder();
        WriteChain(folder, "c", 30);
        folder.Write("side.cost", "import \"c10.cost\"\nlet s = cv10\n");
        folder.Write("top.cost", "import \"c29.cost\"\nimport \"side.cost\"\nimport \"std/hardware/nvidia.cost\"\noutput t = s + cv29 + A100.memory\n");
        var specs = Chain("c", 30).Append("top.cost").ToList();
        var replaying = new Pass(folder.Root, new ImportCache());
        var asking = new Pass(folder.Root, new ImportCache(), replay: false);

        var replayed = specs.Select(s => replaying.Evaluate(folder.PathOf(s))).ToList();
        var asked = specs.Select(s => asking.Evaluate(folder.PathOf(s))).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(replayed.Select(r => r.Json), Is.EqualTo(asked.Select(r => r.Json)));
            for (var i = 0; i < specs.Count; i++)
            {
                Assert.That(replayed[i].Lookups.Seen, Is.EqualTo(asked[i].Lookups.Seen), specs[i]);
            }

            // Without replay the top spec asks for the prelude, its three imports and every file below them; with it, six (c29 itself was never
            // imported before, so it is loaded afresh and asks for c28, whose load it then replays).
            Assert.That(asked[^1].Lookups.Asked, Is.GreaterThanOrEqualTo(32));
            Assert.That(replayed[^1].Lookups.Asked, Is.LessThanOrEqualTo(6));
        });
    }

    [Test]
    public void ASetOnAnImportedLetAndAnImportCycleGiveTheResultsAlone()
    {
        using var folder = new TempFolder();
        WriteChain(folder, "c", 10);
        folder.Write("a.cost", "import \"b.cost\"\nlet a = 1 GB\n");
        folder.Write("b.cost", "import \"a.cost\"\nlet b = 2 GB\n");
        folder.Write("s.cost", "import \"b.cost\"\noutput x = a + b\n");
        folder.Write("reader.cost", "import \"c09.cost\"\noutput r = cv3 + cv9\n");
        var pass = new Pass(folder.Root, new ImportCache());
        Compare(folder, pass, Chain("c", 10));
        var unset = pass.Evaluate(folder.PathOf("reader.cost")).Json;

        var set = Compare(folder, pass, ["reader.cost", "c05.cost"], new EvaluationOptions { Sets = ["cv3=10 GB"] });
        var cycle = Compare(folder, pass, ["a.cost", "s.cost", "b.cost", "s.cost"]);

        // The imported lets the pass's specs share are not changed by the override: the next spec reads the file's values.
        var unsetAgain = pass.Evaluate(folder.PathOf("reader.cost")).Json;

        Assert.Multiple(() =>
        {
            Assert.That(set.Select(r => r.Batch), Is.EqualTo(set.Select(r => r.Alone)));
            Assert.That(set[0].Batch, Is.Not.EqualTo(unset));
            Assert.That(unsetAgain, Is.EqualTo(unset));
            Assert.That(cycle.Select(r => r.Batch), Is.EqualTo(cycle.Select(r => r.Alone)));
            Assert.That(cycle[1].Batch, Does.Contain("import cycle"));
        });
    }

    [Test]
    public void AModuleInTheMiddleEditedBetweenTwoPassesGivesTheFreshResult()
    {
        using var folder = new TempFolder();
        WriteChain(folder, "c", 10);
        var cache = new ImportCache();
        var before = Compare(folder, new Pass(folder.Root, cache), Chain("c", 10));

        folder.Write("c04.cost", "import \"c03.cost\"\nlet cv4 = 77 GB\noutput co4 = cv4 * 2\nimport \"gone.cost\"\n");
        var broken = Compare(folder, new Pass(folder.Root, cache), Chain("c", 10).Reverse());
        folder.Write("c04.cost", "import \"c03.cost\"\nlet cv4 = 78 GB\noutput co4 = cv4 * 2\n");
        var fixedAgain = Compare(folder, new Pass(folder.Root, cache), Chain("c", 10));

        Assert.Multiple(() =>
        {
            Assert.That(before.Select(r => r.Batch), Is.EqualTo(before.Select(r => r.Alone)));
            Assert.That(broken.Select(r => r.Batch), Is.EqualTo(broken.Select(r => r.Alone)));
            Assert.That(broken[0].Batch, Does.Contain("gone.cost"));
            Assert.That(fixedAgain.Select(r => r.Batch), Is.EqualTo(fixedAgain.Select(r => r.Alone)));
            Assert.That(fixedAgain[^1].Batch, Does.Not.Contain("gone.cost"));
            Assert.That(fixedAgain[4].Batch, Is.Not.EqualTo(before[4].Batch));
        });
    }

    /// <summary>
    /// A block of an imported file completed by one spec of the pass is taken as it is by the next only where
    /// that spec would complete it the same: a base of the same name from another file, or an override of its
    /// field, gives that spec its own block, and the spec after it the shared one again.
    /// </summary>
    [Test]
    public void ABlockCompletedByOneSpecOfThePassIsReusedOnlyWhereItWouldBeTheSame()
    {
        using var folder = new TempFolder();
        folder.Write("b1.cost", "hardware Base1 { x = 1 GB\n y = x * 2 }\n");
        folder.Write("b2.cost", "hardware Base1 { x = 2 GB\n y = x * 3 }\n");
        folder.Write("lib.cost", "hardware Dev extends Base1 { z = 5 GB }\nhardware Dev2 extends Dev { w = z * 2 }\n");
        folder.Write("s1.cost", "import \"b1.cost\"\nimport \"lib.cost\"\noutput y = Dev2.y\noutput w = Dev2.w\n");
        folder.Write("s2.cost", "import \"b2.cost\"\nimport \"lib.cost\"\noutput y = Dev2.y\noutput w = Dev2.w\n");
        var pass = new Pass(folder.Root, new ImportCache());
        var set = new EvaluationOptions { Sets = ["Dev.z=7 GB"] };
        string Run(string name, EvaluationOptions? options = null) => pass.Evaluate(folder.PathOf(name), options).Json;
        string Alone(string name, EvaluationOptions? options = null) => ImportClosuresTests.Alone(folder.Root, folder.PathOf(name), options);

        var runs = new[] { ("s1.cost", (EvaluationOptions?)null), ("s2.cost", null), ("s1.cost", set), ("s1.cost", null), ("s2.cost", set), ("s2.cost", null) }
            .Select(r => (Batch: Run(r.Item1, r.Item2), Alone: Alone(r.Item1, r.Item2))).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(runs.Select(r => r.Batch), Is.EqualTo(runs.Select(r => r.Alone)));
            Assert.That(runs.Select(r => r.Batch).Distinct().Count(), Is.EqualTo(4), "four different results: two bases, with and without the override");
        });
    }
}
