using CostDsl.Text;

namespace CostDsl.Diagnostics;

/// <summary>One finding about a spec, with the place it points at and a stable code.</summary>
public sealed record Diagnostic(Severity Severity, DiagnosticCode Code, string Message, SourceSpan? Span)
{
    public string File => Span?.File.Path ?? string.Empty;

    public int Line => Span?.Line ?? 0;

    public int Column => Span?.Column ?? 0;

    public override string ToString() =>
        $"{(Span is null ? "costdsl" : Span.ToString())}: {Severity.ToString().ToLowerInvariant()} {Code.Id}: {Message}";
}
