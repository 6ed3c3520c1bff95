using System.Runtime.InteropServices;
using CostDsl.Files;

namespace CostDsl.Hosting;

/// <summary>
/// What the files a merge places are, from one listing of each folder instead of one status call per file:
/// a merge of 10,000 specs asked the file system about each result, a tenth of its time. On Linux the listing
/// gives each name's type (readdir(3)'s d_type), so a plain file is known without a call of its own; a link, or a
/// name of unknown type, is followed with one. Elsewhere, or where a folder cannot be listed, each file is asked about.
/// </summary>
/// <remarks>
/// Only a regular file (through links) is a part's file: a link that leads nowhere, a FIFO (whose read would block)
/// or a device is refused before anything is written, as a missing file is.
/// </remarks>
internal sealed class FolderListings
{
    /// <summary>What a name is in a part.</summary>
    public enum Kind
    {
        Missing,

        /// <summary>There, but not a regular file: a link that leads nowhere, a FIFO, a device, a socket.</summary>
        Special,
        Regular,
    }

    // readdir's d_type values (dirent.h), the same on every Linux architecture.
    private const byte UnknownType = 0;
    private const byte DirectoryType = 4;
    private const byte RegularType = 8;
    private const byte LinkType = 10;

    private readonly Dictionary<string, Dictionary<string, byte>?> listed = new(StringComparer.Ordinal);

    // The folder asked about last: a part's results come sorted, so a folder's names are asked about one after another.
    private string lastRoot = string.Empty;
    private string? lastFolder;
    private Dictionary<string, byte>.AlternateLookup<ReadOnlySpan<char>>? lastNames;

    /// <summary>What <paramref name="relative"/> (a file under <paramref name="root"/>, '/' between folders) is.</summary>
    public Kind Find(string root, string relative)
    {
        var cut = relative.AsSpan().LastIndexOfAny('/', Path.DirectorySeparatorChar);
        var folder = cut < 0 ? ReadOnlySpan<char>.Empty : relative.AsSpan(0, cut);
        if (!ReferenceEquals(root, lastRoot) || lastFolder is null || !folder.SequenceEqual(lastFolder))
        {
            lastRoot = root;
            lastFolder = folder.ToString();
            var path = Path.Combine(root, lastFolder);
            if (!listed.TryGetValue(path, out var names))
            {
                names = Read(path);
                listed[path] = names;
            }

            lastNames = names?.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        if (lastNames is not { } known)
        {
            return Asked(Path.Combine(root, relative));
        }

        // A name the listing does not hold is asked about too: one whose bytes are not UTF-8 reads back as another name.
        return known.TryGetValue(relative.AsSpan(cut + 1), out var type) ? Of(type, root, relative) : Asked(Path.Combine(root, relative));
    }

    /// <summary>The names in <paramref name="folder"/> ending in <paramref name="suffix"/> that are not folders, each with what it is, in the file system's order; none when the folder is not there.</summary>
    public static IEnumerable<(string Name, Kind Kind)> Names(string folder, string suffix)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        if (Read(folder) is { } names)
        {
            return names.Where(n => n.Value != DirectoryType && n.Key.EndsWith(suffix, StringComparison.Ordinal))
                .Select(n => (n.Key, Of(n.Value, folder, n.Key)));
        }

        return Directory.EnumerateFiles(folder, "*" + suffix).Select(path => (Path.GetFileName(path), Asked(path)));
    }

    /// <summary>What a listed name of <paramref name="type"/> is; a link, or a name of unknown type, is asked about at <paramref name="folder"/>/<paramref name="name"/>.</summary>
    private static Kind Of(byte type, string folder, string name) => type switch
    {
        RegularType => Kind.Regular,
        DirectoryType => Kind.Missing,
        LinkType or UnknownType => Asked(Path.Combine(folder, name)),
        _ => Kind.Special,
    };

    /// <summary>Asked of the file system, following links: a folder counts as missing, as for <see cref="File.Exists(string)"/>.</summary>
    private static Kind Asked(string path)
    {
        if (!File.Exists(path))
        {
            return Kind.Missing;
        }

        try
        {
            // File.Exists is true for a link that leads nowhere (it falls back to the link itself), and so is IsRegularFile.
            if (File.ResolveLinkTarget(path, returnFinalTarget: true) is { Exists: false })
            {
                return Kind.Special;
            }
        }
        catch (IOException)
        {
            return Kind.Special; // links in a loop
        }

        return SpecialFiles.IsRegularFile(path) ? Kind.Regular : Kind.Special;
    }

    /// <summary>Each name in <paramref name="folder"/> with its d_type; null when it cannot be listed this way (not Linux, no such folder, no permission).</summary>
    private static Dictionary<string, byte>? Read(string folder)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            var directory = Native.OpenDir(folder);
            if (directory == IntPtr.Zero)
            {
                return null;
            }

            try
            {
                // readdir64 returns NULL at the end and on an error alike: a name missed that way is asked about by Find.
                var names = new Dictionary<string, byte>(StringComparer.Ordinal);
                for (var entry = Native.ReadDir(directory); entry != IntPtr.Zero; entry = Native.ReadDir(directory))
                {
                    // struct dirent64: d_ino (8 bytes), d_off (8), d_reclen (2), d_type (1), then the NUL-terminated name.
                    if (Marshal.PtrToStringUTF8(entry + NameOffset) is { } name and not ("." or ".."))
                    {
                        names[name] = Marshal.ReadByte(entry, TypeOffset);
                    }
                }

                return names;
            }
            finally
            {
                _ = Native.CloseDir(directory);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    private const int TypeOffset = 18;
    private const int NameOffset = 19;

    private static class Native
    {
        // DIR *opendir(const char *name); struct dirent64 *readdir64(DIR *dirp); int closedir(DIR *dirp): glibc, every architecture.
        [DllImport("libc", EntryPoint = "opendir", SetLastError = true)]
        public static extern IntPtr OpenDir([MarshalAs(UnmanagedType.LPUTF8Str)] string name);

        [DllImport("libc", EntryPoint = "readdir64", SetLastError = true)]
        public static extern IntPtr ReadDir(IntPtr directory);

        [DllImport("libc", EntryPoint = "closedir", SetLastError = true)]
        public static extern int CloseDir(IntPtr directory);
    }
}
