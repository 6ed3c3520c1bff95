using CostDsl.Diagnostics;
using CostDsl.LanguageServer.Analysis;
using CostDsl.LanguageServer.Protocol;
using CostDsl.Semantics;
using CostDsl.Text;

namespace CostDsl.LanguageServer.Workspace;

/// <summary>
/// The open documents and their analyses. Each change starts a new analysis after a short pause
/// (the debounce: a burst of keystrokes is analysed once) and cancels the one before; documents that
/// import the changed one are analysed again too. Diagnostics are published for the document and
/// for the files it imports (each imported file that is open publishes its own), and cleared where
/// they went away. Nothing here runs on the request thread but the bookkeeping.
/// </summary>
public sealed class DocumentManager(SpecAnalyzer analyzer, EditorSources sources, OpenFiles open, Func<PublishDiagnosticsParams, Task> publish, TimeSpan debounce, TimeSpan evaluationDelay, TextWriter log)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, DocumentVersion> documents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> published = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CheckedSpec> lastWithModel = new(StringComparer.Ordinal);

    public EditorSources Sources => sources;

    public void Open(string uri, int version, string text) => Schedule(uri, version, text, TimeSpan.Zero);

    public void Change(string uri, int? version, IReadOnlyList<TextDocumentContentChangeEvent> changes)
    {
        DocumentVersion? current;
        lock (gate)
        {
            current = documents.GetValueOrDefault(uri);
        }

        if (current is null)
        {
            log.WriteLine($"costdsl lsp: a change to {uri}, which is not open, was ignored");
            return;
        }

        var text = current.Text;
        foreach (var change in changes)
        {
            text = change.Range is { } range ? new TextLines(text).Apply(range, change.Text) : change.Text;
        }

        Schedule(uri, version ?? current.Version + 1, text, debounce);
    }

    public void Close(string uri)
    {
        DocumentVersion? closed;
        string[] clear;
        lock (gate)
        {
            documents.Remove(uri, out closed);
            lastWithModel.Remove(uri);
            clear = published.Remove(uri, out var uris) ? [.. uris.Where(u => !IsOpen(u))] : [];
        }

        if (closed is not null)
        {
            closed.Cancellation.Cancel();
            open.Remove(closed.Location);
            _ = PublishAsync(new PublishDiagnosticsParams(uri, null, []));
        }

        foreach (var other in clear)
        {
            _ = PublishAsync(new PublishDiagnosticsParams(other, null, []));
        }
    }

    public DocumentVersion? Get(string uri)
    {
        lock (gate)
        {
            return documents.GetValueOrDefault(uri);
        }
    }

    /// <summary>The last check of the document that got as far as a program model: names while the current text does not parse.</summary>
    public CheckedSpec? LastWithModel(string uri)
    {
        lock (gate)
        {
            return lastWithModel.GetValueOrDefault(uri);
        }
    }

    /// <summary>The check of the document's latest version (waiting past versions superseded meanwhile); null when it is not open.</summary>
    public Task<CheckedSpec?> CheckedAsync(string uri, CancellationToken cancellation) => Latest(uri, d => d.Checked, cancellation);

    public Task<EvaluatedSpec?> EvaluatedAsync(string uri, CancellationToken cancellation) => Latest(
        uri,
        d =>
        {
            d.ValuesWanted.TrySetResult();
            return d.Evaluated;
        },
        cancellation);

    private async Task<T?> Latest<T>(string uri, Func<DocumentVersion, Task<T>> stage, CancellationToken cancellation)
        where T : class
    {
        while (Get(uri) is { } document)
        {
            try
            {
                return await stage(document).WaitAsync(cancellation).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellation.IsCancellationRequested && !ReferenceEquals(Get(uri), document))
            {
                // Superseded while we waited: wait for the version that replaced it.
            }
        }

        return null;
    }

    private void Schedule(string uri, int version, string text, TimeSpan delay)
    {
        var location = DocumentUris.ToLocation(uri);
        var file = new SourceFile(Path.IsPathFullyQualified(location) ? sources.DisplayPath(location) : location, text, location);
        var cancellation = new CancellationTokenSource();
        var token = cancellation.Token;
        var wanted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var checkedSpec = CheckLaterAsync(file, version, delay, token);
        DocumentVersion document = null!;
        var evaluated = EvaluateAfterAsync(() => document, checkedSpec, wanted.Task, token);
        document = new DocumentVersion(uri, location, version, file, checkedSpec, evaluated, cancellation, wanted);

        List<DocumentVersion> dependents;
        lock (gate)
        {
            if (documents.GetValueOrDefault(uri) is { } previous)
            {
                previous.Cancellation.Cancel();
            }

            documents[uri] = document;
            open.Set(location, text);
            dependents = [.. documents.Values.Where(d => d.Uri != uri && d.Checked.IsCompletedSuccessfully && d.Checked.Result.Files.Any(f => f.Location == location))];
        }

        // The gate is released before the work starts, so a fast analysis cannot find its version missing.
        foreach (var dependent in dependents)
        {
            Schedule(dependent.Uri, dependent.Version, dependent.Text, delay);
        }
    }

    private async Task<CheckedSpec> CheckLaterAsync(SourceFile file, int version, TimeSpan delay, CancellationToken cancellation)
    {
        await Task.Yield();
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, cancellation).ConfigureAwait(false);
        }

        return await analyzer.CheckAsync(file, version, cancellation).ConfigureAwait(false);
    }

    private async Task<EvaluatedSpec> EvaluateAfterAsync(Func<DocumentVersion> document, Task<CheckedSpec> checkedSpec, Task wanted, CancellationToken cancellation)
    {
        var spec = await checkedSpec.ConfigureAwait(false);
        if (spec.Model is not null)
        {
            lock (gate)
            {
                if (ReferenceEquals(documents.GetValueOrDefault(document().Uri), document()))
                {
                    lastWithModel[document().Uri] = spec;
                }
            }
        }

        await PublishAllAsync(document(), spec.Diagnostics).ConfigureAwait(false);
        if (!spec.HasErrors)
        {
            await Task.WhenAny(wanted, Task.Delay(evaluationDelay, cancellation)).ConfigureAwait(false);
            cancellation.ThrowIfCancellationRequested();
        }

        var evaluated = await analyzer.EvaluateAsync(spec, cancellation).ConfigureAwait(false);
        if (evaluated.Diagnostics.Count != spec.Diagnostics.Count)
        {
            // The evaluation found more (division by zero, a failed assert): publish the whole list again.
            await PublishAllAsync(document(), evaluated.Diagnostics).ConfigureAwait(false);
        }

        return evaluated;
    }

    /// <summary>Publishes a version's diagnostics, grouped by file, unless a newer version has replaced it.</summary>
    private async Task PublishAllAsync(DocumentVersion document, IReadOnlyList<Diagnostic> diagnostics)
    {
        var byUri = new Dictionary<string, List<LspDiagnostic>>(StringComparer.Ordinal) { [document.Uri] = [] };
        var lines = new Dictionary<SourceFile, TextLines>();
        foreach (var diagnostic in diagnostics)
        {
            var file = diagnostic.Span?.File ?? document.File;
            var uri = file.Location == document.Location ? document.Uri : DocumentUris.FromLocation(file.Location);
            if (!byUri.TryGetValue(uri, out var list))
            {
                byUri[uri] = list = [];
            }

            if (!lines.TryGetValue(file, out var text))
            {
                lines[file] = text = new TextLines(file.Text);
            }

            var range = diagnostic.Span is { } span ? text.Range(span) : text.Range(0, 0);
            list.Add(new LspDiagnostic(range, diagnostic.Severity == Severity.Error ? 1 : 2, diagnostic.Code.Id, "costdsl", diagnostic.Message));
        }

        List<PublishDiagnosticsParams> messages;
        lock (gate)
        {
            if (!ReferenceEquals(documents.GetValueOrDefault(document.Uri), document) || document.Cancellation.IsCancellationRequested)
            {
                return;
            }

            // An imported file that is open itself publishes its own diagnostics.
            var mine = byUri.Keys.Where(u => u == document.Uri || !IsOpen(u)).ToHashSet(StringComparer.Ordinal);
            var before = published.GetValueOrDefault(document.Uri) ?? [];
            messages = [.. mine.Select(u => new PublishDiagnosticsParams(u, u == document.Uri ? document.Version : null, byUri[u]))];
            messages.AddRange(before.Where(u => !mine.Contains(u) && !IsOpen(u)).Select(u => new PublishDiagnosticsParams(u, null, [])));
            published[document.Uri] = mine;
        }

        foreach (var message in messages)
        {
            await PublishAsync(message).ConfigureAwait(false);
        }
    }

    private bool IsOpen(string uri) => documents.ContainsKey(uri);

    private async Task PublishAsync(PublishDiagnosticsParams message)
    {
        try
        {
            await publish(message).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.WriteLine($"costdsl lsp: could not publish diagnostics for {message.Uri}: {e.Message}");
        }
    }
}
