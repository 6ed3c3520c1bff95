namespace CostDsl.LanguageServer.Protocol;

public sealed record TextEdit(Range Range, string NewText);

public sealed record DocumentFormattingParams(TextDocumentIdentifier? TextDocument);
