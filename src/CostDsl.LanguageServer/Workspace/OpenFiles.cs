using System.Collections.Concurrent;

namespace CostDsl.LanguageServer.Workspace;

/// <summary>The text the editor holds for each open file, by location: an import of an open file reads its unsaved text.</summary>
public sealed class OpenFiles
{
    private readonly ConcurrentDictionary<string, string> texts = new(StringComparer.Ordinal);

    public void Set(string location, string text) => texts[location] = text;

    public void Remove(string location) => texts.TryRemove(location, out _);

    public string? Text(string location) => texts.GetValueOrDefault(location);
}
