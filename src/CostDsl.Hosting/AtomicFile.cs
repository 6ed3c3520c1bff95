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

    /// <summary>The UTF-8 text <paramref name="write"/> writes, straight into the file: a large index is never held whole.</summary>
    public static void Write(string path, Action<TextWriter> write)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path) ?? ".");
        SafeFile.Write(
            path,
            stream =>
            {
                using var text = new StreamWriter(stream, Utf8, bufferSize: 1 << 16, leaveOpen: true);
                write(text);
            },
            flushToDisk: true);
    }

    /// <summary>Into a folder that exists; without <paramref name="flushToDisk"/>, for a caller that makes its files durable together (<see cref="PassWrites"/>).</summary>
    public static void WriteInto(string path, string text, bool flushToDisk) => SafeFile.Write(path, Utf8.GetBytes(text), flushToDisk);

    /// <summary>Removes what a killed process left behind; only names <see cref="SafeFile"/> makes are touched.</summary>
    public static void RemoveLeftovers(string folder) => SafeFile.RemoveLeftovers(folder, recursive: true);
}
