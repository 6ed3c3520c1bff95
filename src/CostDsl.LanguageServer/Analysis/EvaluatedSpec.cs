using CostDsl.Diagnostics;
using CostDsl.Engine;
using CostDsl.Runtime;
using CostDsl.Semantics;

namespace CostDsl.LanguageServer.Analysis;

/// <summary>
/// A checked spec evaluated as <c>costdsl eval</c> evaluates it (same sampling, so the same numbers
/// for the same seed and sample count). The session memoizes every let and field, so a value shown
/// on hover is the one the outputs were computed from; lets no output uses are computed on demand.
/// </summary>
public sealed class EvaluatedSpec(CheckedSpec spec, EvaluationSession? session, Evaluation? evaluation, IReadOnlyList<Diagnostic> diagnostics, string? notEvaluated)
{
    private readonly Lock gate = new();

    public CheckedSpec Spec { get; } = spec;

    public Evaluation? Evaluation { get; } = evaluation;

    /// <summary>The check's diagnostics and the evaluation's (division by zero, failed asserts), as <c>costdsl check</c> prints them.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics;

    /// <summary>Why there are no values, for hover: the spec has errors, or the evaluation was cut short.</summary>
    public string? NotEvaluated { get; } = notEvaluated;

    public Layout? Layout => session?.Layout;

    public Value? Let(LetSymbol let) => Compute(s => s.TryLet(let));

    public Value? Field(BlockSymbol block, string field) => Compute(s => s.TryField(block, field));

    /// <summary>One value at a time (a session is not thread-safe), on a deep stack like every evaluation.</summary>
    private Value? Compute(Func<EvaluationSession, Value?> compute)
    {
        if (session is null)
        {
            return null;
        }

        try
        {
            return DeepStack.Run(() =>
            {
                lock (gate)
                {
                    return compute(session);
                }
            });
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}
