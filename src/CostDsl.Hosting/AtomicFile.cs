using System.Text;
using CostDsl.Files;

namespace CostDsl.Hosting;

/// <summary>
/// Writes a whole result or nothing, through <see cref="SafeFile"/>: a reader, or a batch killed
/// part-way, never sees half a result, and nothing but the target is ever replaced.
/// </summary>
internal static class AtomicFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path) ?? ".");
        WriteInto(path, text, flushToDisk: true);
    }

    /// <summary>Into a folder that exists; without <paramref name="flushToDisk"/>, for a caller that makes its files durable together (<see cref="PassWrites"/>).</summary>
    public static void WriteInto(string path, string text, bool flushToDisk) => SafeFile.Write(path, Utf8.GetBytes(text), flushToDisk);

    /// <summary>Removes what a killed process left behind; only names <see cref="SafeFile"/> makes are touched.</summary>
    public static void RemoveLeftovers(string folder) => SafeFile.RemoveLeftovers(folder, recursive: true);
}
