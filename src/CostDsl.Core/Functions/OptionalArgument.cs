using CostDsl.Runtime;
using CostDsl.Semantics;
using CostDsl.Units;

namespace CostDsl.Functions;

/// <summary>
/// The default of a parameter whose absence means "take it from the block" (a model's
/// bytes_per_param) or "leave this term out" (a kv_cache context). A parameter default must be a
/// quantity, and the checker hands a function the default's type when an argument is left out, so
/// the marker is a quantity of a dimension no spec can name: the checker can then tell, at check
/// time, that the argument was not given and ask for the block field instead, and at run time
/// the marker cannot be mistaken for a value a user wrote.
/// </summary>
internal static class OptionalArgument
{
    // Parentheses and spaces cannot occur in a unit name, so no spec can produce this dimension.
    private static readonly Dimension NotGiven = Dimension.Base("(not given)");

    public static Quantity Default { get; } = new(Magnitude.Exact(0), NotGiven);

    public static bool IsGiven(StaticType type) => type is not QuantityType { Dimension: var d } || d != NotGiven;

    public static bool IsGiven(Value value) => value is not Quantity { Dimension: var d } || d != NotGiven;

    /// <summary>A parameter that may be left out; its description says what happens then.</summary>
    public static FunctionParameter Parameter(string name, string description, Dimension dimension) =>
        new(name, description, dimension, Default: Default);
}
