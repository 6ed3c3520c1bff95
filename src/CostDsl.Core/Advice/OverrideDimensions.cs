using CostDsl.Diagnostics;
using CostDsl.Semantics;
using CostDsl.Syntax;

namespace CostDsl.Advice;

/// <summary>
/// A <c>--set</c> (or a scenario setting) that gives a let or block field a value of another
/// dimension than the spec's (<c>--set rent=2 USD</c> where rent is USD/h) is reported at the
/// setting, not at whichever output later adds or divides the new value (CD0801). The setting's
/// value is then treated as erroneous, so that nothing downstream repeats the error elsewhere.
/// </summary>
public static class OverrideDimensions
{
    /// <param name="name">The let or Block.field set.</param>
    /// <param name="original">The spec's own value, or null when the setting replaced nothing.</param>
    /// <param name="replacement">The setting's value and its checked type.</param>
    /// <param name="typeOf">Checks an expression at global scope (the checker's, so names bind as elsewhere).</param>
    /// <param name="describe">Names a type in the units the user wrote.</param>
    /// <returns>The type the name takes: the replacement's, or the error type when the dimension changed.</returns>
    public static StaticType Check(
        string name,
        Expr? original,
        (Expr Value, StaticType Type) replacement,
        Func<Expr, StaticType> typeOf,
        Func<Expr, StaticType, string> describe,
        DiagnosticBag diagnostics)
    {
        if (original is null || ReferenceEquals(original, replacement.Value) || replacement.Type is not QuantityType changed)
        {
            return replacement.Type;
        }

        var was = typeOf(original);
        if (was is not QuantityType spec || spec.Dimension == changed.Dimension)
        {
            return replacement.Type;
        }

        var span = replacement.Value.Span;
        var setting = CommandLineArgument.IsArgument(span.File) ? $"{span.File.Path}={span.File.Text}" : $"the setting of {name}";
        diagnostics.Error(
            Codes.OverrideChangesDimension,
            CommandLineArgument.Locate(span),
            $"{setting}: {name} is {describe(original, was)} in the spec ({original.Span}), but this makes it {describe(replacement.Value, replacement.Type)}; give it in {describe(original, was)} or another unit of that dimension");
        return StaticType.Error;
    }
}
