using System.Reflection;
using System.Text;

namespace CostDsl.Modules;

/// <summary>The bundled library (the repository's rules/ folder), embedded in this assembly as std/...</summary>
public static class BundledLibrary
{
    public const string Prefix = "std/";

    /// <summary>The units prelude, loaded before every program.</summary>
    public const string Prelude = "std/units.cost";

    private static readonly Assembly Assembly = typeof(BundledLibrary).Assembly;

    public static IEnumerable<string> Paths =>
        Assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    /// <summary>The file's text, decoded as a StreamReader with its defaults would (UTF-8, a byte order mark dropped).</summary>
    /// <remarks>
    /// Decoded in one piece from the resource's bytes: a StreamReader read it through small buffers into a StringBuilder
    /// grown a chunk at a time and then copied, about three times the text's size in fresh memory at every cold start
    /// (nvidia.cost is 70 KB), each page zeroed by the GC and faulted in (bench/aot/phases.sh: 2.7% of a cold eval).
    /// </remarks>
    public static string? Read(string path)
    {
        using var stream = Assembly.GetManifestResourceStream(path);
        if (stream is null)
        {
            return null;
        }

        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        ReadOnlySpan<byte> text = bytes;
        if (text.StartsWith("\uFEFF"u8))
        {
            return Encoding.UTF8.GetString(text[3..]);
        }

        // Another byte order mark (UTF-16 or UTF-32) names another encoding: a StreamReader decodes it as it would have.
        if (text.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || text.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || text.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            using var reader = new StreamReader(new MemoryStream(bytes, writable: false));
            return reader.ReadToEnd();
        }

        return Encoding.UTF8.GetString(text);
    }
}
