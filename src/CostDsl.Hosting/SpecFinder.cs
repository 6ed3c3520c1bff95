using System.IO.Enumeration;

namespace CostDsl.Hosting;

/// <summary>
/// The .cost files under the input folder, as sorted relative paths. Linked folders are not entered
/// (they could lead out of the folder or round in a loop), nor dot-folders like .git, nor the output
/// folder when it lies inside the input.
/// </summary>
internal static class SpecFinder
{
    public static IReadOnlyList<string> Find(string input, string output)
    {
        var skip = Path.TrimEndingDirectorySeparator(Path.GetFullPath(output));
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden };
        var found = new FileSystemEnumerable<string>(input, (ref FileSystemEntry entry) => entry.ToFullPath(), options)
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory && entry.FileName.EndsWith(".cost", StringComparison.Ordinal),
            ShouldRecursePredicate = (ref FileSystemEntry entry) =>
                (entry.Attributes & FileAttributes.ReparsePoint) == 0 && !string.Equals(entry.ToFullPath(), skip, StringComparison.Ordinal),
        };
        return [.. found.Select(f => Path.GetRelativePath(input, f).Replace(Path.DirectorySeparatorChar, '/')).Order(StringComparer.Ordinal)];
    }
}
