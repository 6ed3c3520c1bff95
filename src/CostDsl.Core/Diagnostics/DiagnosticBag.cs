using CostDsl.Text;

namespace CostDsl.Diagnostics;

/// <summary>Collects the diagnostics of one run; the same finding at the same place is kept once.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> items = [];
    private readonly HashSet<(string Code, string Message, string File, int Start)> seen = [];

    public IReadOnlyList<Diagnostic> Items => items;

    public bool HasErrors => items.Any(d => d.Severity == Severity.Error);

    public void Error(DiagnosticCode code, SourceSpan? span, string message) => Add(new Diagnostic(Severity.Error, code, message, span));

    public void Warning(DiagnosticCode code, SourceSpan? span, string message) => Add(new Diagnostic(Severity.Warning, code, message, span));

    public void Add(Diagnostic diagnostic)
    {
        var key = (diagnostic.Code.Id, diagnostic.Message, diagnostic.File, diagnostic.Span?.Start ?? -1);
        if (seen.Add(key))
        {
            items.Add(diagnostic);
        }
    }

    public void AddRange(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            Add(d);
        }
    }

    /// <summary>In source order: by file, then line, then column.</summary>
    public IReadOnlyList<Diagnostic> Sorted() =>
        items.OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Span?.Start ?? -1).ToArray();
}
