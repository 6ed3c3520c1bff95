namespace CostDsl.LanguageServer.Protocol;

/// <summary>LSP CompletionItemKind values used here.</summary>
public static class CompletionKinds
{
    public const int Function = 3;
    public const int Field = 5;
    public const int Variable = 6;
    public const int Class = 7;
    public const int Unit = 11;
    public const int Keyword = 14;
}

/// <summary>One suggestion; <see cref="InsertTextFormat"/> 2 means <see cref="InsertText"/> is a snippet with $1 placeholders.</summary>
public sealed record CompletionItem(string Label, int Kind, string? Detail = null, MarkupContent? Documentation = null, string? InsertText = null, int? InsertTextFormat = null, string? SortText = null);

public sealed record CompletionList(bool IsIncomplete, IReadOnlyList<CompletionItem> Items);
