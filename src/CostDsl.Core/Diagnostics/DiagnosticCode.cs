namespace CostDsl.Diagnostics;

/// <summary>A stable diagnostic code (CDnnnn) and its one-line title; grammar/diagnostics.md lists them all.</summary>
public sealed record DiagnosticCode(string Id, string Title)
{
    public override string ToString() => Id;
}
