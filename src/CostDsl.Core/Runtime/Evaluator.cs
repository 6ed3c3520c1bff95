using CostDsl.Diagnostics;
using CostDsl.Semantics;

namespace CostDsl.Runtime;

/// <summary>Evaluates a checked program: its outputs in file order, then its asserts.</summary>
public static class Evaluator
{
    public static Evaluation Evaluate(CheckedProgram program, DiagnosticBag diagnostics, Sampling? sampling = null, CancellationToken cancellation = default) =>
        program.Sweeps.Any(s => s.IsBlocks)
            ? BlockGrid.Evaluate(program, diagnostics, sampling ?? Sampling.Default, cancellation, null)
            : new EvaluationSession(program, diagnostics, sampling, cancellation).Run();

    /// <summary>
    /// Evaluates what a program with static errors can still evaluate: every declaration that does
    /// not depend on an erroneous one, so that its own errors are reported beside the static ones.
    /// Null when the errors reach the whole program (a sweep, a scenario, an override).
    /// </summary>
    public static Evaluation? EvaluateIndependent(CheckedProgram program, DiagnosticBag diagnostics, Sampling? sampling = null, CancellationToken cancellation = default) =>
        ErroneousDeclarations.Find(program.Model, diagnostics.Items) is { } erroneous
            ? program.Sweeps.Any(s => s.IsBlocks)
                ? BlockGrid.Evaluate(program, diagnostics, sampling ?? Sampling.Default, cancellation, erroneous)
                : new EvaluationSession(program, diagnostics, sampling, cancellation, erroneous).Run()
            : null;
}
