using CostDsl.Diagnostics;
using CostDsl.Files;
using CostDsl.Text;

namespace CostDsl.Modules;

/// <summary>
/// Imports as a command line user expects: std/... from the bundled library, anything else relative to
/// the importing file, but only inside the root spec's folder tree and the folders named with
/// --allow-import (<see cref="ImportRoots"/>; bound to the root by <see cref="ForRoot"/>), and no file
/// larger than <see cref="MaxSourceBytes"/>. A provider not yet bound to a root reads only the root itself.
/// </summary>
public class FileSystemSources : SourceProvider
{
    private readonly IReadOnlyList<string> allowed;
    private readonly ImportRoots? roots;

    public FileSystemSources()
        : this([], SafeRead.DefaultMaxBytes)
    {
    }

    /// <param name="allowed">Folders besides the root spec's own that imports may read (--allow-import).</param>
    public FileSystemSources(IEnumerable<string> allowed, long maxSourceBytes, string? rootFolder = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSourceBytes);
        this.allowed = [.. allowed.Select(Path.GetFullPath)];
        MaxSourceBytes = maxSourceBytes;
        roots = rootFolder is null ? null : new ImportRoots([rootFolder, .. this.allowed]);
    }

    public long MaxSourceBytes { get; }

    /// <summary>The same policy, confined to <paramref name="root"/>'s folder tree and the allowed folders.</summary>
    public override SourceProvider ForRoot(SourceFile root) =>
        root.Location.StartsWith(BundledLibrary.Prefix, StringComparison.Ordinal)
            ? this
            : new FileSystemSources(allowed, MaxSourceBytes, Path.GetDirectoryName(Path.GetFullPath(root.Location)));

    public override SourceLookup Resolve(string importPath, SourceFile importer)
    {
        if (importPath.StartsWith(BundledLibrary.Prefix, StringComparison.Ordinal))
        {
            var text = BundledLibrary.Read(importPath);
            return text is null
                ? SourceLookup.Missing($"the bundled library has no '{importPath}' (it has: {string.Join(", ", BundledLibrary.Paths)})")
                : SourceLookup.Found(new SourceFile(importPath, text));
        }

        if (importer.Location.StartsWith(BundledLibrary.Prefix, StringComparison.Ordinal))
        {
            // Inside the bundled library, a relative import stays inside it.
            var bundled = NormalizeBundled(importer.Location, importPath);
            return Resolve(bundled, importer);
        }

        if (importPath.Length == 0)
        {
            return SourceLookup.Missing("import \"\" names no file");
        }

        // No file system takes a NUL in a path; .NET throws on it (found by the fuzz harness, import "\0").
        if (importPath.Contains('\0', StringComparison.Ordinal))
        {
            return SourceLookup.Missing("an import path cannot contain a NUL character");
        }

        var location = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(importer.Location) ?? ".", importPath));
        if (roots?.Refusal(location, $"import '{importPath}'") is { } refusal)
        {
            return SourceLookup.Refused(refusal);
        }

        var display = Path.Combine(Path.GetDirectoryName(importer.Path) ?? string.Empty, importPath);
        return Load(location, Path.GetRelativePath(".", Path.GetFullPath(display)).Replace('\\', '/'));
    }

    /// <summary>A root spec is read where the path points, wherever that is: confinement applies to its imports.</summary>
    public override SourceLookup OpenRoot(string path) => Load(Path.GetFullPath(path), path);

    /// <summary>Reads a file from disk; errors become a message, never an exception.</summary>
    public virtual SourceLookup Load(string location, string displayPath)
    {
        try
        {
            return File.Exists(location) || SpecialFiles.IsKernelView(location)
                ? SourceLookup.Found(new SourceFile(displayPath, SafeRead.ReadText(location, MaxSourceBytes, displayPath), location))
                : SourceLookup.Missing($"file not found: {displayPath}");
        }
        catch (FileTooLargeException e)
        {
            return new SourceLookup(null, e.Message, Codes.LimitExceeded);
        }
        catch (UnauthorizedAccessException)
        {
            // The runtime's own message names the full path, which would make the diagnostic differ by where the folder lives.
            return SourceLookup.Unreadable($"cannot read {displayPath}: permission denied");
        }
        catch (Exception e) when (e is IOException or NotSupportedException or ArgumentException)
        {
            return SourceLookup.Unreadable($"cannot read {displayPath}: {e.Message}");
        }
    }

    private static string NormalizeBundled(string importer, string importPath)
    {
        var parts = importer.Split('/').SkipLast(1).ToList();
        foreach (var part in importPath.Split('/'))
        {
            if (part == "..")
            {
                if (parts.Count > 1)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part is not "." and not "")
            {
                parts.Add(part);
            }
        }

        return string.Join('/', parts);
    }
}
