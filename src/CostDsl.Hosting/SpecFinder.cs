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
        var pending = new Stack<string>([input]);
        var options = new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = false, AttributesToSkip = 0 };
        while (pending.TryPop(out var folder))
        {
            try
            {
                foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos("*", options))
                {
                    if (entry.Name.StartsWith('.'))
                    {
                        continue;
                    }

                    if (entry is DirectoryInfo directory)
                    {
                        if (directory.LinkTarget is null && !string.Equals(directory.FullName, skip, StringComparison.Ordinal))
                        {
                            pending.Push(directory.FullName);
                        }
                    }
                    else if (entry.Name.EndsWith(".cost", StringComparison.Ordinal))
                    {
                        files.Add(Relative(input, entry.FullName));
                    }
                }
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                unreadable.Add(Relative(input, folder));
            }
        }

        files.Sort(StringComparer.Ordinal);
        unreadable.Sort(StringComparer.Ordinal);
        return new Found(files, unreadable);
    }

    private static string Relative(string input, string path) => Path.GetRelativePath(input, path).Replace(Path.DirectorySeparatorChar, '/');
}
