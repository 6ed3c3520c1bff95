using CostDsl.Diagnostics;
using CostDsl.Engine;
using CostDsl.Modules;
using CostDsl.Parsing;
using CostDsl.Syntax;
using CostDsl.Text;

namespace CostDsl.LibraryBuilder;

/// <summary>
/// <c>CostDsl.LibraryBuilder OUT</c>: parses every std/ file the Core assembly embeds, with the same parser
/// and the same text a run would see, and writes their trees to OUT in <see cref="PrecompiledLibrary"/>'s form.
/// A file that does not parse cleanly is left out, so a run parses it and reports its diagnostics as before.
/// Beside each tree goes what ModuleChecks records for the module (<see cref="Learn"/>), so that a cold run
/// knows the bundled library checks clean without hashing it.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length != 1)
        {
            Console.Error.WriteLine("usage: CostDsl.LibraryBuilder OUT");
            return 2;
        }

        var trees = new List<SyntaxTree>();
        foreach (var path in BundledLibrary.Paths)
        {
            // As FileSystemSources serves a std/ import: path and location are both std/...
            var file = new SourceFile(path, BundledLibrary.Read(path) ?? string.Empty);
            var diagnostics = new DiagnosticBag();
            var tree = Parser.ParseFile(file, diagnostics);
            if (diagnostics.Items.Count == 0)
            {
                trees.Add(tree);
            }
            else
            {
                Console.Error.WriteLine($"CostDsl.LibraryBuilder: {path} has diagnostics; it is left out and parsed at run time");
            }
        }

        var knowledge = Learn(BundledLibrary.Paths);
        var form = PrecompiledLibrary.Write(trees, knowledge);

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(args[0]))!);
        File.WriteAllBytes(args[0], form);

        Console.WriteLine($"CostDsl.LibraryBuilder: {trees.Count} std/ files parsed into {args[0]} ({form.Length:N0} bytes), {knowledge.Values.Count(k => k.KnownClean)} known clean");
        return 0;
    }

    /// <summary>
    /// What a fresh ModuleChecks records for each bundled module and the modules of its closure (the prelude too):
    /// each is imported alone by an otherwise empty spec, checked as a batch checks it (ImportCache, module checks on).
    /// Knowledge depends only on the closure's contents, so which spec first met a module does not matter.
    /// </summary>
    public static Dictionary<string, PrecompiledLibraryKnowledge> Learn(IEnumerable<string> locations)
    {
        var cache = new ImportCache();
        var engine = new CostEngine(new FileSystemSources(), cache) { ReuseModuleChecks = true };
        var knowledge = new Dictionary<string, PrecompiledLibraryKnowledge>(StringComparer.Ordinal);
        foreach (var location in locations.Where(l => l != BundledLibrary.Prelude))
        {
            // Where the spec lives does not matter: std/ imports are served from the bundled library.
            var spec = new SourceFile("library-builder.cost", $"import \"{location}\"\n", Path.GetFullPath("library-builder.cost"));
            if (engine.Check(spec).Program is { } program)
            {
                foreach (var (tree, known) in cache.Modules.Knowledge(program.Model))
                {
                    knowledge.TryAdd(tree.File.Location, known);
                }
            }
        }

        return knowledge;
    }
}
