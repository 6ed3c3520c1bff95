using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CostDsl.Hosting;

/// <summary>
/// One of <see cref="Count"/> parts of a batch (<c>--shard K/N</c>, K counted from 0, as Kubernetes'
/// JOB_COMPLETION_INDEX is). A spec belongs to the part its path (relative to the input folder, with
/// forward slashes) hashes to, so whether a spec is in a part depends on that path alone: adding or
/// removing other files moves no spec between parts, and every machine computes the same split.
/// </summary>
public sealed record BatchShard(int Index, int Count)
{
    /// <summary>The most parts a batch may be split into; far more than any fleet runs at once.</summary>
    public const int MaxCount = 100_000;

    /// <summary>The whole batch: the part an unsharded run is.</summary>
    public static readonly BatchShard Whole = new(0, 1);

    public bool IsWhole => Count == 1;

    public bool Contains(string relativePath) => IsWhole || PartOf(relativePath, Count) == Index;

    /// <summary>The part of <paramref name="count"/> a spec belongs to: the first 8 bytes of the SHA-256 of its path, modulo the count.</summary>
    public static int PartOf(string relativePath, int count)
    {
        // SHA-256 rather than string.GetHashCode, which is randomized per process; any bits of it are uniform.
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(relativePath));
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(hash) % (ulong)count);
    }

    /// <summary>Reads <c>K/N</c> with 0 &lt;= K &lt; N &lt;= <see cref="MaxCount"/>; null and the reason when the text is not that.</summary>
    public static (BatchShard? Shard, string? Error) Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return (null, $"--shard needs K/N with whole numbers, the part K counted from 0 (0/4, 1/4, 2/4, 3/4), not '{text}'");
        }

        if (count < 1 || count > MaxCount)
        {
            return (null, $"--shard {text}: the number of parts N must be between 1 and {MaxCount}");
        }

        return index >= count
            ? (null, $"--shard {text}: K counts from 0, so it must be below N ({count}); the parts are 0/{count} to {count - 1}/{count}")
            : (new BatchShard(index, count), null);
    }

    public override string ToString() => $"{Index}/{Count}";
}
