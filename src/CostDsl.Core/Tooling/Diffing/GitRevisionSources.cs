using CostDsl.Modules;
using CostDsl.Semantics;
using CostDsl.Text;

namespace CostDsl.Tooling.Diffing;

/// <summary>
/// Imports of a <c>REV:path</c> side, read from that same revision: <c>import "lib.cost"</c> in
/// <c>HEAD~1:specs/a.cost</c> is <c>HEAD~1:specs/lib.cost</c>. The bundled library is the tool's own.
/// Each file keeps the location it has in the working tree, so that both sides of a diff name their
/// modules (and draw their samples) alike.
/// </summary>
public sealed class GitRevisionSources(string revision, string rootPath, string workingDirectory) : FileSystemSources
{
    private readonly Dictionary<string, string> repositoryPaths = new(StringComparer.Ordinal)
    {
        [Path.GetFullPath(Path.Combine(workingDirectory, rootPath))] = rootPath,
    };

    /// <summary>Itself: its imports are objects of the revision, which git keeps inside the repository, not files to confine.</summary>
    public override SourceProvider ForRoot(SourceFile root) => this;

    public override SourceLookup Resolve(string importPath, SourceFile importer)
    {
        if (importPath.StartsWith(BundledLibrary.Prefix, StringComparison.Ordinal) || importer.Location.StartsWith(BundledLibrary.Prefix, StringComparison.Ordinal))
        {
            return base.Resolve(importPath, importer);
        }

        lock (repositoryPaths)
        {
            if (!repositoryPaths.TryGetValue(importer.Location, out var importerPath))
            {
                return SourceLookup.Missing($"cannot import '{importPath}': {importer.Path} is not from {revision}");
            }

            if (importPath.Contains('\0', StringComparison.Ordinal))
            {
                return SourceLookup.Missing("an import path cannot contain a NUL character");
            }

            var path = Join(importerPath, importPath);
            var location = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(importer.Location) ?? workingDirectory, importPath));
            var display = $"{revision}:{path}";
            var text = SpecReader.GitShow(revision, path, workingDirectory, display, out var problem);
            if (text is null)
            {
                return SourceLookup.Missing(problem?.Message ?? $"cannot read {display}");
            }

            repositoryPaths[location] = path;
            return SourceLookup.Found(new SourceFile(display, text, location));
        }
    }

    /// <summary>The path of an import beside its importer, in git's terms: <c>/</c>-separated, <c>..</c> folded where it can be.</summary>
    private static string Join(string importerPath, string importPath)
    {
        var parts = importerPath.Replace('\\', '/').Split('/').SkipLast(1).ToList();
        foreach (var part in importPath.Replace('\\', '/').Split('/'))
        {
            if (part == ".." && parts.Count > 0 && parts[^1] is not ".." and not ".")
            {
                parts.RemoveAt(parts.Count - 1);
            }
            else if (part != "." || parts.Count == 0)
            {
                if (part.Length > 0)
                {
                    parts.Add(part);
                }
            }
        }

        return string.Join('/', parts);
    }
}
