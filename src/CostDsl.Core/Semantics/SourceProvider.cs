using CostDsl.Diagnostics;
using CostDsl.Text;

namespace CostDsl.Semantics;

/// <summary>Finds the file an import names. Hosts replace it to confine imports or to cache.</summary>
public abstract class SourceProvider
{
    /// <summary>The file that <paramref name="importPath"/> names, seen from <paramref name="importer"/>; an error message when there is none.</summary>
    public abstract SourceLookup Resolve(string importPath, SourceFile importer);

    /// <summary>The provider for one run whose root spec is <paramref name="root"/>: a confining provider narrows itself to the root's folder here. By default, itself.</summary>
    public virtual SourceProvider ForRoot(SourceFile root) => this;
}

/// <summary>What <see cref="SourceProvider.Resolve"/> found: a file, or why not (with the code to report).</summary>
public sealed record SourceLookup(SourceFile? File, string? Error, DiagnosticCode? Code = null)
{
    public static SourceLookup Found(SourceFile file) => new(file, null);

    public static SourceLookup Missing(string error) => new(null, error, Codes.FileNotFound);

    public static SourceLookup Unreadable(string error) => new(null, error, Codes.FileUnreadable);

    public static SourceLookup Refused(string error) => new(null, error, Codes.ImportOutsideRoot);
}
