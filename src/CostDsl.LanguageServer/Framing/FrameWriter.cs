using System.Text;

namespace CostDsl.LanguageServer.Framing;

/// <summary>Writes whole frames to one stream, one at a time, so that two writers never interleave.</summary>
public sealed class FrameWriter(Stream output)
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task WriteAsync(ReadOnlyMemory<byte> body, CancellationToken cancellation)
    {
        var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
        await gate.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            await output.WriteAsync(header, cancellation).ConfigureAwait(false);
            await output.WriteAsync(body, cancellation).ConfigureAwait(false);
            await output.FlushAsync(cancellation).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }
}
