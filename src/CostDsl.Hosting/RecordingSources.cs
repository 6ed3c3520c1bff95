using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using CostDsl.Modules;
using CostDsl.Semantics;
using CostDsl.Text;

namespace CostDsl.Hosting;

/// <summary>Passes lookups through and notes each file found with the hash of its text: the inputs of one run. One per run, one thread.</summary>
internal sealed class RecordingSources(SourceProvider inner, ReadSnapshot? snapshot = null) : SourceProvider
{
    private readonly List<SpecInput> inputs = [];
    private readonly Dictionary<string, string> hashes = new(StringComparer.Ordinal);
    private readonly List<(string From, string To)> edges = [];

    // Each importer's imports, each once, in the order resolved: what a file's record lists, looked up by the batch per file it needs.
    private readonly Dictionary<string, ImportList?> importsOf = new(StringComparer.Ordinal);

    public IReadOnlyList<SpecInput> Inputs => inputs;

    /// <summary>Which file imported which (locations), each once, in the order they were resolved.</summary>
    public IReadOnlyList<(string From, string To)> Edges => edges;

    /// <summary>The hash of the text of <paramref name="location"/> as this run read it; null: not read.</summary>
    public string? HashOf(string location) => hashes.GetValueOrDefault(location);

    /// <summary>What <paramref name="location"/> imported in this run, each file once, in the order resolved.</summary>
    public IReadOnlyList<string> ImportsOf(string location) => importsOf.GetValueOrDefault(location)?.Items ?? [];

    public void Record(SourceFile file)
    {
        // One lookup for both the question and the entry: a spec over a chain of imports records thousands of files.
        ref var hash = ref CollectionsMarshal.GetValueRefOrAddDefault(hashes, file.Location, out var known);
        if (!known)
        {
            // A pass's snapshot hashes each file once, not once per spec that imports it.
            hash = snapshot?.TextHash(file) ?? Hash(file.Text);
            inputs.Add(new SpecInput(file.Location, hash));
        }
    }

    public override SourceLookup Resolve(string importPath, SourceFile importer)
    {
        var found = inner.Resolve(importPath, importer);
        if (found.File is { } file)
        {
            Replayed(importer, file);
        }

        return found;
    }

    public override Semantics.ImportClosures? Closures => inner.Closures;

    /// <summary>A lookup the assembler replayed is an input of the run as much as one it asked for.</summary>
    public override void Replayed(SourceFile importer, SourceFile found)
    {
        Record(found);
        ref var imports = ref CollectionsMarshal.GetValueRefOrAddDefault(importsOf, importer.Location, out _);
        imports ??= new ImportList();
        if (imports.Add(found.Location))
        {
            edges.Add((importer.Location, found.Location));
        }
    }

    /// <summary>One file's imports in order, each once: a file imports a handful, scanned; a hostile one thousands, hashed.</summary>
    private sealed class ImportList
    {
        private const int ScanLimit = 16;
        private readonly List<string> items = [];
        private HashSet<string>? set;

        public IReadOnlyList<string> Items => items;

        public bool Add(string location)
        {
            if (set is null && items.Count >= ScanLimit)
            {
                set = new HashSet<string>(items, StringComparer.Ordinal);
            }

            if (set is null ? items.Contains(location) : !set.Add(location))
            {
                return false;
            }

            items.Add(location);
            return true;
        }
    }

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
