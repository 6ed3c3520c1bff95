using System.Collections.Concurrent;
using System.Text;
using BenchmarkDotNet.Attributes;
using CostDsl.LanguageServer.Framing;
using CostDsl.LanguageServer.Server;
using Nerdbank.Streams;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CostDsl.Benchmarks;

/// <summary>
/// Issue 15: a change to a 2,000-line spec gets its diagnostics in under 200 ms. Measured as an
/// editor sees it: from writing a didChange (the whole text) to reading the publishDiagnostics of
/// that version, over JSON-RPC to a server in this process, debounce included.
/// </summary>
public class LanguageServerBenchmarks
{
    private const string Uri = "file:///bench/generated.cost";

    private readonly ConcurrentDictionary<int, TaskCompletionSource> published = new();
    private Stream client = null!;
    private Task<int> server = null!;
    private string spec = null!;
    private int version;

    /// <summary>The pause after a change before it is checked; 50 ms is the server's default.</summary>
    [Params(0, 50)]
    public int DebounceMs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        spec = SpecGenerator.Generate(2000);
        var (clientSide, serverSide) = FullDuplexStream.CreatePair();
        client = clientSide;
        var options = new ServerOptions { Debounce = TimeSpan.FromMilliseconds(DebounceMs), WorkspaceRoot = Path.GetTempPath() };
        server = Task.Run(() => LanguageServerHost.RunAsync(serverSide, serverSide, options, TextWriter.Null));
        _ = Task.Run(ReadAsync);
        Send(new JObject { ["jsonrpc"] = "2.0", ["id"] = 1, ["method"] = "initialize", ["params"] = new JObject { ["capabilities"] = new JObject() } });
        Send(Notification("textDocument/didOpen", new JObject { ["textDocument"] = new JObject { ["uri"] = Uri, ["languageId"] = "costdsl", ["version"] = 0, ["text"] = spec } }));
        Wait(0);
    }

    [GlobalCleanup]
    public void Cleanup() => client.Dispose();

    [Benchmark]
    public void ChangeToDiagnostics()
    {
        var next = Interlocked.Increment(ref version);
        var text = $"{spec}# edit {next}\n";
        Send(Notification("textDocument/didChange", new JObject
        {
            ["textDocument"] = new JObject { ["uri"] = Uri, ["version"] = next },
            ["contentChanges"] = new JArray(new JObject { ["text"] = text }),
        }));
        Wait(next);
    }

    private void Wait(int expected)
    {
        var signal = published.GetOrAdd(expected, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!signal.Task.Wait(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException($"no diagnostics for version {expected}");
        }
    }

    private static JObject Notification(string method, JObject parameters) => new() { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters };

    private void Send(JObject message)
    {
        var body = Encoding.UTF8.GetBytes(message.ToString(Formatting.None));
        client.Write(Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"));
        client.Write(body);
        client.Flush();
    }

    private async Task ReadAsync()
    {
        var reader = new FrameReader(client);
        while (await reader.ReadAsync(CancellationToken.None) is { Body: { } body })
        {
            var message = JObject.Parse(Encoding.UTF8.GetString(body));
            if ((string?)message["method"] == "textDocument/publishDiagnostics" && message["params"]?["version"] is { Type: JTokenType.Integer } v)
            {
                if (message["params"]!["diagnostics"] is JArray { Count: > 0 } found)
                {
                    throw new InvalidOperationException($"the generated spec has errors: {found}");
                }

                published.GetOrAdd((int)v, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            }
        }
    }
}
