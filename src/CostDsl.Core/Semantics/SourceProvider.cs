using CostDsl.Text;

namespace CostDsl.Semantics;

/// <summary>Finds the file an import names. Hosts replace it to confine imports or to cache.</summary>
public abstract class SourceProvider
{
    /// <summary>The file that <paramref name="importPath"/> names, seen from <paramref name="importer"/>; an error message when there is none.</summary>
    public abstract SourceLookup Resolve(string importPath, SourceFile importer);
}

/// <summary>What <see cref="SourceProvider.Resolve"/> found: a file, or why not.</summary>
public sealed record SourceLookup(SourceFile? File, string? Error)
{
    public static SourceLookup Found(SourceFile file) => new(file, null);

    public static SourceLookup Missing(string error) => new(null, error);
}
