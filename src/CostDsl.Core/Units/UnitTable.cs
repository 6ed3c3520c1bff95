using System.Collections.Frozen;

namespace CostDsl.Units;

/// <summary>
/// The units of one program, declared and resolved: looks a name up directly, or as an SI or
/// binary prefix on a declared unit (<c>TFLOP</c>, <c>GiB</c>, <c>kWh</c>). Immutable once built.
/// </summary>
public sealed class UnitTable
{
    /// <summary>The base dimension that binary prefixes apply to.</summary>
    public static readonly Dimension Information = Dimension.Base("B");

    private readonly FrozenDictionary<string, Unit> declared;

    public UnitTable(IEnumerable<Unit> units) =>
        declared = units.ToFrozenDictionary(u => u.Name, StringComparer.Ordinal);

    public IEnumerable<Unit> Declared => declared.Values;

    public Unit? Find(string name) => declared.TryGetValue(name, out var unit) ? unit : FindPrefixed(name);

    /// <summary>The reading of <paramref name="name"/> as prefix + declared unit, if there is one.</summary>
    public Unit? FindPrefixed(string name)
    {
        foreach (var (prefix, factor, rest) in Prefixes.Splits(name))
        {
            if (declared.TryGetValue(rest, out var unit) && (!Prefixes.IsBinary(prefix) || unit.Dimension == Information))
            {
                return new Unit(name, factor * unit.Scale, unit.Dimension);
            }
        }

        return null;
    }
}
