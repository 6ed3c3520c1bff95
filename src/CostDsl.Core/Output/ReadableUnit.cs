using CostDsl.Functions;
using CostDsl.Units;

namespace CostDsl.Output;

/// <summary>
/// Picks a unit a person reads at a glance: 13.5 GB rather than 13500000000 B, 312 TFLOP/s,
/// 400 W, 3.2 h.
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

    private static bool IsPrefixable(Dimension dimension)
    {
        var numerator = dimension.Factors.Where(f => f.Power > 0).ToList();
        var denominator = dimension.Factors.Where(f => f.Power < 0).ToList();
        return numerator is [(var name, 1)] && name != "USD" && name != "s"
            && denominator.All(f => f.Base == "s" && f.Power == -1);
    }
}
