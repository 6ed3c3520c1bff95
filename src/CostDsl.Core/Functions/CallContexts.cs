using CostDsl.Diagnostics;
using CostDsl.Runtime;
using CostDsl.Semantics;

namespace CostDsl.Functions;

/// <summary>What a built-in function may ask of the checker while its result type is computed.</summary>
public interface ICheckContext
{
    /// <summary>The static type of a block's field, or null when the block lacks it.</summary>
    StaticType? FieldType(BlockSymbol block, string field);

    /// <summary>Reports an error at the call.</summary>
    void Error(DiagnosticCode code, string message);
}

/// <summary>What a built-in function may ask of the evaluator while it runs.</summary>
public interface ICallContext
{
    /// <summary>The value of a block's field, or null when the block lacks it.</summary>
    Value? Field(BlockSymbol block, string field);

    /// <summary>Stops the call with an error at the call site.</summary>
    Exception Fail(DiagnosticCode code, string message);

    /// <summary>How the run's vectors are laid out (sweep points x samples), for reductions.</summary>
    Layout Layout { get; }

    /// <summary>Draws samples with a generator seeded by this call site; <paramref name="fill"/> fills one point's draws.</summary>
    Magnitude Sample(Action<RandomSource, Span<double>> fill);

    /// <summary>
    /// Draws one of several independent inputs of this call (a builtin's default uncertain efficiency, say):
    /// <paramref name="stream"/> names the input, so each gets its own generator and the same name the same draws.
    /// </summary>
    Magnitude Sample(string stream, Action<RandomSource, Span<double>> fill);

    /// <summary>
    /// Draws a named assumption shared by the whole run: seeded by the run's seed and <paramref name="name"/> only, so two calls
    /// (anywhere in the spec) that both leave the assumption out see the same samples, and the same seed gives the same numbers.
    /// </summary>
    Magnitude SampleShared(string name, Action<RandomSource, Span<double>> fill);
}
