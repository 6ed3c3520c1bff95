using CostDsl.Diagnostics;

namespace CostDsl.Tooling.Formatting;

/// <summary>What fmt made of one file: the new text, whether it differs, and why it refused (syntax errors).</summary>
public sealed record FormatResult(string Text, bool Changed, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);
}
