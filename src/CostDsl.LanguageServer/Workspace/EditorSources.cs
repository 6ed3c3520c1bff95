using CostDsl.Modules;
using CostDsl.Semantics;
using CostDsl.Text;

namespace CostDsl.LanguageServer.Workspace;

/// <summary>
/// Imports as <c>costdsl eval</c> run from the workspace folder reads them: std/... from the bundled
/// library, relative paths from disk, shown relative to the workspace folder; except that a file open
/// in the editor is read with its unsaved text. The path a file is shown under also seeds its
/// distributions, so it must be the one the CLI would use for the numbers to match.
/// </summary>
public sealed class EditorSources(string workspaceRoot, OpenFiles open) : FileSystemSources
{
    public string WorkspaceRoot { get; } = Path.GetFullPath(workspaceRoot);

    public override SourceLookup Load(string location, string displayPath)
    {
        var shown = DisplayPath(location);
        return open.Text(location) is { } text ? SourceLookup.Found(new SourceFile(shown, text, location)) : base.Load(location, shown);
    }

    /// <summary>The path the CLI, run in the workspace folder, would show: relative to it, with '/'.</summary>
    public string DisplayPath(string location) =>
        Path.IsPathFullyQualified(location) ? Path.GetRelativePath(WorkspaceRoot, location).Replace('\\', '/') : location;
}
