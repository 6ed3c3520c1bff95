using CostDsl.Diagnostics;
using CostDsl.Functions;
using CostDsl.Syntax;
using CostDsl.Text;
using CostDsl.Units;

namespace CostDsl.Semantics;

/// <summary>Messages: how a type or a side of an operation is named in a diagnostic (in the unit the user wrote).</summary>
public sealed partial class Checker
{
    private StaticType Mismatch(SourceSpan span, string message, DiagnosticCode? code = null)
    {
        diagnostics.Error(code ?? Codes.TypeMismatch, span, message);
        return StaticType.Error;
    }

    private static bool SameType(StaticType a, StaticType b) => a switch
    {
        QuantityType qa => b is QuantityType qb && qa.Dimension == qb.Dimension,
        BlockType ba => b is BlockType bb && ba.Kind == bb.Kind,
        ListType la => b is ListType lb && SameType(la.Element, lb.Element),
        _ => a.GetType() == b.GetType(),
    };

    private static string Describe(StaticType type) => type switch
    {
        QuantityType q => Arguments.Describe(q.Dimension),
        TruthType => "a condition",
        BlockType b => $"the {b.Block.Describe()}",
        ListType => "a list",
        _ => "an invalid value",
    };

    /// <summary>
    /// Names a side of an operation in the unit the user wrote when there is one (19.5 TFLOP/s is
    /// "TFLOP/s", A100.memory is "GB"), else in base units.
    /// </summary>
    private string Describe(Expr expr, StaticType type) =>
        type is QuantityType { Dimension.IsNone: false } q && new WrittenUnits(bindings, unitSyntax).InMessage(expr, q.Dimension) is { } written ? written.Name : Describe(type);
}
