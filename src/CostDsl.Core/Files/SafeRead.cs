using System.Text;

namespace CostDsl.Files;

/// <summary>
/// Reads a spec's text for every command: a regular file only (a FIFO would block and a device never
/// end, so they are refused before they are opened), never more than a size limit, UTF-8 with or
/// without a byte-order mark, and with old Mac line ends (a bare CR) read as line ends.
/// </summary>
public static class SafeRead
{
    /// <summary>The largest spec the command line reads (root or import), in bytes: far beyond any hand-written spec, far below what would exhaust memory.</summary>
    public const long DefaultMaxBytes = 16 * 1024 * 1024;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>The text of <paramref name="path"/>; throws <see cref="FileNotFoundException"/> or <see cref="IOException"/> with a message for the user.</summary>
    /// <param name="display">
    /// How the messages name the file, when <paramref name="path"/> is a full path the user never wrote: a message
    /// that reaches the JSON must not say where this checkout lives, or the same spec reads differently elsewhere.
    /// </param>
    public static string ReadText(string path, long maxBytes = DefaultMaxBytes, string? display = null) => Decode(ReadBytes(path, maxBytes, display));

    /// <summary>
    /// The bytes of <paramref name="path"/>, under the same refusals as <see cref="ReadText"/>: for a reader that decodes
    /// as it parses (a large JSON document) instead of holding the whole text as well.
    /// </summary>
    public static ArraySegment<byte> ReadBytes(string path, long maxBytes = DefaultMaxBytes, string? display = null)
    {
        var full = Path.GetFullPath(path);
        display ??= path;
        if (!File.Exists(full) && !SpecialFiles.IsKernelView(full))
        {
            throw new FileNotFoundException($"file not found: {display}", display);
        }

        if (!SpecialFiles.IsRegularFile(full))
        {
            throw new IOException($"{display} is not a regular file (a FIFO, a device, a socket or a kernel view such as /proc); it was not opened");
        }

        using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, FileOptions.SequentialScan);
        if (stream.Length > maxBytes)
        {
            throw new FileTooLargeException(TooLarge(display, maxBytes));
        }

        // The file may grow between the length and the read: read at most one byte past the limit.
        var buffer = new byte[Math.Min(maxBytes + 1, stream.Length + 1)];
        var count = 0;
        int read;
        while (count < buffer.Length && (read = stream.Read(buffer, count, buffer.Length - count)) > 0)
        {
            count += read;
        }

        if (count > maxBytes)
        {
            throw new FileTooLargeException(TooLarge(display, maxBytes));
        }

        return new ArraySegment<byte>(buffer, 0, count);
    }

    /// <summary>Whether the file starts with a UTF-8 byte-order mark, so that a rewrite can keep it.</summary>
    public static bool HasByteOrderMark(string path)
    {
        try
        {
            if (!SpecialFiles.IsRegularFile(path))
            {
                return false;
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            Span<byte> start = stackalloc byte[3];
            return stream.ReadAtLeast(start, 3, throwOnEndOfStream: false) == 3 && start.SequenceEqual(ByteOrderMark);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>UTF-8 text without its byte-order mark, with each bare CR made a line end.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith(ByteOrderMark))
        {
            bytes = bytes[ByteOrderMark.Length..];
        }

        return NormalizeLineEnds(Utf8.GetString(bytes));
    }

    /// <summary>A CR not followed by LF becomes LF; CRLF stays, so positions in ordinary files do not move.</summary>
    public static string NormalizeLineEnds(string text)
    {
        if (!text.Contains('\r', StringComparison.Ordinal))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            builder.Append(c == '\r' && (i + 1 == text.Length || text[i + 1] != '\n') ? '\n' : c);
        }

        return builder.ToString();
    }

    private static string TooLarge(string path, long maxBytes) => $"{path} is larger than the limit of {maxBytes} bytes; it was not read";
}
