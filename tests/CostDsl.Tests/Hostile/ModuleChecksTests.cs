using CostDsl.Engine;
using CostDsl.Modules;
using CostDsl.Output;
using CostDsl.Output.Formats;
using CostDsl.Parsing;

namespace CostDsl.Tests.Hostile;

/// <summary>
/// Imported modules known to check clean are checked only where reached by the specs of a batch
/// (<see cref="Semantics.ModuleChecks"/>): every spec's JSON and diagnostics are byte for byte those
/// of the spec evaluated alone, whatever the batch met before it.
/// </summary>
public class ModuleChecksTests
{
    /// <summary>One batch pass: the files read once, the parses and the module checks kept by <paramref name="cache"/>.</summary>
    private sealed class Pass(string root, ImportCache cache)
    {
        private readonly ConfinedSources sources = new ConfinedSources(root, [], 1 << 20).WithSnapshot(new ReadSnapshot());

        public string Evaluate(string path, EvaluationOptions? options = null) =>
            Json(new CostEngine(sources, cache) { ReuseModuleChecks = true }, sources, path, options);
    }

    private static string Alone(string root, string path, EvaluationOptions? options = null)
    {
        var sources = new ConfinedSources(root, [], 1 << 20);
        return Json(new CostEngine(sources), sources, path, options);
    }

    private static string Json(CostEngine engine, ConfinedSources sources, string path, EvaluationOptions? options)
    {
        var file = sources.Open(path, sources.DisplayPath(path), "file").File!;
        return OutputFormats.Json.Write([engine.Evaluate(file, options)], OutputOptions.Default);
    }

    private static void WriteChain(TempFolder folder, int length, Func<int, string>? extra = null)
    {
        for (var i = 0; i < length; i++)
        {
            folder.Write($"c{i:D2}.cost", (i == 0 ? string.Empty : $"import \"c{i - 1:D2}.cost\"\n") + $"let v{i} = {i + 1} GB\noutput o{i} = v{i} * 2\n" + (extra?.Invoke(i) ?? string.Empty));
        }
    }

    /// <summary>Each spec of the folder in <paramref name="order"/> through one pass, beside the same spec alone.</summary>
    private static List<(string Batch, string Alone)> Compare(TempFolder folder, ImportCache cache, IEnumerable<string> order, EvaluationOptions? options = null)
    {
        var pass = new Pass(folder.Root, cache);
        return [.. order.Select(name => (pass.Evaluate(folder.PathOf(name), options), Alone(folder.Root, folder.PathOf(name), options)))];
    }

    private static IEnumerable<string> Chain(int length) => Enumerable.Range(0, length).Select(i => $"c{i:D2}.cost");

    [Test]
    public void AChainGivesEverySpecItsOwnResultsAndEachModuleIsRecordedOnce()
    {
        using var folder = new TempFolder();
        WriteChain(folder, 12, i => i == 3 ? "fn twice(x) = x * 2\nhardware G { memory = 80 GB }\n" : string.Empty);
        folder.Write("top.cost", "import \"c11.cost\"\noutput t = twice(v3) + G.memory + v11\n");
        var cache = new ImportCache();

        var results = Compare(folder, cache, Chain(12).Append("top.cost"));

        Assert.Multiple(() =>
        {
            Assert.That(results.Select(r => r.Batch), Is.EqualTo(results.Select(r => r.Alone)));
            Assert.That(results[^1].Batch, Does.Contain("\"t\"").And.Not.Contain("CD0"));

            // c00 to c11 are imported by the spec above them, each recorded as it is met; top is never imported.
            Assert.That(cache.Modules.Count, Is.EqualTo(12));
        });
    }

    [Test]
    public void AModuleWithAWarningIsNeverRecordedAndItsWarningComesOutForEverySpecAbove()
    {
        using var folder = new TempFolder();
        WriteChain(folder, 8, i => i == 2 ? "let util = 150\n" : string.Empty);
        var cache = new ImportCache();

        var results = Compare(folder, cache, Chain(8));

        Assert.Multiple(() =>
        {
            Assert.That(results.Select(r => r.Batch), Is.EqualTo(results.Select(r => r.Alone)));
            Assert.That(results.Skip(3).Select(r => r.Batch), Has.All.Contains("c02.cost"));

            // c00 and c01 only: c02 has the warning, and every module above it has c02 in its closure.
            Assert.That(cache.Modules.Count, Is.EqualTo(2));
        });
    }

    [Test]
    public void AModuleReadingANameItsImporterDeclaresIsCheckedWithEachImporter()
    {
        using var folder = new TempFolder();
        folder.Write("m.cost", "let doubled = x * 2\n");
        folder.Write("a.cost", "import \"m.cost\"\nlet x = 3 GB\noutput o = doubled\n");
        folder.Write("b.cost", "import \"m.cost\"\nlet x = 3 s\noutput o = doubled + 1 GB\n");
        folder.Write("c.cost", "import \"m.cost\"\noutput o = doubled\n");
        var cache = new ImportCache();

        var results = Compare(folder, cache, ["a.cost", "b.cost", "c.cost", "a.cost"]);

        Assert.Multiple(() =>
        {
            Assert.That(results.Select(r => r.Batch), Is.EqualTo(results.Select(r => r.Alone)));
            Assert.That(results[1].Batch, Does.Contain("CD0201"));
            Assert.That(results[2].Batch, Does.Contain("unknown name 'x'"));
            Assert.That(cache.Modules.Count, Is.Zero);
        });
    }

    [Test]
    public void OverridesScenariosAndDuplicatesAcrossModulesGiveTheFullCheck()
    {
        using var folder = new TempFolder();
        // util is read by nothing: only a full look at c01 finds it implausible once it is set to 150.
        WriteChain(folder, 6, i => i == 1 ? "let util = 50%\n" : string.Empty);
        folder.Write("dup.cost", "import \"c05.cost\"\nlet v2 = 7 GB\noutput d = v2\n");
        folder.Write("scen.cost", "import \"c05.cost\"\nscenario big { util = 150 }\noutput d = v5 + v1\n");
        var cache = new ImportCache();
        Compare(folder, cache, Chain(6));
        Assert.That(cache.Modules.Count, Is.EqualTo(5));

        var set = Compare(folder, cache, ["c05.cost"], new EvaluationOptions { Sets = ["util=150"] });
        var scenario = Compare(folder, cache, ["scen.cost"], new EvaluationOptions { Scenario = "big" });
        var duplicate = Compare(folder, cache, ["dup.cost"]);

        Assert.Multiple(() =>
        {
            Assert.That(set[0].Batch, Is.EqualTo(set[0].Alone).And.Contains("CD080"));
            Assert.That(scenario[0].Batch, Is.EqualTo(scenario[0].Alone).And.Contains("CD080"));
            Assert.That(duplicate.Select(r => r.Batch), Is.EqualTo(duplicate.Select(r => r.Alone)));
            Assert.That(duplicate[0].Batch, Does.Contain("declared twice"));
        });
    }

    [Test]
    public void AnEditInTheMiddleOfAChainBetweenTwoPassesGivesTheFreshResult()
    {
        using var folder = new TempFolder();
        WriteChain(folder, 10);
        var cache = new ImportCache();
        var before = Compare(folder, cache, Chain(10));

        folder.Write("c04.cost", "import \"c03.cost\"\nlet v4 = 99 GB\noutput o4 = v4 * 2\nlet bad = v4 + 1 s\n");
        var broken = Compare(folder, cache, Chain(10).Reverse());
        folder.Write("c04.cost", "import \"c03.cost\"\nlet v4 = 98 GB\noutput o4 = v4 * 2\n");
        var fixedAgain = Compare(folder, cache, Chain(10));

        Assert.Multiple(() =>
        {
            Assert.That(before.Select(r => r.Batch), Is.EqualTo(before.Select(r => r.Alone)));
            Assert.That(broken.Select(r => r.Batch), Is.EqualTo(broken.Select(r => r.Alone)));
            Assert.That(broken[0].Batch, Does.Contain("CD0201").And.Contain("c04.cost"));
            Assert.That(fixedAgain.Select(r => r.Batch), Is.EqualTo(fixedAgain.Select(r => r.Alone)));
            Assert.That(fixedAgain[^1].Batch, Does.Not.Contain("CD0201"));
        });
    }

    [Test]
    public void UncertaintyInAnUnreachedModuleStillMakesTheSpecMonteCarloAndReachedDrawsKeepTheirKeys()
    {
        using var folder = new TempFolder();
        folder.Write("m.cost", "let spread = 1 GB to 3 GB\nfn noisy(x) = x * (1 to 2)\nhardware H { memory = 10 GB to 20 GB }\nlet fixed = 5 GB\n");
        folder.Write("a.cost", "import \"m.cost\"\noutput a = fixed\n");
        folder.Write("b.cost", "import \"a.cost\"\noutput b = fixed * 2\n");
        folder.Write("c.cost", "import \"b.cost\"\nlet hw = H\noutput c = noisy(fixed) + hw.memory + spread\noutput d = fixed\n");
        var cache = new ImportCache();

        var results = Compare(folder, cache, ["a.cost", "b.cost", "c.cost", "b.cost"]);

        Assert.Multiple(() =>
        {
            Assert.That(results.Select(r => r.Batch), Is.EqualTo(results.Select(r => r.Alone)));
            Assert.That(results[2].Batch, Does.Contain("\"p95\""));
            Assert.That(cache.Modules.Count, Is.EqualTo(3));
        });
    }

    [Test]
    public void ABlockSweepOverAModuleKnownCleanGivesTheResultsOfTheSpecAlone()
    {
        // A builtin reads the swept blocks' fields (tpot reads hw.bf16), reached or not: with the catalog known
        // clean from the spec before, the sweep once failed with an internal error (CD0999).
        using var folder = new TempFolder();
        const string imports = "import \"std/hardware/nvidia.cost\"\nimport \"std/models/llama.cost\"\n";
        folder.Write("a.cost", imports + "output m = H100_SXM.memory\n");
        folder.Write("b.cost", imports + "let hw = H100_SXM\nsweep hw in [L4, H100_SXM]\noutput t = tpot(Llama3_8B, hw, 1000 token, 250 token, 16, 1, 2 B) in ms\n");
        var cache = new ImportCache();

        var results = Compare(folder, cache, ["a.cost", "b.cost"]);

        Assert.Multiple(() =>
        {
            Assert.That(cache.Modules.Count, Is.GreaterThanOrEqualTo(2), "a.cost recorded the catalogs as clean");
            Assert.That(results.Select(r => r.Batch), Is.EqualTo(results.Select(r => r.Alone)));
            Assert.That(results[1].Batch, Does.Contain("\"L4\"").And.Not.Contain("CD0"));
        });
    }

    [Test]
    public void ABlockAnOutputPassesToABuiltinIsCheckedWholeInAModuleKnownClean()
    {
        // tpot reads L4's fields by name, not through syntax: the block must be checked whole although only an
        // output names it (outputs are checked after the other top-level declarations).
        using var folder = new TempFolder();
        const string imports = "import \"std/hardware/nvidia.cost\"\nimport \"std/models/llama.cost\"\n";
        folder.Write("a.cost", imports + "output m = H100_SXM.memory\n");
        folder.Write("b.cost", imports + "output t = tpot(Llama3_8B, L4, 1000 token, 250 token, 16, 1, 2 B) in ms\n");
        var cache = new ImportCache();

        var results = Compare(folder, cache, ["a.cost", "b.cost"]);

        Assert.Multiple(() =>
        {
            Assert.That(cache.Modules.Count, Is.GreaterThanOrEqualTo(2), "a.cost recorded the catalogs as clean");
            Assert.That(results.Select(r => r.Batch), Is.EqualTo(results.Select(r => r.Alone)));
            Assert.That(results[1].Batch, Does.Contain("\"t\"").And.Not.Contain("CD0"));
        });
    }
}
