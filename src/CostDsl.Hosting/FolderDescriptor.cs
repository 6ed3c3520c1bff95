using System.Runtime.InteropServices;

namespace CostDsl.Hosting;

/// <summary>
/// open(2) and close(2) of a folder, for the Linux calls that take a descriptor (syncfs, linkat): .NET
/// opens no folders. The flags are those of asm-generic/fcntl.h, the same on x64 and arm64, the Linux
/// architectures .NET runs on. Callers catch <see cref="DllNotFoundException"/> and
/// <see cref="EntryPointNotFoundException"/> where libc is not there.
/// </summary>
internal static class FolderDescriptor
{
    /// <summary>O_RDONLY: enough for syncfs.</summary>
    public const int ReadOnly = 0;

    /// <summary>O_PATH: a handle to name files under, which reads nothing and needs no permission on the folder itself.</summary>
    public const int PathOnly = 0x200000;

    /// <summary>O_CLOEXEC: not inherited by a process this one starts.</summary>
    public const int CloseOnExec = 0x80000;

    /// <summary>The descriptor of <paramref name="folder"/>, or -1 when it cannot be opened.</summary>
    public static int Open(string folder, int flags) => Native.Open(folder, flags);

    public static void Close(int descriptor) => _ = Native.Close(descriptor);

    private static class Native
    {
        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        public static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        [DllImport("libc", EntryPoint = "close", SetLastError = true)]
        public static extern int Close(int fileDescriptor);
    }
}
