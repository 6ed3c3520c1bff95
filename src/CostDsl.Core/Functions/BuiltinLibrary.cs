using System.Collections.Frozen;

namespace CostDsl.Functions;

/// <summary>Every built-in function by name. Names may grow, never silently change meaning.</summary>
public static class BuiltinLibrary
{
    private static readonly FrozenDictionary<string, BuiltinFunction> Functions =
        MathFunctions.All.Concat(EstimationFunctions.All).ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);

    public static IEnumerable<BuiltinFunction> All => Functions.Values.OrderBy(f => f.Name, StringComparer.Ordinal);

    public static BuiltinFunction? Find(string name) => Functions.GetValueOrDefault(name);
}
