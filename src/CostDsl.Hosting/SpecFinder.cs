using System.IO.Enumeration;

namespace CostDsl.Hosting;

/// <summary>
/// The .cost files under the input folder, as sorted relative paths. Linked folders are not entered
/// (they could lead out of the folder or round in a loop), nor dot-folders like .git, nor the output
/// folder when it lies inside the input. A folder that cannot be read is not skipped in silence: it is
/// listed in <see cref="Found.Unreadable"/>, and the batch reports it.
/// </summary>
internal static class SpecFinder
{
    public sealed record Found(IReadOnlyList<string> Files, IReadOnlyList<string> Unreadable);

    public static Found Find(string input, string output)
    {
        var skip = Path.TrimEndingDirectorySeparator(Path.GetFullPath(output));
        var files = new List<string>();
        var unreadable = new List<string>();
        var pending = new Stack<(string Folder, string Relative)>([(input, string.Empty)]);
        var options = new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = false, AttributesToSkip = 0 };
        while (pending.TryPop(out var at))
        {
            try
            {
                // Entries read in place, without a FileInfo each: every shard of a batch lists the whole input
                // folder (a spec's part is known from its path alone), and 10,000 FileInfo objects were most of that.
                var entries = new FileSystemEnumerable<(string Name, Kind Kind)>(at.Folder, Classify, options)
                {
                    ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.FileName.StartsWith('.')
                        && (entry.IsDirectory || entry.FileName.EndsWith(".cost", StringComparison.Ordinal)),
                };
                foreach (var (name, kind) in entries)
                {
                    var relative = at.Relative.Length == 0 ? name : at.Relative + "/" + name;
                    if (kind == Kind.File)
                    {
                        files.Add(relative);
                    }
                    else if (kind == Kind.Folder && Path.Join(at.Folder, name) is var folder && !string.Equals(folder, skip, StringComparison.Ordinal))
                    {
                        pending.Push((folder, relative));
                    }
                }
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                unreadable.Add(at.Relative.Length == 0 ? "." : at.Relative);
            }
        }

        files.Sort(StringComparer.Ordinal);
        unreadable.Sort(StringComparer.Ordinal);
        return new Found(files, unreadable);
    }

    private enum Kind
    {
        File,
        Folder,
        LinkedFolder,
    }

    private static (string Name, Kind Kind) Classify(ref FileSystemEntry entry) =>
        (entry.FileName.ToString(), !entry.IsDirectory ? Kind.File : (entry.Attributes & FileAttributes.ReparsePoint) != 0 ? Kind.LinkedFolder : Kind.Folder);
}
