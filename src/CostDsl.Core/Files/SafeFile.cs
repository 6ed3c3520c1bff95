using System.Security.Cryptography;

namespace CostDsl.Files;

/// <summary>
/// Replaces a file's whole content or leaves it as it was, for every command that writes (fmt, eval
/// --out, the batch's results). The bytes go to a temporary file created exclusively (O_EXCL, so a
/// planted symlink or an existing file under that name is never followed or destroyed) beside the
/// target, with the target's permissions, and are then renamed over it. A symlinked target is written
/// through: the file it points to changes and the link stays. A read-only target, a folder, or a special
/// file (FIFO, device) is refused. Nothing is left behind on failure.
/// </summary>
public static class SafeFile
{
    /// <summary>Every temporary name starts with this, so a clean-up after a killed process can find them.</summary>
    public const string TemporaryPrefix = ".costdsl-";

    public const string TemporarySuffix = ".tmp";

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>; throws <see cref="IOException"/> with a message a user can act on.</summary>
    public static void Write(string path, ReadOnlySpan<byte> bytes) => Write(path, bytes, flushToDisk: true);

    /// <summary>
    /// As <see cref="Write(string, ReadOnlySpan{byte})"/>; without <paramref name="flushToDisk"/> the bytes
    /// may still be in memory when it returns (a process killed after it still leaves the whole file),
    /// for a caller that writes many files and then makes them durable at once before anything vouches for them.
    /// </summary>
    public static void Write(string path, ReadOnlySpan<byte> bytes, bool flushToDisk) =>
        Write(path, bytes, static (stream, content) => stream.Write(content), flushToDisk);

    /// <summary>
    /// As <see cref="Write(string, ReadOnlySpan{byte}, bool)"/>, with the content written by <paramref name="write"/> into
    /// the new file: for a large document that need not be held whole in memory first. If it throws, nothing is replaced.
    /// </summary>
    public static void Write(string path, Action<Stream> write, bool flushToDisk) =>
        Write(path, write, static (stream, content) => content(stream), flushToDisk);

    private static void Write<TContent>(string path, TContent content, Action<Stream, TContent> fill, bool flushToDisk)
        where TContent : allows ref struct
    {
        // What is known of the target comes from one lstat (FileInfo caches it): a batch writes three
        // files a spec, and a stat for each question asked of each was a fifth of their system calls.
        var (target, existing) = Target(Path.GetFullPath(path));
        var folder = Path.GetDirectoryName(target) ?? ".";
        UnixFileMode? mode = null;
        if (existing is not null)
        {
            if (!OperatingSystem.IsWindows())
            {
                mode = existing.UnixFileMode;
                if ((mode & UnixFileMode.UserWrite) == 0)
                {
                    throw new IOException($"{path} is read-only; it was left unchanged");
                }
            }
            else if ((existing.Attributes & FileAttributes.ReadOnly) != 0)
            {
                throw new IOException($"{path} is read-only; it was left unchanged");
            }
        }

        // A short random name, so that a target near the file-name length limit still has room for it.
        var temporary = Path.Combine(folder, TemporaryPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) + TemporarySuffix);
        try
        {
            FileStream created;
            try
            {
                created = new FileStream(temporary, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None });
            }
            catch (DirectoryNotFoundException)
            {
                // Asked of the file system only when it matters, by the create itself.
                throw new IOException($"the folder {folder} does not exist");
            }

            using (var stream = created)
            {
                fill(stream, content);
                stream.Flush(flushToDisk);
            }

            if (mode is { } kept && !OperatingSystem.IsWindows())
            {
                // The umask may have narrowed or widened what the target had; its own mode wins.
                File.SetUnixFileMode(temporary, kept);
            }

            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Removes temporary files a killed process left in <paramref name="folder"/> (and below, when asked); only names this class makes are touched.</summary>
    public static void RemoveLeftovers(string folder, bool recursive)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        var options = new EnumerationOptions { RecurseSubdirectories = recursive, IgnoreInaccessible = true, AttributesToSkip = 0 };
        foreach (var file in Directory.EnumerateFiles(folder, TemporaryPrefix + "*" + TemporarySuffix, options))
        {
            TryDelete(file);
        }
    }

    /// <summary>
    /// The file that will really change: the end of a chain of links, or the path itself, with its status
    /// when it exists (a regular file). A special file, a folder or a dangling link is refused.
    /// </summary>
    private static (string Target, FileInfo? Existing) Target(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            var final = info.ResolveLinkTarget(returnFinalTarget: true);
            if (final is null || !final.Exists)
            {
                throw new IOException($"{path} is a link to a file that does not exist; it was left unchanged");
            }

            info = new FileInfo(final.FullName);
        }

        if (!info.Exists)
        {
            // FileInfo says a folder does not exist (as a file); its attributes, read by the same lstat, say what it is.
            var attributes = info.Attributes;
            if (attributes != (FileAttributes)(-1) && (attributes & FileAttributes.Directory) != 0)
            {
                throw new IOException($"{path} is a folder");
            }

            return (info.FullName, null);
        }

        if (!SpecialFiles.IsRegularFile(info.FullName))
        {
            throw new IOException($"{path} is not a regular file (a FIFO, a device or a socket); it was left unchanged");
        }

        return (info.FullName, info);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next clean-up; its name never passes for a result.
        }
    }
}
