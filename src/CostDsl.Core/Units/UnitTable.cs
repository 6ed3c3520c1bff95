using System.Collections.Frozen;

namespace CostDsl.Units;

/// <summary>
/// The units of one program, declared and resolved: looks a name up directly, or as an SI or
/// binary prefix on a declared unit (<c>TFLOP</c>, <c>GiB</c>, <c>kWh</c>). Immutable once built.
/// </summary>
public sealed class UnitTable
{
    private readonly FrozenDictionary<string, Unit> declared;

    public UnitTable(IEnumerable<Unit> units) =>
        declared = units.ToFrozenDictionary(u => u.Name, StringComparer.Ordinal);

    public IEnumerable<Unit> Declared => declared.Values;

    public Unit? Find(string name) => declared.TryGetValue(name, out var unit) ? unit : FindPrefixed(name);

    /// <summary>The reading of <paramref name="name"/> as prefix + declared unit, if there is one.</summary>
    public Unit? FindPrefixed(string name) =>
        Prefixes.Read<Unit>(name, rest => declared.GetValueOrDefault(rest), u => u.Dimension == Prefixes.Information) is var (_, factor, unit)
            ? new Unit(name, factor * unit.Scale, unit.Dimension)
            : null;
}
