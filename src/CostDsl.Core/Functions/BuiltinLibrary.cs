using System.Collections.Frozen;

namespace CostDsl.Functions;

/// <summary>Every built-in function by name. Names may grow, never silently change meaning.</summary>
public static class BuiltinLibrary
{
    /// <summary>The functions by concept, in the order grammar/library.md documents them.</summary>
    public static IReadOnlyList<(string Concept, IReadOnlyList<BuiltinFunction> Functions)> Sections { get; } =
    [
        ("Compute", [.. ComputeFunctions.All]),
        ("Memory", [.. MemoryFunctions.All]),
        ("Time", [.. TimeFunctions.All]),
        ("Serving", [.. ServingFunctions.All]),
        ("Training", [.. TrainingFunctions.All]),
        ("Devices", [.. DeviceFunctions.All]),
        ("Money and energy", [.. MoneyFunctions.All]),
        ("Math", [.. MathFunctions.All]),
        ("Uncertainty", [.. DistributionFunctions.All]),
        ("Statistics", [.. StatisticsFunctions.All]),
    ];

    private static readonly FrozenDictionary<string, BuiltinFunction> Functions =
        Sections.SelectMany(s => s.Functions).ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);

    public static IEnumerable<BuiltinFunction> All => Functions.Values.OrderBy(f => f.Name, StringComparer.Ordinal);

    public static BuiltinFunction? Find(string name) => Functions.GetValueOrDefault(name);
}
