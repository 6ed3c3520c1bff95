using System.Collections.Concurrent;
using CostDsl.Diagnostics;
using CostDsl.Syntax;
using CostDsl.Text;

namespace CostDsl.Parsing;

/// <summary>
/// Parsed imports shared by every run: a batch parses std/units.cost and each catalog once. One entry
/// per file, kept while its text stays the same and replaced when it changes, so memory follows the
/// number of distinct imported files, not the number of runs or edits. Root files are not cached
/// here; they are parsed once per run anyway.
/// </summary>
public sealed class ImportCache
{
    private readonly ConcurrentDictionary<(string Location, string Path), Entry> entries = new();
    private long parses;

    /// <summary>How many times a file was really parsed; a test reads it to see the cache work.</summary>
    public long Parses => Interlocked.Read(ref parses);

    public int Count => entries.Count;

    /// <summary>
    /// The imported modules known to check clean, kept beside the parses they were checked from (the same
    /// lifetime: a batch); an engine uses it only when asked to (<see cref="Engine.CostEngine.ReuseModuleChecks"/>).
    /// </summary>
    public Semantics.ModuleChecks Modules { get; } = new();

    /// <summary>
    /// The bundled library already parsed (the costdsl tool embeds it): a std/ file with the text it was built
    /// from is read from it instead of parsed, once per batch as a parse would be. The catalogs' parse was a
    /// fifth of a small batch's start, paid again by every shard of a sharded one.
    /// </summary>
    public Modules.PrecompiledLibrary? Library { get; init; }

    public SyntaxTree Parse(SourceFile file, DiagnosticBag diagnostics)
    {
        // The common case, a file met again with the same text, without AddOrUpdate's new node per call:
        // a chain of imports asks for every file once per spec above it.
        var entry = entries.TryGetValue((file.Location, file.Path), out var known) && string.Equals(known.Text, file.Text, StringComparison.Ordinal)
            ? known
            : entries.AddOrUpdate(
            (file.Location, file.Path),
            static (_, state) => new Entry(state.file, state.cache),
            static (_, old, state) => string.Equals(old.Text, state.file.Text, StringComparison.Ordinal) ? old : new Entry(state.file, state.cache),
            (file, cache: this));
        var (tree, found) = entry.Parsed.Value;
        diagnostics.AddRange(found);
        return tree;
    }

    private sealed class Entry
    {
        public Entry(SourceFile file, ImportCache cache)
        {
            Text = file.Text;

            // Lazy, so that two runs meeting a new file at once parse it once between them.
            Parsed = new Lazy<(SyntaxTree, Diagnostic[])>(
                () =>
                {
                    if (cache.Library?.Find(file) is { } built)
                    {
                        // The library is built only from files that parse clean.
                        return (built, []);
                    }

                    Interlocked.Increment(ref cache.parses);
                    var own = new DiagnosticBag();
                    var tree = Parser.ParseFile(file, own);
                    return (tree, own.Items.ToArray());
                },
                LazyThreadSafetyMode.ExecutionAndPublication);
        }

        public string Text { get; }

        public Lazy<(SyntaxTree Tree, Diagnostic[] Diagnostics)> Parsed { get; }
    }
}
