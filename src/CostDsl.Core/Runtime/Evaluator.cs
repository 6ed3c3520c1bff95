using CostDsl.Diagnostics;
using CostDsl.Semantics;

namespace CostDsl.Runtime;

/// <summary>Evaluates a checked program: its outputs in file order, then its asserts.</summary>
public static class Evaluator
{
    public static Evaluation Evaluate(CheckedProgram program, DiagnosticBag diagnostics, Sampling? sampling = null, CancellationToken cancellation = default) =>
        new EvaluationSession(program, diagnostics, sampling, cancellation).Run();
}
