using CostDsl.Diagnostics;

namespace CostDsl.Runtime;

/// <summary>
/// Stops the evaluation of one output or assert. It carries the diagnostic to report, or none when
/// the failure was already reported (a let that failed once fails quietly for its other users).
/// </summary>
internal sealed class EvaluationError(Diagnostic? diagnostic) : Exception(diagnostic?.Message ?? "already reported")
{
    public Diagnostic? Diagnostic { get; } = diagnostic;
}
