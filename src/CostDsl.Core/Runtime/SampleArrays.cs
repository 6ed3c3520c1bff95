using System.Runtime.InteropServices;

namespace CostDsl.Runtime;

/// <summary>
/// The arrays behind large sample vectors (draws, results of arithmetic). Their pages are new to the
/// process, and on Linux each 4 KB page costs a fault on first write: at 1,000,000 samples the faults
/// of a handful of 8 MB arrays weighed more than all the arithmetic. Arrays of several megabytes are
/// therefore pinned (never moved, so an address can be advised) and offered to the kernel as
/// transparent huge pages (madvise MADV_HUGEPAGE): one fault a 2 MB page. Where that is not possible
/// (another system, huge pages off) they are ordinary arrays; the values are the same either way.
/// </summary>
internal static class SampleArrays
{
    // A transparent huge page on x86-64 and arm64 with 4 KB pages (/sys/kernel/mm/transparent_hugepage/hpage_pmd_size).
    private const long HugePage = 2 * 1024 * 1024;

    // Below two huge pages, an aligned whole page may not fit inside the array: not worth a system call.
    private const long AdviseFrom = 2 * HugePage;

    // MADV_HUGEPAGE in linux/mman.h (asm-generic: the same on x86-64 and arm64).
    private const int AdviseHugePage = 14;

    /// <summary>An array of <paramref name="length"/> doubles, not zeroed: the caller writes every element.</summary>
    public static double[] Uninitialized(int length) => Allocate(length, zeroed: false);

    /// <summary>An array of <paramref name="length"/> zeros, for a fill that might not write every element.</summary>
    public static double[] Zeroed(int length) => Allocate(length, zeroed: true);

    private static double[] Allocate(int length, bool zeroed)
    {
        if (length * (long)sizeof(double) < AdviseFrom || !OperatingSystem.IsLinux())
        {
            return zeroed ? new double[length] : GC.AllocateUninitializedArray<double>(length);
        }

        var array = zeroed ? GC.AllocateArray<double>(length, pinned: true) : GC.AllocateUninitializedArray<double>(length, pinned: true);
        var start = (long)Marshal.UnsafeAddrOfPinnedArrayElement(array, 0);
        var end = start + (length * (long)sizeof(double));
        var first = (start + HugePage - 1) & ~(HugePage - 1);
        var last = end & ~(HugePage - 1);
        if (last > first)
        {
            try
            {
                // Advice only: a refusal (huge pages off, an old kernel) leaves ordinary pages.
                _ = Native.Madvise((nint)first, (nuint)(last - first), AdviseHugePage);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // No libc to ask: ordinary pages.
            }
        }

        return array;
    }

    private static class Native
    {
        [DllImport("libc", EntryPoint = "madvise", SetLastError = true)]
        public static extern int Madvise(nint address, nuint length, int advice);
    }
}
