using CostDsl.LanguageServer.Framing;
using Microsoft.VisualStudio.Threading;
using Nerdbank.Streams;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;
using StreamJsonRpc;

namespace CostDsl.LanguageServer.Server;

/// <summary>Runs the language server over a pair of streams (stdin and stdout for <c>costdsl lsp</c>) until the editor sends exit or closes the input.</summary>
public static class LanguageServerHost
{
    /// <summary>0 after shutdown and exit, 1 when the editor went away without shutdown (as LSP asks).</summary>
    public static async Task<int> RunAsync(Stream input, Stream output, ServerOptions options, TextWriter log, CancellationToken cancellation = default)
    {
        var (serverSide, gateSide) = FullDuplexStream.CreatePair();
        var formatter = new JsonMessageFormatter();
        formatter.JsonSerializer.ContractResolver = new CamelCasePropertyNamesContractResolver();
        formatter.JsonSerializer.NullValueHandling = NullValueHandling.Ignore;
        using var rpc = new JsonRpc(new HeaderDelimitedMessageHandler(serverSide, formatter))
        {
            // Handlers start in the order messages came, so a didChange is never overtaken by the next.
            SynchronizationContext = new NonConcurrentSynchronizationContext(sticky: false),
        };
        var server = new CostDslLanguageServer(rpc, options, log);
        rpc.AddLocalRpcTarget(server, new JsonRpcTargetOptions { AllowNonPublicInvocation = false });
        rpc.StartListening();

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var gate = new MessageGate(input, output, gateSide, log);
        var inbound = gate.PumpInboundAsync(stop.Token);
        var outbound = gate.PumpOutboundAsync(stop.Token);
        await Task.WhenAny(inbound, outbound, server.Exited, rpc.Completion, Task.Delay(Timeout.Infinite, stop.Token)).ConfigureAwait(false);
        if (inbound.IsFaulted)
        {
            log.WriteLine($"costdsl lsp: reading from the editor failed: {inbound.Exception?.GetBaseException().Message}");
        }

        await stop.CancelAsync().ConfigureAwait(false);
        await serverSide.DisposeAsync().ConfigureAwait(false);
        await gateSide.DisposeAsync().ConfigureAwait(false);
        return server.ShutdownRequested ? 0 : 1;
    }
}
