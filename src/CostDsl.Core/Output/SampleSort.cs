using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CostDsl.Output;

/// <summary>
/// Sorts an output's samples for its percentiles. A comparison sort of 1,000,000 doubles was the
/// largest single cost of a Monte Carlo run (more than drawing an input); a least-significant-digit
/// radix sort over the doubles' bits does the same work in a few linear passes. The order is the
/// numeric order, so the statistics computed over it (the mean is summed in sorted order) are the
/// same numbers as before, to the last bit.
/// </summary>
public static class SampleSort
{
    // Below this a comparison sort is as fast, and needs no scratch array.
    private const int RadixFrom = 2048;
    // Six passes of 11 bits: the counts of one digit (8 KB) stay in the first-level cache while it scatters.
    private const int DigitBits = 11;
    private const int Buckets = 1 << DigitBits;
    private const int Digits = (64 + DigitBits - 1) / DigitBits;
    private const ulong SignBit = 1UL << 63;

    /// <summary>Sorts <paramref name="values"/> ascending, in place.</summary>
    public static void Sort(double[] values)
    {
        // NaN has no place in the numeric order: leave such arrays to Array.Sort's convention (NaN first).
        if (values.Length < RadixFrom || HasNaN(values))
        {
            Array.Sort(values);
            return;
        }

        var keys = MemoryMarshal.Cast<double, ulong>(values.AsSpan());
        var counts = new int[Digits * Buckets];
        for (var i = 0; i < keys.Length; i++)
        {
            var key = ToKey(keys[i]);
            keys[i] = key;
            ref var digitCounts = ref MemoryMarshal.GetArrayDataReference(counts);
            for (var digit = 0; digit < Digits; digit++, digitCounts = ref Unsafe.Add(ref digitCounts, Buckets))
            {
                // The mask keeps the index within the digit's Buckets counts.
                Unsafe.Add(ref digitCounts, (int)((key >> (digit * DigitBits)) & (Buckets - 1)))++;
            }
        }

        // Every element is written before it is read; a large scratch array gets huge pages (Runtime.SampleArrays).
        Span<ulong> from = keys;
        Span<ulong> to = MemoryMarshal.Cast<double, ulong>(Runtime.SampleArrays.Uninitialized(keys.Length).AsSpan());
        for (var digit = 0; digit < Digits; digit++)
        {
            var count = counts.AsSpan(digit * Buckets, Buckets);

            // A digit every key shares (the top bits of same-signed values of one magnitude) moves nothing: skip its pass.
            if (count.Contains(keys.Length))
            {
                continue;
            }

            var offset = 0;
            for (var bucket = 0; bucket < Buckets; bucket++)
            {
                (count[bucket], offset) = (offset, offset + count[bucket]);
            }

            var shift = digit * DigitBits;
            // Unchecked: each bucket's next slot runs from its start up to the next bucket's, all within the n keys
            // counted above, so neither index can leave its array; bounds checks here cost a fifth of the sort.
            ref var next = ref MemoryMarshal.GetReference(count);
            ref var target = ref MemoryMarshal.GetReference(to);
            foreach (var key in from)
            {
                Unsafe.Add(ref target, Unsafe.Add(ref next, (int)((key >> shift) & (Buckets - 1)))++) = key;
            }

            var swap = from;
            from = to;
            to = swap;
        }

        if (from != keys)
        {
            from.CopyTo(keys);
        }

        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = FromKey(keys[i]);
        }
    }

    private static bool HasNaN(double[] values)
    {
        foreach (var value in values)
        {
            if (double.IsNaN(value))
            {
                return true;
            }
        }

        return false;
    }

    // Unsigned order of the keys is the numeric order of the doubles: a positive double gets its sign
    // bit set (above every negative one); a negative one is inverted (a larger magnitude sorts lower).
    private static ulong ToKey(ulong bits) => (bits & SignBit) != 0 ? ~bits : bits | SignBit;

    private static ulong FromKey(ulong key) => (key & SignBit) != 0 ? key & ~SignBit : ~key;
}
