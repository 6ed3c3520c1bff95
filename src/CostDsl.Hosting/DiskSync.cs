using System.Runtime.InteropServices;

namespace CostDsl.Hosting;

/// <summary>
/// Makes many files written without a flush durable at once, before an index vouches for them. On
/// Linux that is one syncfs(2) on the file system that holds them (file data, names and renames
/// alike), instead of one fsync per file, which for a merge of 30,000 files was most of its time.
/// Elsewhere, or when syncfs is refused, each file is flushed, as a write with a flush would have.
/// </summary>
internal static class DiskSync
{
    /// <summary>
    /// Flushes <paramref name="written"/>, files on the file system of <paramref name="folder"/> (full paths, or
    /// relative to the folder): syncfs of that folder on Linux (so a written file removed since, such as a pruned
    /// record, does not matter); elsewhere each file still there.
    /// </summary>
    public static void Flush(string folder, IReadOnlyCollection<string> written)
    {
        if (written.Count == 0 || TrySyncFileSystem(folder))
        {
            return;
        }

        foreach (var path in written)
        {
            try
            {
                using var stream = new FileStream(Path.Combine(folder, path), FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
                stream.Flush(flushToDisk: true);
            }
            catch (FileNotFoundException)
            {
                // Removed after it was written (a record pruned, a result of a spec gone): nothing to make durable.
            }
        }
    }

    /// <summary>Makes a change to the names in <paramref name="folder"/> (a deletion) durable: syncfs on Linux; elsewhere .NET has no portable way, and the change is left to the system.</summary>
    public static void FlushFolder(string folder) => TrySyncFileSystem(folder);

    /// <summary>syncfs(2) on the file system holding <paramref name="path"/> (a file or a folder); false when that is not possible here.</summary>
    private static bool TrySyncFileSystem(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            // open(2) rather than a FileStream: .NET does not open folders, and syncfs needs only a descriptor.
            var descriptor = FolderDescriptor.Open(path, FolderDescriptor.ReadOnly | FolderDescriptor.CloseOnExec);
            if (descriptor < 0)
            {
                return false;
            }

            try
            {
                return Native.SyncFs(descriptor) == 0;
            }
            finally
            {
                FolderDescriptor.Close(descriptor);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    private static class Native
    {
        // int syncfs(int fd): Linux 2.6.39 and glibc 2.14 on; commits the whole file system of fd, data and names.
        [DllImport("libc", EntryPoint = "syncfs", SetLastError = true)]
        public static extern int SyncFs(int fileDescriptor);
    }
}
