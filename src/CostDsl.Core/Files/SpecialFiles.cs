using System.Runtime.InteropServices;

namespace CostDsl.Files;

/// <summary>
/// Tells a regular file from a FIFO, a device or a socket without opening it: opening a FIFO blocks
/// until a writer comes, and /dev/zero never ends, so the question must be answered first. .NET does
/// not expose the file type, so on Linux it is read with statx(2), whose layout is the same on every
/// architecture. Elsewhere every existing non-folder counts as regular (the size and time limits still
/// bound what a read can cost). Kernel views (/proc, /sys, /dev) are refused on every system.
/// </summary>
public static class SpecialFiles
{
    // statx(2): AT_FDCWD, STATX_TYPE, and stx_mode's offset and the struct's size (linux/stat.h).
    private const int AtCurrentDirectory = -100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28;
    private const int StatxSize = 256;
    private const int TypeMask = 0xF000;
    private const int RegularType = 0x8000;
    private const int DirectoryType = 0x4000;

    private static readonly string[] KernelViews = ["/proc", "/sys", "/dev"];

    // Shared memory under /dev is a tmpfs of ordinary files (CI runners and benchmarks keep work there);
    // its FIFOs and sockets are still told apart by their type.
    private const string SharedMemory = "/dev/shm/";

    /// <summary>True for a regular file, following links; false for a FIFO, a device, a socket, a folder, or a kernel view.</summary>
    public static bool IsRegularFile(string path)
    {
        var full = Path.GetFullPath(path);
        if (IsKernelView(full))
        {
            return false;
        }

        if (OperatingSystem.IsLinux() && TypeOf(full) is { } type)
        {
            return type == RegularType;
        }

        return File.Exists(full);
    }

    /// <summary>True for a folder, following links, outside the kernel views.</summary>
    public static bool IsDirectory(string path)
    {
        var full = Path.GetFullPath(path);
        if (IsKernelView(full))
        {
            return false;
        }

        if (OperatingSystem.IsLinux() && TypeOf(full) is { } type)
        {
            return type == DirectoryType;
        }

        return Directory.Exists(full);
    }

    /// <summary>Paths under /proc, /sys or /dev (but /dev/shm): files that look small and are not (or that tell secrets, like /proc/self/environ).</summary>
    public static bool IsKernelView(string fullPath) =>
        !OperatingSystem.IsWindows()
        && !fullPath.StartsWith(SharedMemory, StringComparison.Ordinal)
        && KernelViews.Any(v => fullPath == v || fullPath.StartsWith(v + "/", StringComparison.Ordinal));

    /// <summary>The S_IFMT bits of the file's mode, or null when statx is unavailable or the file does not exist.</summary>
    private static int? TypeOf(string path)
    {
        var buffer = new byte[StatxSize];
        try
        {
            return Native.Statx(AtCurrentDirectory, path, 0, StatxType, buffer) == 0
                ? BitConverter.ToUInt16(buffer, ModeOffset) & TypeMask
                : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    private static class Native
    {
        [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
        public static extern int Statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);
    }
}
