using System.Collections.Immutable;
using CostDsl.Syntax;
using CostDsl.Text;

namespace CostDsl.Semantics;

/// <summary>
/// One file's load: the file as the pass read it (the key), its tree and imports, and for each import in the order written the file it
/// resolved to and, when that import loaded it, that file's own load. <see cref="Locations"/> are
/// every file the load loaded (the file's included), shared with the loads it is made of. <see cref="Symbols"/> are
/// the tree's symbols the pass shares (<see cref="ImportClosures.SymbolsOf"/>), carried along so that a replay collects
/// them without asking the pass's table once per file.
/// </summary>
internal sealed record ImportedClosure(SourceFile File, SyntaxTree Tree, IReadOnlyList<SyntaxTree> Imports, ImmutableArray<ImportStep> Steps, ImmutableHashSet<string> Locations, Symbol?[] Symbols)
{
    /// <summary>Every file of <paramref name="parts"/> with <paramref name="own"/>, built on the largest part's set.</summary>
    public static ImmutableHashSet<string> Union(IReadOnlyList<ImportedClosure> parts, string own)
    {
        var largest = parts.Count == 0 ? ImmutableHashSet.Create<string>(StringComparer.Ordinal) : parts.MaxBy(p => p.Locations.Count)!.Locations;
        var builder = largest.ToBuilder();
        foreach (var part in parts)
        {
            if (!ReferenceEquals(part.Locations, largest))
            {
                builder.UnionWith(part.Locations);
            }
        }

        builder.Add(own);
        return builder.ToImmutable();
    }
}

/// <summary>An import as the remembered load resolved it: the file found, and its load when that import loaded it (null: already loaded).</summary>
internal readonly record struct ImportStep(SourceFile Found, ImportedClosure? Load);
