using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using CostDsl.LanguageServer.Framing;
using CostDsl.LanguageServer.Server;
using Nerdbank.Streams;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CostDsl.LanguageServer.Tests.Support;

/// <summary>
/// An editor's side of the conversation: framed JSON-RPC messages written to the server's input and
/// read from its output, over an in-memory stream pair (the server in this process) or the stdin and
/// stdout of a <c>costdsl lsp</c> process. Responses are matched by id; the latest diagnostics
/// published for each URI are kept.
/// </summary>
public sealed class LspClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly Stream toServer;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JObject>> pending = new();
    private readonly ConcurrentDictionary<string, JObject> diagnostics = new();
    private readonly ConcurrentQueue<JObject> unmatched = new();
    private readonly SemaphoreSlim writing = new(1, 1);
    private readonly Task reading;
    private readonly Task<int>? server;
    private readonly Process? process;
    private int nextId;

    private LspClient(Stream toServer, Stream fromServer, Task<int>? server, Process? process, StringWriter log)
    {
        Log = log;
        this.toServer = toServer;
        this.server = server;
        this.process = process;
        reading = ReadAsync(fromServer);
    }

    /// <summary>What an in-process server logged (its stderr).</summary>
    public StringWriter Log { get; }

    /// <summary>The server in this process, over a stream pair.</summary>
    public static LspClient InProcess(ServerOptions? options = null)
    {
        var (client, serverSide) = FullDuplexStream.CreatePair();
        var log = new StringWriter();
        var server = Task.Run(() => LanguageServerHost.RunAsync(serverSide, serverSide, options ?? new ServerOptions(), TextWriter.Synchronized(log)));
        return new LspClient(client, client, server, null, log);
    }

    /// <summary><c>costdsl lsp ARGS</c> as a process, over its stdin and stdout.</summary>
    public static LspClient Process(string workingDirectory, params string[] args)
    {
        var costdsl = Path.Combine(AppContext.BaseDirectory, "costdsl.dll");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(costdsl);
        start.ArgumentList.Add("lsp");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = System.Diagnostics.Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return new LspClient(process.StandardInput.BaseStream, process.StandardOutput.BaseStream, null, process, new StringWriter());
    }

    public Process? ServerProcess => process;

    public Task<int>? Server => server;

    public async Task<JObject> InitializeAsync(string rootFolder)
    {
        var response = await RequestAsync("initialize", new { processId = (int?)null, rootUri = new Uri(rootFolder).AbsoluteUri, capabilities = new { } });
        await NotifyAsync("initialized", new { });
        return response;
    }

    /// <summary>The whole response: <c>result</c> or <c>error</c>.</summary>
    public async Task<JObject> RequestAsync(string method, object? parameters)
    {
        var id = Interlocked.Increment(ref nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var answer = new TaskCompletionSource<JObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = answer;
        await SendAsync(new JObject { ["jsonrpc"] = "2.0", ["id"] = int.Parse(id, System.Globalization.CultureInfo.InvariantCulture), ["method"] = method, ["params"] = parameters is null ? null : JToken.FromObject(parameters) });
        return await answer.Task.WaitAsync(Timeout);
    }

    public Task<JToken?> ResultAsync(string method, object? parameters) => RequestAsync(method, parameters).ContinueWith(t =>
    {
        var response = t.Result;
        Assert.That(response["error"], Is.Null, $"{method} answered with an error: {response}");
        return response["result"];
    }, TaskScheduler.Default);

    public Task NotifyAsync(string method, object? parameters) =>
        SendAsync(new JObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters is null ? null : JToken.FromObject(parameters) });

    public Task SendAsync(JObject message) => SendRawAsync(Encoding.UTF8.GetBytes(message.ToString(Formatting.None)));

    /// <summary>A body framed with a correct Content-Length, whatever it holds.</summary>
    public Task SendRawAsync(byte[] body) => WriteAsync([.. Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"), .. body]);

    /// <summary>Bytes exactly as given: a broken header, say.</summary>
    public async Task WriteAsync(byte[] bytes)
    {
        await writing.WaitAsync();
        try
        {
            await toServer.WriteAsync(bytes);
            await toServer.FlushAsync();
        }
        finally
        {
            writing.Release();
        }
    }

    /// <summary>The next message that answered no request of ours (an error response with a null id, say).</summary>
    public async Task<JObject> NextUnmatchedAsync()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Timeout)
        {
            if (unmatched.TryDequeue(out var message))
            {
                return message;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("no unmatched message came");
    }

    public Task OpenAsync(string uri, string text, int version = 1) =>
        NotifyAsync("textDocument/didOpen", new { textDocument = new { uri, languageId = "costdsl", version, text } });

    public Task ChangeAsync(string uri, string text, int version) =>
        NotifyAsync("textDocument/didChange", new { textDocument = new { uri, version }, contentChanges = new[] { new { text } } });

    /// <summary>Waits until the diagnostics last published for <paramref name="uri"/> satisfy <paramref name="condition"/>; returns them.</summary>
    public async Task<JArray> DiagnosticsAsync(string uri, Func<JArray, bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Timeout)
        {
            if (diagnostics.TryGetValue(uri, out var published) && published["diagnostics"] is JArray list && condition(list))
            {
                return list;
            }

            await Task.Delay(5);
        }

        throw new TimeoutException($"no diagnostics for {uri} satisfied the condition; last: {diagnostics.GetValueOrDefault(uri)}");
    }

    public JObject? LastDiagnostics(string uri) => diagnostics.GetValueOrDefault(uri);

    public void ForgetDiagnostics() => diagnostics.Clear();

    public static object At(string uri, int line, int character) => new { textDocument = new { uri }, position = new { line, character } };

    public async ValueTask DisposeAsync()
    {
        try
        {
            await toServer.DisposeAsync();
        }
        catch (IOException)
        {
            // The server may have gone already.
        }

        if (process is not null)
        {
            if (!process.WaitForExit(10_000))
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
        }
    }

    private async Task ReadAsync(Stream fromServer)
    {
        var reader = new FrameReader(fromServer);
        while (await reader.ReadAsync(CancellationToken.None) is { Body: { } body })
        {
            var message = JObject.Parse(Encoding.UTF8.GetString(body));
            if (message["method"]?.ToString() == "textDocument/publishDiagnostics")
            {
                diagnostics[message["params"]!["uri"]!.ToString()] = (JObject)message["params"]!;
            }
            else if (message["id"] is { Type: not JTokenType.Null } id && message["method"] is null && pending.TryRemove(id.ToString(), out var answer))
            {
                answer.SetResult(message);
            }
            else
            {
                unmatched.Enqueue(message);
            }
        }
    }
}
