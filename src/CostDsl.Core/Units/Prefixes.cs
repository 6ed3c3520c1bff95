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
}
