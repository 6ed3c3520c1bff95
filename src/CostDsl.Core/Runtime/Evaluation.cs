using CostDsl.Semantics;
using CostDsl.Syntax;
using CostDsl.Units;

namespace CostDsl.Runtime;

/// <summary>An output's value, and the unit it is shown in (null: base units).</summary>
public sealed record OutputValue(string Name, Value Value, Unit? DisplayUnit, string? UnitText)
{
    /// <summary>The unit as it goes into the JSON: as written after <c>in</c>, else base units.</summary>
    public string Unit => UnitText ?? (Value is Quantity q ? q.Dimension.ToString() : string.Empty);

    /// <summary>What one base unit is in the display unit.</summary>
    public double Scale => DisplayUnit?.Scale ?? 1;
}

/// <summary>How an assert came out: <see cref="Probability"/> is the share of samples where it held (1 or 0 when exact).</summary>
public sealed record AssertOutcome(AssertDecl Decl, double Probability)
{
    public bool Passed => Probability >= 1;

    public string File => Decl.Span.File.Path;

    public int Line => Decl.Span.Line;

    public string Message => Decl.Message ?? Decl.Condition.Span.Text;
}

/// <summary>What one evaluation of a checked program produced.</summary>
public sealed record Evaluation(IReadOnlyList<OutputValue> Outputs, IReadOnlyList<AssertOutcome> Asserts);
