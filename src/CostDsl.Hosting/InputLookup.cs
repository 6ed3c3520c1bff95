using System.Runtime.InteropServices;

namespace CostDsl.Hosting;

/// <summary>
/// The files one run read, by location: each file's text hash and, for each importer, what it imported (each file
/// once, in the order resolved). What a batch needs to fingerprint a result, looked up per file rather than indexed
/// per spec: a spec over a chain of thousands of imports asks about the few files the pass does not know yet.
/// Holds strings only (no source text, no snapshot), so a result that keeps one keeps little alive.
/// </summary>
internal sealed class InputLookup
{
    private readonly Dictionary<string, string> hashes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ImportList?> importsOf = new(StringComparer.Ordinal);

    /// <summary>The lookup of a result made by another <see cref="ICostEvaluator"/>: built from what every result lists.</summary>
    public static InputLookup Of(SpecResult result)
    {
        var lookup = new InputLookup();
        foreach (var input in result.Inputs)
        {
            lookup.hashes.TryAdd(input.Location, input.Sha256);
        }

        foreach (var (from, to) in result.Imports)
        {
            lookup.AddImport(from, to);
        }

        return lookup;
    }

    /// <summary>The hash of the text of <paramref name="location"/> as the run read it; null: not read.</summary>
    public string? HashOf(string location) => hashes.GetValueOrDefault(location);

    /// <summary>What <paramref name="location"/> imported in the run, each file once, in the order resolved.</summary>
    public IReadOnlyList<string> ImportsOf(string location) => importsOf.GetValueOrDefault(location)?.Items ?? [];

    /// <summary>Makes room for <paramref name="files"/> more files and importers.</summary>
    public void MakeRoom(int files)
    {
        hashes.EnsureCapacity(hashes.Count + files);
        importsOf.EnsureCapacity(importsOf.Count + files);
    }

    /// <summary>Notes <paramref name="location"/> as read unless it was; its hash is made only then. False: read before. <paramref name="sha256"/>: its hash either way.</summary>
    public bool AddFile<TState>(string location, TState state, Func<TState, string> hash, out string sha256)
    {
        // One lookup for both the question and the entry: a spec over a chain of imports records thousands of files.
        ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(hashes, location, out var exists);
        if (!exists)
        {
            entry = hash(state);
        }

        sha256 = entry!;
        return !exists;
    }

    /// <summary>Notes that <paramref name="importer"/> imported <paramref name="found"/>; false when it had already.</summary>
    public bool AddImport(string importer, string found)
    {
        ref var imports = ref CollectionsMarshal.GetValueRefOrAddDefault(importsOf, importer, out _);
        imports ??= new ImportList();
        return imports.Add(found);
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
}
