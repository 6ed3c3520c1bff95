namespace CostDsl.LanguageServer.Protocol;

public sealed record TextDocumentItem(string Uri, string? LanguageId, int Version, string Text);

public sealed record VersionedTextDocumentIdentifier(string Uri, int? Version);

public sealed record DidOpenTextDocumentParams(TextDocumentItem? TextDocument);

/// <summary>One change: the whole text when <see cref="Range"/> is absent, else an edit of that range.</summary>
public sealed record TextDocumentContentChangeEvent(Range? Range, string Text);

public sealed record DidChangeTextDocumentParams(VersionedTextDocumentIdentifier? TextDocument, IReadOnlyList<TextDocumentContentChangeEvent>? ContentChanges);

public sealed record DidCloseTextDocumentParams(TextDocumentIdentifier? TextDocument);

public sealed record DidSaveTextDocumentParams(TextDocumentIdentifier? TextDocument);
