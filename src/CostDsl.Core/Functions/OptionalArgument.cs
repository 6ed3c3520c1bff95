using CostDsl.Runtime;
using CostDsl.Semantics;
using CostDsl.Units;

namespace CostDsl.Functions;

/// <summary>
/// Parameters whose absence means something a default value cannot say: "take it from the block"
/// (a model's bytes_per_param) or "leave this term out" (the activations of training_memory).
/// </summary>
internal static class OptionalArgument
{
    public static bool IsGiven(StaticType type) => type is not AbsentType;

    public static bool IsGiven(Value value) => value is not Absent;

    /// <summary>A parameter that may be left out; its description says what happens then.</summary>
    public static FunctionParameter Parameter(string name, string description, Dimension dimension) =>
        new(name, description, dimension, Optional: true);
}
