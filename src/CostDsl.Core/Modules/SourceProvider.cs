using CostDsl.Diagnostics;
using CostDsl.Text;

namespace CostDsl.Modules;

/// <summary>Finds the file an import names. Hosts replace it to confine imports or to cache.</summary>
public abstract class SourceProvider
{
    /// <summary>The file that <paramref name="importPath"/> names, seen from <paramref name="importer"/>; an error message when there is none.</summary>
    public abstract SourceLookup Resolve(string importPath, SourceFile importer);

    /// <summary>The provider for one run whose root spec is <paramref name="root"/>: a confining provider narrows itself to the root's folder here. By default, itself.</summary>
    public virtual SourceProvider ForRoot(SourceFile root) => this;

    /// <summary>
    /// Loads of imports the assembler may replay instead of resolving each import again: only a provider
    /// whose every lookup gives the same answer for a while (a batch pass's snapshot) hands one out, one
    /// per confinement policy. None by default.
    /// </summary>
    public virtual Semantics.ImportClosures? Closures => null;

    /// <summary>
    /// Told, in the order <see cref="Resolve"/> would have been asked, of each lookup a replayed load
    /// (<see cref="Closures"/>) did not ask again: <paramref name="importer"/> imports <paramref name="found"/>.
    /// </summary>
    public virtual void Replayed(SourceFile importer, SourceFile found)
    {
    }

    /// <summary>Told before a replay that will report about <paramref name="files"/> lookups (<see cref="Replayed"/>), so that a provider noting each can make room once.</summary>
    public virtual void Replaying(int files)
    {
    }

    /// <summary>
    /// The root spec a caller names by <paramref name="path"/> (a command line's FILE argument). By
    /// default it is found as an import of <paramref name="path"/> from the current folder would be,
    /// so that any provider (a host's in-memory one, say) serves roots as it serves imports.
    /// </summary>
    public virtual SourceLookup OpenRoot(string path) =>
        Resolve(path, new SourceFile(".", string.Empty, Path.Combine(Path.GetFullPath("."), ".")));
}

/// <summary>What <see cref="SourceProvider.Resolve"/> found: a file, or why not (with the code to report).</summary>
public sealed record SourceLookup(SourceFile? File, string? Error, DiagnosticCode? Code = null)
{
    public static SourceLookup Found(SourceFile file) => new(file, null);

    public static SourceLookup Missing(string error) => new(null, error, Codes.FileNotFound);

    public static SourceLookup Unreadable(string error) => new(null, error, Codes.FileUnreadable);

    public static SourceLookup Refused(string error) => new(null, error, Codes.ImportOutsideRoot);
}
