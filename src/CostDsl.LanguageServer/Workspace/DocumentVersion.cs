using CostDsl.LanguageServer.Analysis;
using CostDsl.Text;

namespace CostDsl.LanguageServer.Workspace;

/// <summary>
/// One version of an open document and its analysis under way: checked first (diagnostics, names),
/// then evaluated (values). A newer version cancels the older one's analysis. The evaluation waits
/// until typing pauses or a request needs values (<see cref="ValuesWanted"/>), so Monte Carlo never
/// competes with the checking of the next keystroke.
/// </summary>
public sealed record DocumentVersion(
    string Uri,
    string Location,
    int Version,
    SourceFile File,
    Task<CheckedSpec> Checked,
    Task<EvaluatedSpec> Evaluated,
    CancellationTokenSource Cancellation,
    TaskCompletionSource ValuesWanted)
{
    public string Text => File.Text;
}
