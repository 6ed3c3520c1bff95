using System.IO.Enumeration;

namespace CostDsl.Hosting;

/// <summary>
/// Whether files are there, from one listing of each folder instead of one status call per file: a merge
/// of 10,000 specs asked the file system about each result, a tenth of its time. A name the listing
/// does not show (missing, or in a folder that could not be listed) is asked about directly.
/// </summary>
/// <remarks>
/// A listed name that is not a folder counts as there, as <see cref="Directory.EnumerateFiles(string)"/> lists it:
/// only a link that leads nowhere would be counted where <see cref="File.Exists(string)"/> says no, and telling links
/// apart costs a status call per name, what the listing saves. A batch writes no links; a part holding one that leads
/// nowhere fails when its file is read, with a message, before the index is written.
/// </remarks>
internal sealed class FolderListings
{
    private static readonly EnumerationOptions Everything = new() { AttributesToSkip = 0, IgnoreInaccessible = false };

    private readonly Dictionary<string, HashSet<string>?> listed = new(StringComparer.Ordinal);

    // The folder asked about last: a part's results come sorted, so a folder's names are asked about one after another.
    private string lastRoot = string.Empty;
    private string lastFolder = string.Empty;
    private HashSet<string>.AlternateLookup<ReadOnlySpan<char>>? lastNames;

    /// <summary>Whether <paramref name="relative"/> (a file under <paramref name="root"/>, '/' between folders) is there.</summary>
    public bool Holds(string root, string relative)
    {
        var cut = relative.AsSpan().LastIndexOfAny('/', Path.DirectorySeparatorChar);
        var folder = cut < 0 ? ReadOnlySpan<char>.Empty : relative.AsSpan(0, cut);
        if (!ReferenceEquals(root, lastRoot) || !folder.SequenceEqual(lastFolder))
        {
            lastRoot = root;
            lastFolder = folder.ToString();
            var path = Path.Combine(root, lastFolder);
            if (!listed.TryGetValue(path, out var names))
            {
                names = Files(path);
                listed[path] = names;
            }

            lastNames = names?.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        return (lastNames is { } known && known.Contains(relative.AsSpan(cut + 1))) || File.Exists(Path.Combine(root, relative));
    }

    /// <summary>The names of the files in <paramref name="folder"/> ending in <paramref name="suffix"/>, links to files included, in the file system's order; none when the folder is not there.</summary>
    public static IEnumerable<string> Names(string folder, string suffix) =>
        !Directory.Exists(folder) ? [] : new FileSystemEnumerable<string>(folder, (ref FileSystemEntry entry) => entry.FileName.ToString(), Everything)
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory && entry.FileName.EndsWith(suffix, StringComparison.Ordinal),
        };

    /// <summary>The names of what is not a folder in <paramref name="folder"/>; null when it cannot be listed.</summary>
    private static HashSet<string>? Files(string folder)
    {
        try
        {
            var files = new FileSystemEnumerable<string>(folder, (ref FileSystemEntry entry) => entry.FileName.ToString(), Everything)
            {
                ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory,
            };
            return new HashSet<string>(files, StringComparer.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
