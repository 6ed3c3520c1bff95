using CostDsl.Diagnostics;
using CostDsl.Engine;
using CostDsl.Modules;
using CostDsl.Output;
using CostDsl.Parsing;
using CostDsl.Semantics;
using CostDsl.Syntax;
using CostDsl.Tests.Support;
using CostDsl.Text;

namespace CostDsl.Tests.Pipeline;

/// <summary>
/// The costdsl tool's precompiled library carries what ModuleChecks records for each bundled module, learned at
/// build time, so that a single run checks a std/ import's declarations only where reached without hashing
/// anything. The knowledge must be what a fresh ModuleChecks records, and every result the same as a full check.
/// </summary>
public class BundledModuleChecksTests
{
    public static IEnumerable<string> BundledPaths() => BundledLibrary.Paths;

    /// <summary>A library edit (or a checker change) without a rebuild of the tool makes this fail, so stored knowledge cannot go stale unnoticed.</summary>
    [TestCaseSource(nameof(BundledPaths))]
    public void TheStoredKnowledgeIsWhatAFreshModuleChecksRecords(string path)
    {
        // The module imported alone, checked the way a batch checks it; the prelude is learned by importing any module.
        var imported = path == BundledLibrary.Prelude ? "std/models/chatglm.cost" : path;
        var cache = new ImportCache();
        var engine = new CostEngine(null, cache) { ReuseModuleChecks = true };
        var (program, diagnostics) = engine.Check(new SourceFile("spec.cost", $"import \"{imported}\"\n", Path.GetFullPath("spec.cost")));
        Assert.That(program, Is.Not.Null, () => DiagnosticRenderer.RenderAll(diagnostics));

        var fresh = cache.Modules.Knowledge(program!.Model).Single(k => k.Tree.File.Location == path).Knowledge;
        var stored = EmbeddedLibrary.Read().StoredKnowledge(path);

        Assert.That(stored, Is.Not.Null, $"the embedded form has no knowledge of {path}");
        Assert.That(stored!.SameAs(fresh), Is.True, $"stored {stored}, fresh {fresh}");
        if (path != BundledLibrary.Prelude)
        {
            Assert.That(fresh.KnownClean, Is.True, $"{path} checks clean alone: a run must be able to skip it");
        }
    }

    [Test]
    public void ASingleRunOfChatChecksItsCatalogsOnlyWhereReached()
    {
        var plan = PlanOf(File.ReadAllText(Repository.PathTo("examples", "chat.cost")), EmbeddedLibrary.Read());

        Assert.That(plan, Is.Not.Null);
        Assert.That(plan!.Skipped.Select(f => f.Location).Order(StringComparer.Ordinal), Is.EqualTo(new[] { "std/hardware/nvidia.cost", "std/models/chatglm.cost" }));
    }

    public static IEnumerable<string> Examples() =>
        Directory.EnumerateFiles(Repository.PathTo("examples"), "*.cost", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    [TestCaseSource(nameof(Examples))]
    public void EveryExampleGivesTheSameJsonAndDiagnosticsWithTheStoredKnowledge(string path)
    {
        var (planned, full) = Both(path, new EvaluationOptions());
        Assert.That(planned, Is.EqualTo(full));
    }

    /// <summary>Overrides and names that reach into a catalog: each gets what a full check gives (mostly by not planning at all).</summary>
    [TestCase("let price = A100.price\noutput p = price", "A100.price=20000 USD", false, TestName = "A --set on a catalog field")]
    [TestCase("let price = A100.price\noutput p = price", "price=3 USD", true, TestName = "A --set on a root let")]
    [TestCase("hardware Mine extends A100 { price = 5000 USD }\noutput p = Mine.price\noutput m = Mine.memory in GB\noutput f = Mine.bf16", null, false, TestName = "A root block extending a catalog block")]
    [TestCase("let A100 = 3\noutput p = A100", null, false, TestName = "A root name clashing with a catalog block")]
    [TestCase("let H100_price = 1 USD\noutput p = H100.price + H100_price", null, true, TestName = "A root name beside the catalog's")]
    [TestCase("let x = A100.price + 1 GB\noutput p = x", null, true, TestName = "A dimension error in the root")]
    public void ASpecReachingIntoACatalogGetsTheFullCheck(string body, string? set, bool planned)
    {
        using var folder = new TempFolder();
        var text = "import \"std/hardware/nvidia.cost\"\n" + body + "\n";
        var path = folder.Write("spec.cost", text);
        var options = new EvaluationOptions { Sets = set is null ? [] : [set] };

        var (withKnowledge, full) = Both(path, options);

        Assert.Multiple(() =>
        {
            Assert.That(withKnowledge, Is.EqualTo(full));
            Assert.That(PlanOf(text, EmbeddedLibrary.Read(), set)?.Skipped.Count > 0, Is.EqualTo(planned), "whether the catalog is checked only where reached");
        });
    }

    /// <summary>std/a.cost imports std/b.cost: a's stored fingerprint holds only while its import is the library's own b.</summary>
    [Test]
    public void AModuleWhoseImportIsNotTheLibrarysOwnTreeIsCheckedInFull()
    {
        const string a = "import \"b.cost\"\nlet a_speed = b_speed * 2\nlet a_unused = b_speed + 1 GB\n";
        const string b = "let b_speed = 3 GB\n";
        const string editedB = "let b_speed = 3 GB/s\n";
        var library = LibraryOf(new() { ["std/a.cost"] = a, ["std/b.cost"] = b });
        const string spec = "import \"std/a.cost\"\noutput speed = a_speed\n";

        var served = PlanOf(spec, library, sources: new MemorySources(new() { ["std/a.cost"] = a, ["std/b.cost"] = b }));
        var edited = PlanOf(spec, library, sources: new MemorySources(new() { ["std/a.cost"] = a, ["std/b.cost"] = editedB }));
        var result = new CostEngine(new MemorySources(new() { ["std/a.cost"] = a, ["std/b.cost"] = editedB })) { Library = library }
            .Evaluate(new SourceFile("spec.cost", spec));

        Assert.Multiple(() =>
        {
            Assert.That(served?.Skipped.Select(f => f.Location).Order(StringComparer.Ordinal), Is.EqualTo(new[] { "std/a.cost", "std/b.cost" }));
            Assert.That(edited?.Skipped ?? new HashSet<SourceFile>(), Is.Empty, "b was parsed (its text changed), so a's knowledge does not hold");

            // a_unused adds GB/s and GB once b changed: reported, though nothing reaches it, because a is checked in full.
            Assert.That(result.Diagnostics.Select(d => d.Code.Id), Does.Contain("CD0201"), () => DiagnosticRenderer.RenderAll(result.Diagnostics));
        });
    }

    /// <summary>A batch's module checks take the stored knowledge as known: its first spec checks no catalog in full.</summary>
    [Test]
    public void ASeededModuleChecksKnowsTheCatalogsBeforeAnySpec()
    {
        var cache = new ImportCache();
        cache.Modules.Seed(EmbeddedLibrary.Read());
        var engine = new CostEngine(null, cache) { ReuseModuleChecks = true };
        var (program, _) = engine.Check(new SourceFile("spec.cost", "import \"std/hardware/nvidia.cost\"\noutput p = A100.price\n", Path.GetFullPath("spec.cost")));

        Assert.That(program?.CheckedWhereReached?.Select(f => f.Location), Is.EquivalentTo(new[] { "std/hardware/nvidia.cost" }));
    }

    /// <summary>The spec's JSON and rendered diagnostics through the tool's engine (with the library) and through a plain one.</summary>
    private static (string Planned, string Full) Both(string path, EvaluationOptions options)
    {
        var planned = new CostEngine { Library = EmbeddedLibrary.Read() }.EvaluateFile(path, options);
        var full = new CostEngine().EvaluateFile(path, options);
        return (JsonReport.Write(planned) + DiagnosticRenderer.RenderAll(planned.Diagnostics), JsonReport.Write(full) + DiagnosticRenderer.RenderAll(full.Diagnostics));
    }

    /// <summary>The plan a single run with <paramref name="library"/> makes for a root spec of <paramref name="text"/>.</summary>
    private static ModulePlan? PlanOf(string text, PrecompiledLibrary library, string? set = null, SourceProvider? sources = null)
    {
        var root = new SourceFile("spec.cost", text, Path.GetFullPath("spec.cost"));
        var diagnostics = new DiagnosticBag();
        var overrides = new List<Override>();
        if (set is not null)
        {
            var equals = set.IndexOf('=', StringComparison.Ordinal);
            var value = Parser.ParseExpression(new SourceFile("--set", set[(equals + 1)..]), diagnostics)!;
            overrides.Add(new Override([.. set[..equals].Split('.')], value, value.Span));
        }

        var provider = (sources ?? new FileSystemSources()).ForRoot(root);
        var model = new ProgramAssembler(provider, (file, bag) => library.Find(file) ?? Parser.ParseFile(file, bag)).Assemble(root, overrides, diagnostics);
        return ModulePlan(model, diagnostics, library);
    }

    private static ModulePlan? ModulePlan(ProgramModel model, DiagnosticBag diagnostics, PrecompiledLibrary library) =>
        ModuleChecks.PlanFromLibrary(model, diagnostics.Items.Count == 0, library);

    /// <summary>A library of these std/ files (and the real prelude), with the knowledge a fresh ModuleChecks records.</summary>
    private static PrecompiledLibrary LibraryOf(Dictionary<string, string> files)
    {
        var sources = new MemorySources(files);
        var cache = new ImportCache();
        var engine = new CostEngine(sources, cache) { ReuseModuleChecks = true };
        var knowledge = new Dictionary<string, PrecompiledLibraryKnowledge>(StringComparer.Ordinal);
        foreach (var location in files.Keys)
        {
            var (program, diagnostics) = engine.Check(new SourceFile("spec.cost", $"import \"{location}\"\n"));
            Assert.That(program, Is.Not.Null, () => DiagnosticRenderer.RenderAll(diagnostics));
            foreach (var (tree, known) in cache.Modules.Knowledge(program!.Model))
            {
                knowledge.TryAdd(tree.File.Location, known);
            }
        }

        var trees = files.Append(new(BundledLibrary.Prelude, BundledLibrary.Read(BundledLibrary.Prelude)!))
            .Select(f => Parser.ParseFile(new SourceFile(f.Key, f.Value), new DiagnosticBag())).ToList();
        return PrecompiledLibrary.Read(PrecompiledLibrary.Write(trees, knowledge))!;
    }

    /// <summary>std/... from these texts (the prelude from the bundled library), relative imports inside std/ as the tool resolves them.</summary>
    private sealed class MemorySources(Dictionary<string, string> files) : SourceProvider
    {
        public override SourceLookup Resolve(string importPath, SourceFile importer)
        {
            var location = importPath.StartsWith(BundledLibrary.Prefix, StringComparison.Ordinal) ? importPath : BundledLibrary.Prefix + importPath;
            return location == BundledLibrary.Prelude ? SourceLookup.Found(new SourceFile(location, BundledLibrary.Read(location)!))
                : files.TryGetValue(location, out var text) ? SourceLookup.Found(new SourceFile(location, text))
                : SourceLookup.Missing($"file not found: {importPath}");
        }
    }
}
