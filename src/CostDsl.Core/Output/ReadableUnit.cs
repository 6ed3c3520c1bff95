using CostDsl.Functions;
using CostDsl.Runtime;
using CostDsl.Units;

namespace CostDsl.Output;

/// <summary>
/// Picks a unit a person reads at a glance: 13.5 GB rather than 13500000000 B, 312 TFLOP/s,
/// 400 W, 3.2 h. A unit the spec chose with <c>in</c> is kept as it is.
/// </summary>
public static class ReadableUnit
{
    private static readonly (string Name, double Seconds)[] TimeUnits =
        [("s", 1), ("min", 60), ("h", 3600), ("day", 86400), ("year", 365.25 * 86400)];

    public static (double Value, string Unit) Choose(double baseValue, Dimension dimension)
    {
        if (dimension == Dimensions.Time)
        {
            var (name, seconds) = TimeUnits.LastOrDefault(t => Math.Abs(baseValue) >= t.Seconds, TimeUnits[0]);
            return (baseValue / seconds, name);
        }

        // Prefix the first unit of a simple unit (B, FLOP/s, J/s shown as W); money and odd shapes stay in base units.
        var (unit, prefixable) = dimension == Dimensions.Power ? ("W", true) : (dimension.ToString(), IsPrefixable(dimension));
        if (!prefixable || baseValue == 0)
        {
            return (baseValue, unit);
        }

        foreach (var (symbol, factor) in Prefixes.Decimal.Reverse())
        {
            if (Math.Abs(baseValue) >= factor)
            {
                return (baseValue / factor, symbol + unit);
            }
        }

        return (baseValue, unit);
    }

    public static string Format(OutputValue output) => output.Value switch
    {
        Truth t when t.Magnitude.IsExact => t.Probability == 1 ? "true" : "false",
        Truth t => $"P = {NumberFormat.Readable(t.Probability * 100)}%",
        Quantity q when output.DisplayUnit is not null => Join(NumberFormat.Readable(q.Magnitude.Value / output.Scale), output.Unit),
        Quantity q => Readable(q.Magnitude.Value, q.Dimension),
        _ => string.Empty,
    };

    private static string Readable(double baseValue, Dimension dimension)
    {
        var (value, unit) = Choose(baseValue, dimension);
        return Join(NumberFormat.Readable(value), unit);
    }

    private static string Join(string number, string unit) => unit.Length == 0 ? number : $"{number} {unit}";

    private static bool IsPrefixable(Dimension dimension)
    {
        var numerator = dimension.Factors.Where(f => f.Power > 0).ToList();
        var denominator = dimension.Factors.Where(f => f.Power < 0).ToList();
        return numerator is [(var name, 1)] && name != "USD" && name != "s"
            && denominator.All(f => f.Base == "s" && f.Power == -1);
    }
}
