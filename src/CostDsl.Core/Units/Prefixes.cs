namespace CostDsl.Units;

/// <summary>
/// SI prefixes k M G T P E combine with every unit; the binary prefixes Ki Mi Gi Ti only with units
/// of information (GiB, Mibit), where they mean what people expect.
/// </summary>
public static class Prefixes
{
    public static readonly IReadOnlyList<(string Symbol, double Factor)> Decimal =
    [
        ("k", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12), ("P", 1e15), ("E", 1e18),
    ];

    public static readonly IReadOnlyList<(string Symbol, double Factor)> Binary =
    [
        ("Ki", 1024.0), ("Mi", 1024.0 * 1024), ("Gi", 1024.0 * 1024 * 1024), ("Ti", 1024.0 * 1024 * 1024 * 1024),
    ];

    /// <summary>Every way to read <paramref name="name"/> as prefix + unit name, binary prefixes first.</summary>
    public static IEnumerable<(string Prefix, double Factor, string Unit)> Splits(string name)
    {
        foreach (var (symbol, factor) in Binary.Concat(Decimal))
        {
            if (name.Length > symbol.Length && name.StartsWith(symbol, StringComparison.Ordinal))
            {
                yield return (symbol, factor, name[symbol.Length..]);
            }
        }
    }

    public static bool IsBinary(string prefix) => prefix.Length == 2;

    /// <summary>The dimension binary prefixes apply to: bytes, and what is defined from them (bit = B / 8).</summary>
    public static readonly Dimension Information = Dimension.Base("B");

    /// <summary>
    /// The reading of <paramref name="name"/> as a prefix on a unit that <paramref name="find"/> knows,
    /// binary prefixes only on units of information (<paramref name="isInformation"/>); null when
    /// there is none. The one place the prefix rules are applied, whether the units are resolved
    /// (<see cref="UnitTable"/>, the checker) or still declarations (the prefix-clash check).
    /// </summary>
    public static (string Prefix, double Factor, T Unit)? Read<T>(string name, Func<string, T?> find, Func<T, bool> isInformation)
        where T : class
    {
        foreach (var (prefix, factor, rest) in Splits(name))
        {
            if (find(rest) is { } unit && (!IsBinary(prefix) || isInformation(unit)))
            {
                return (prefix, factor, unit);
            }
        }

        return null;
    }
}
