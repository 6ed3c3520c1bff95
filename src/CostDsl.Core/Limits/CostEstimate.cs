using CostDsl.Syntax;

namespace CostDsl.Limits;

/// <summary>
/// An upper bound of what evaluating a checked program costs, computed before it runs by
/// <see cref="CostBound"/>. Figures are doubles because a bound may be astronomically large (a chain of
/// doubling functions is 2^k); they are compared with the limits, never used as counts.
/// </summary>
/// <param name="Steps">Expression nodes evaluated, with user functions expanded at every call that is not shared.</param>
/// <param name="Calls">User-function bodies evaluated.</param>
/// <param name="LiveVectors">Values that may be held at once: memoised lets and fields, sweeps, draws and temporaries.</param>
/// <param name="ValuesPerVector">Numbers in one value: sweep points x samples for a program that varies, 1 for an exact one.</param>
/// <param name="Points">Sweep points (the product of the sweeps' sizes, saturated).</param>
/// <param name="Samples">Monte Carlo samples per point (1 for an exact program).</param>
/// <param name="HeaviestCall">The user call, in a let, field or assert, whose expansion costs most; null without calls.</param>
/// <param name="HeaviestCallSteps">The steps of that call's expansion.</param>
/// <param name="HeaviestCallCalls">The user-function bodies that call evaluates.</param>
public sealed record CostEstimate(
    double Steps,
    double Calls,
    long LiveVectors,
    double ValuesPerVector,
    double Points,
    int Samples,
    CallExpr? HeaviestCall,
    double HeaviestCallSteps,
    double HeaviestCallCalls)
{
    /// <summary>Bytes held at once: every live value a vector of doubles.</summary>
    public double Bytes => LiveVectors * ValuesPerVector * sizeof(double);
}
