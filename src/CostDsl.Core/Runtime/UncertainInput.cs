using CostDsl.Text;

namespace CostDsl.Runtime;

/// <summary>A distribution the run sampled: named by the let or field it is written in, where, and its draws (one point's).</summary>
public sealed record UncertainInput(string Name, SourceSpan Site, double[] Draws);
