namespace CostDsl.LanguageServer.Protocol;

/// <summary>LSP DiagnosticSeverity: 1 error, 2 warning.</summary>
public sealed record LspDiagnostic(Range Range, int Severity, string Code, string Source, string Message);

public sealed record PublishDiagnosticsParams(string Uri, int? Version, IReadOnlyList<LspDiagnostic> Diagnostics);
