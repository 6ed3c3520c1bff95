namespace CostDsl.LanguageServer.Protocol;

/// <summary>LSP SymbolKind values used here.</summary>
public static class SymbolKinds
{
    public const int Module = 2;
    public const int Namespace = 3;
    public const int Class = 5;
    public const int Property = 7;
    public const int Field = 8;
    public const int Function = 12;
    public const int Variable = 13;
    public const int Constant = 14;
    public const int Event = 24;
}

/// <summary>An entry of the outline; a block's fields are its children.</summary>
public sealed record DocumentSymbol(string Name, string? Detail, int Kind, Range Range, Range SelectionRange, IReadOnlyList<DocumentSymbol>? Children);

public sealed record DocumentSymbolParams(TextDocumentIdentifier? TextDocument);
