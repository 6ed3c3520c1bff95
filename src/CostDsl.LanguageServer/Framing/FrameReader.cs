using System.Globalization;
using System.Text;

namespace CostDsl.LanguageServer.Framing;

/// <summary>
/// Reads LSP base-protocol frames (<c>Content-Length: N</c>, a blank line, N bytes). A bad header is
/// reported as a frame with an error, and reading goes on at the next header, so one bad message
/// cannot end the server.
/// </summary>
public sealed class FrameReader(Stream input)
{
    /// <summary>A header longer than this is not a header: the stream is skipped to its next blank line.</summary>
    public const int MaxHeaderBytes = 8 * 1024;

    /// <summary>The largest message accepted: a spec is text, and far smaller.</summary>
    public const int MaxBodyBytes = 64 * 1024 * 1024;

    private readonly byte[] one = new byte[1];

    /// <summary>The next frame, or null at the end of the input.</summary>
    public async Task<Frame?> ReadAsync(CancellationToken cancellation)
    {
        var header = new List<byte>();
        var tooLong = false;
        while (true)
        {
            var read = await input.ReadAsync(one, cancellation).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            if (header.Count < MaxHeaderBytes)
            {
                header.Add(one[0]);
            }
            else
            {
                tooLong = true;
                header.RemoveAt(0);
                header.Add(one[0]);
            }

            if (EndsWithBlankLine(header))
            {
                break;
            }
        }

        if (tooLong)
        {
            return new Frame(null, $"the header is longer than {MaxHeaderBytes} bytes");
        }

        var length = ContentLength(Encoding.ASCII.GetString([.. header]));
        if (length is null)
        {
            return new Frame(null, "the header has no valid Content-Length");
        }

        if (length > MaxBodyBytes)
        {
            return new Frame(null, $"the message is longer than {MaxBodyBytes} bytes");
        }

        var body = new byte[length.Value];
        var filled = 0;
        while (filled < body.Length)
        {
            var read = await input.ReadAsync(body.AsMemory(filled), cancellation).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            filled += read;
        }

        return new Frame(body, null);
    }

    private static bool EndsWithBlankLine(List<byte> header) =>
        header.Count >= 4 && header[^4] == '\r' && header[^3] == '\n' && header[^2] == '\r' && header[^1] == '\n';

    private static int? ContentLength(string header)
    {
        foreach (var line in header.Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(line[(colon + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            {
                return length;
            }
        }

        return null;
    }
}
