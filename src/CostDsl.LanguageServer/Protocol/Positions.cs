namespace CostDsl.LanguageServer.Protocol;

/// <summary>A place in a document: zero-based line and UTF-16 character, as LSP counts them.</summary>
public sealed record Position(int Line, int Character);

/// <summary>A stretch of a document, end exclusive.</summary>
public sealed record Range(Position Start, Position End);

/// <summary>A range in some document, for go to definition.</summary>
public sealed record Location(string Uri, Range Range);

public sealed record TextDocumentIdentifier(string Uri);

/// <summary>The parameters of every request about one place in one document.</summary>
public sealed record TextDocumentPositionParams(TextDocumentIdentifier? TextDocument, Position? Position);
