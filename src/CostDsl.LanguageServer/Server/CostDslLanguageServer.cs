using CostDsl.LanguageServer.Analysis;
using CostDsl.LanguageServer.Features;
using CostDsl.LanguageServer.Protocol;
using CostDsl.LanguageServer.Workspace;
using CostDsl.Modules;
using CostDsl.Runtime;
using CostDsl.Semantics;
using Newtonsoft.Json.Linq;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace CostDsl.LanguageServer.Server;

/// <summary>
/// The LSP methods, as StreamJsonRpc calls them. Requests run on a non-concurrent context, so
/// notifications are handled in the order they came; anything slow (checking, evaluating,
/// formatting) runs on threads of its own. A request that fails answers with an error and the server
/// goes on.
/// </summary>
public sealed class CostDslLanguageServer(JsonRpc rpc, ServerOptions options, TextWriter log)
{
    private readonly TaskCompletionSource exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DocumentManager? documents;

    public bool ShutdownRequested { get; private set; }

    public Task Exited => exited.Task;

    private DocumentManager Documents => documents ?? throw new LocalRpcException("the server is not initialized: send 'initialize' first") { ErrorCode = -32002 };

    [JsonRpcMethod("initialize", UseSingleObjectParameterDeserialization = true)]
    public InitializeResult Initialize(InitializeParams? request)
    {
        var root = options.WorkspaceRoot ?? FolderOf(request?.WorkspaceFolders?.FirstOrDefault()?.Uri) ?? FolderOf(request?.RootUri) ?? request?.RootPath ?? Directory.GetCurrentDirectory();
        var open = new OpenFiles();
        var sources = new EditorSources(root, open);
        var analyzer = new SpecAnalyzer(sources, new Sampling(options.Samples, options.Seed));
        documents = new DocumentManager(analyzer, sources, open, p => rpc.NotifyWithParameterObjectAsync("textDocument/publishDiagnostics", p), options.Debounce, options.EvaluationDelay, log);
        log.WriteLine($"costdsl lsp: workspace {sources.WorkspaceRoot}, {options.Samples} samples, seed {options.Seed}");
        var capabilities = new JObject
        {
            ["textDocumentSync"] = new JObject { ["openClose"] = true, ["change"] = 2, ["save"] = new JObject { ["includeText"] = false } },
            ["hoverProvider"] = true,
            ["definitionProvider"] = true,
            ["completionProvider"] = new JObject { ["triggerCharacters"] = new JArray("."), ["resolveProvider"] = false },
            ["documentFormattingProvider"] = true,
            ["documentSymbolProvider"] = true,
        };
        return new InitializeResult(capabilities, new ServerInfo("costdsl", typeof(CostDslLanguageServer).Assembly.GetName().Version?.ToString(3) ?? "0"));
    }

    [JsonRpcMethod("initialized", UseSingleObjectParameterDeserialization = true)]
    public void Initialized(JToken? ignored)
    {
    }

    [JsonRpcMethod("shutdown")]
    public object? Shutdown()
    {
        ShutdownRequested = true;
        return null;
    }

    [JsonRpcMethod("exit")]
    public void Exit() => exited.TrySetResult();

    [JsonRpcMethod("textDocument/didOpen", UseSingleObjectParameterDeserialization = true)]
    public void DidOpen(DidOpenTextDocumentParams request)
    {
        var item = request.TextDocument ?? throw InvalidParams("textDocument is required");
        Documents.Open(item.Uri, item.Version, item.Text ?? string.Empty);
    }

    [JsonRpcMethod("textDocument/didChange", UseSingleObjectParameterDeserialization = true)]
    public void DidChange(DidChangeTextDocumentParams request)
    {
        var document = request.TextDocument ?? throw InvalidParams("textDocument is required");
        Documents.Change(document.Uri, document.Version, request.ContentChanges ?? []);
    }

    [JsonRpcMethod("textDocument/didClose", UseSingleObjectParameterDeserialization = true)]
    public void DidClose(DidCloseTextDocumentParams request) => Documents.Close((request.TextDocument ?? throw InvalidParams("textDocument is required")).Uri);

    [JsonRpcMethod("textDocument/didSave", UseSingleObjectParameterDeserialization = true)]
    public void DidSave(DidSaveTextDocumentParams request)
    {
    }

    [JsonRpcMethod("textDocument/hover", UseSingleObjectParameterDeserialization = true)]
    public Task<Hover?> HoverAsync(TextDocumentPositionParams request, CancellationToken cancellation) => Guard("hover", async () =>
    {
        var (uri, position) = Where(request);
        if (await Documents.EvaluatedAsync(uri, cancellation).ConfigureAwait(false) is not { } evaluated
            || Locate(evaluated.Spec, position) is not { } found)
        {
            return null;
        }

        return new SymbolResolver(evaluated.Spec, Documents.Sources).Resolve(found.Hit) is { } meaning
            ? HoverProvider.Hover(evaluated, found.Hit, meaning, found.Lines)
            : null;
    });

    [JsonRpcMethod("textDocument/definition", UseSingleObjectParameterDeserialization = true)]
    public Task<Location?> DefinitionAsync(TextDocumentPositionParams request, CancellationToken cancellation) => Guard("definition", async () =>
    {
        var (uri, position) = Where(request);
        if (await Documents.CheckedAsync(uri, cancellation).ConfigureAwait(false) is not { } spec || Locate(spec, position) is not { } found)
        {
            return null;
        }

        return new SymbolResolver(spec, Documents.Sources).Resolve(found.Hit) is { } meaning ? DefinitionProvider.Definition(meaning) : null;
    });

    [JsonRpcMethod("textDocument/completion", UseSingleObjectParameterDeserialization = true)]
    public Task<CompletionList> CompletionAsync(TextDocumentPositionParams request, CancellationToken cancellation) => Guard("completion", async () =>
    {
        var (uri, position) = Where(request);
        if (await Documents.CheckedAsync(uri, cancellation).ConfigureAwait(false) is not { } spec)
        {
            return new CompletionList(false, []);
        }

        var offset = new TextLines(spec.Root.Text).Offset(position);
        return CompletionProvider.Complete(spec.Root.Text, offset, spec, Documents.LastWithModel(uri));
    });

    [JsonRpcMethod("textDocument/formatting", UseSingleObjectParameterDeserialization = true)]
    public Task<IReadOnlyList<TextEdit>> FormattingAsync(DocumentFormattingParams request) => Guard("formatting", () =>
    {
        var uri = (request.TextDocument ?? throw InvalidParams("textDocument is required")).Uri;
        return Task.FromResult(Documents.Get(uri) is { } document ? FormattingProvider.Format(document.File) : []);
    });

    [JsonRpcMethod("textDocument/documentSymbol", UseSingleObjectParameterDeserialization = true)]
    public Task<IReadOnlyList<DocumentSymbol>> DocumentSymbolAsync(DocumentSymbolParams request, CancellationToken cancellation) => Guard("documentSymbol", async () =>
    {
        var uri = (request.TextDocument ?? throw InvalidParams("textDocument is required")).Uri;
        return await Documents.CheckedAsync(uri, cancellation).ConfigureAwait(false) is { RootTree: { } tree } ? SymbolProvider.Symbols(tree) : [];
    });

    /// <summary><c>costdsl/stdFile</c>: the text of a bundled library file, for the editor to show read-only.</summary>
    [JsonRpcMethod("costdsl/stdFile", UseSingleObjectParameterDeserialization = true)]
    public StdFileResult StdFile(StdFileParams request)
    {
        var uri = request.Uri ?? throw InvalidParams("uri is required");
        var location = DocumentUris.IsStd(uri) ? DocumentUris.ToLocation(uri) : throw InvalidParams($"not a {DocumentUris.StdScheme}: URI: {uri}");
        var text = BundledLibrary.Read(location) ?? throw InvalidParams($"the bundled library has no '{location}'");
        return new StdFileResult(uri, location, text);
    }

    private static (string Uri, Position Position) Where(TextDocumentPositionParams request) =>
        (request.TextDocument?.Uri ?? throw InvalidParams("textDocument is required"), request.Position ?? throw InvalidParams("position is required"));

    private static (SyntaxHit Hit, TextLines Lines)? Locate(CheckedSpec spec, Position position)
    {
        var lines = new TextLines(spec.Root.Text);
        return spec.RootTree is { } tree && SyntaxLocator.Find(tree, lines.Offset(position)) is { } hit ? (hit, lines) : null;
    }

    /// <summary>An unexpected failure answers this one request with an error (and is logged); the server goes on.</summary>
    private async Task<T> Guard<T>(string method, Func<Task<T>> handle)
    {
        try
        {
            return await handle().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not LocalRpcException and not OperationCanceledException and not OutOfMemoryException)
        {
            log.WriteLine($"costdsl lsp: internal error in {method}: {e}");
            throw new LocalRpcException($"internal error in {method}: {e.GetType().Name}: {e.Message}") { ErrorCode = (int)JsonRpcErrorCode.InternalError };
        }
    }

    private static LocalRpcException InvalidParams(string message) => new(message) { ErrorCode = (int)JsonRpcErrorCode.InvalidParams };

    private static string? FolderOf(string? uri) =>
        uri is not null && Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile ? parsed.LocalPath : null;
}
