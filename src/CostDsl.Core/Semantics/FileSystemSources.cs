using CostDsl.Text;

namespace CostDsl.Semantics;

/// <summary>Imports as a command line user expects: std/... from the bundled library, anything else relative to the importing file.</summary>
public class FileSystemSources : SourceProvider
{
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

        var location = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(importer.Location) ?? ".", importPath));
        var display = Path.Combine(Path.GetDirectoryName(importer.Path) ?? string.Empty, importPath);
        return Load(location, Path.GetRelativePath(".", Path.GetFullPath(display)).Replace('\\', '/'));
    }

    /// <summary>Reads a file from disk; errors become a message, never an exception.</summary>
    public virtual SourceLookup Load(string location, string displayPath)
    {
        try
        {
            return File.Exists(location)
                ? SourceLookup.Found(new SourceFile(displayPath, File.ReadAllText(location), location))
                : SourceLookup.Missing($"file not found: {displayPath}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
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
