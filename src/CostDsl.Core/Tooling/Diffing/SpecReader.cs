using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using CostDsl.Diagnostics;
using CostDsl.Files;
using CostDsl.Modules;
using CostDsl.Semantics;
using CostDsl.Text;
using Diagnostic = CostDsl.Diagnostics.Diagnostic;

namespace CostDsl.Tooling.Diffing;

/// <summary>
/// Reads one side of a diff: a file, or <c>REV:path</c> from git (<c>git show REV:path</c>, run in the
/// current folder, so the path means what it means to git; its relative imports come from the same revision). Whatever goes wrong (no git, no such
/// revision or file) is a diagnostic, never an exception.
/// </summary>
public static class SpecReader
{
    private static readonly TimeSpan GitTimeout = TimeSpan.FromSeconds(60);

    public static SourceFile? Read(string argument, out Diagnostic? problem) => ReadSide(argument, out problem)?.File;

    /// <summary>
    /// One side of a diff with the sources its imports come from: the working tree for a file, the
    /// same revision for <c>REV:path</c> (so an old spec is compared with its old imports).
    /// <paramref name="workingDirectory"/> is where git runs (the current folder by default); <paramref name="workingTree"/>
    /// is how a file side's imports are read (the command's confinement; by default the spec's folder tree and std/).
    /// </summary>
    public static DiffSide? ReadSide(string argument, out Diagnostic? problem, string? workingDirectory = null, SourceProvider? workingTree = null)
    {
        problem = null;
        if (File.Exists(argument) || SplitRevision(argument) is not { } revision)
        {
            return ReadFile(argument, out problem) is { } file ? new DiffSide(file, workingTree ?? new FileSystemSources()) : null;
        }

        // A revision is never an option: "--output=/x:y.cost" would have git write a file.
        if (revision.Rev.StartsWith('-') || revision.Rev.Any(char.IsControl))
        {
            problem = Problem(Codes.FileUnreadable, argument, $"cannot read {argument}: a revision cannot start with '-' (to diff a file of that name, write ./{argument})");
            return null;
        }

        var directory = workingDirectory ?? Environment.CurrentDirectory;
        var text = GitShow(revision.Rev, revision.Path, directory, argument, out problem);
        if (text is null)
        {
            return null;
        }

        // Identity beside the path in the working tree, so that the two sides name their modules alike.
        var location = Path.GetFullPath(Path.Combine(directory, revision.Path));
        return new DiffSide(new SourceFile(argument, text, location), new GitRevisionSources(revision.Rev, revision.Path, directory));
    }

    /// <summary><c>REV:path</c>, but not a Windows drive (<c>C:\x</c>) nor a file that exists under that name.</summary>
    public static (string Rev, string Path)? SplitRevision(string argument)
    {
        var colon = argument.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == argument.Length - 1)
        {
            return null;
        }

        if (colon == 1 && char.IsLetter(argument[0]) && argument[2] is '\\' or '/')
        {
            return null;
        }

        return (argument[..colon], argument[(colon + 1)..]);
    }

    /// <summary>A file from disk only; for commands where a revision makes no sense (fmt writes the file back).</summary>
    public static SourceFile? ReadFile(string path, out Diagnostic? problem)
    {
        problem = null;
        try
        {
            if (File.Exists(path))
            {
                return new SourceFile(path, SafeRead.ReadText(path), Path.GetFullPath(path));
            }

            problem = Problem(Codes.FileNotFound, path, $"file not found: {path}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            problem = Problem(Codes.FileUnreadable, path, $"cannot read {path}: {e.Message}");
        }

        return null;
    }

    /// <summary>The text of <c>REV:path</c> (<c>git show</c>, options ended before it), or null and why not.</summary>
    internal static string? GitShow(string rev, string path, string workingDirectory, string argument, out Diagnostic? problem)
    {
        problem = null;
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add("show");
        start.ArgumentList.Add("--no-textconv");
        start.ArgumentList.Add("--end-of-options");
        start.ArgumentList.Add($"{rev}:{path}");
        try
        {
            using var git = Process.Start(start);
            if (git is null)
            {
                problem = Problem(Codes.FileUnreadable, argument, $"cannot read {argument}: git did not start");
                return null;
            }

            var output = git.StandardOutput.ReadToEndAsync();
            var error = git.StandardError.ReadToEndAsync();
            if (!git.WaitForExit(GitTimeout))
            {
                git.Kill(entireProcessTree: true);
                problem = Problem(Codes.FileUnreadable, argument, $"cannot read {argument}: git show took longer than {GitTimeout.TotalSeconds} s");
                return null;
            }

            if (git.ExitCode != 0)
            {
                var reason = error.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? $"exit code {git.ExitCode}";
                problem = Problem(Codes.FileNotFound, argument, $"cannot read {argument} from git: {reason}");
                return null;
            }

            return output.Result;
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException or IOException)
        {
            problem = Problem(Codes.FileUnreadable, argument, $"cannot read {argument}: git cannot be run ({e.Message})");
            return null;
        }
    }

    private static Diagnostic Problem(DiagnosticCode code, string file, string message) =>
        new(Severity.Error, code, message, new SourceFile(file, string.Empty).Span(0, 0));
}
