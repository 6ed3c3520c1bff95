using System.Text;
using CostDsl.Files;

namespace CostDsl.Cli;

/// <summary>Where the command line writes: the console, or writers a test supplies.</summary>
public sealed class CliIO(TextWriter output, TextWriter error)
{
    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>
    /// Writes a whole file through <see cref="SafeFile"/>: a reader never sees half of it, a link is
    /// written through, the target's permissions and its UTF-8 byte-order mark (if it had one) are kept,
    /// and a read-only target is refused.
    /// </summary>
    public bool TryWriteFile(string path, string text)
    {
        try
        {
            var bom = SafeRead.HasByteOrderMark(path);
            var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: bom);
            SafeFile.Write(path, [.. bytes.GetPreamble(), .. bytes.GetBytes(text)]);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            Error.WriteLine($"costdsl: cannot write {path}: {e.Message}");
            return false;
        }
    }
}
