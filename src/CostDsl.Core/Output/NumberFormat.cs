using System.Globalization;

namespace CostDsl.Output;

/// <summary>How numbers are written: 15 significant digits (what a double holds for sure), integers without a fraction.</summary>
public static class NumberFormat
{
    public static string Json(double value)
    {
        if (!double.IsFinite(value))
        {
            // The evaluator never lets one through; writing one would be a silent lie.
            throw new ArgumentOutOfRangeException(nameof(value), "only finite numbers reach the JSON");
        }

        if (value == 0)
        {
            // Negative zero too: "-0" reads back as the integer 0 in most JSON readers, so a part of a sharded sweep
            // holding one did not re-render to its own bytes and was refused as edited; no output means a signed zero.
            return "0";
        }

        if (value == Math.Floor(value) && Math.Abs(value) < 1e15)
        {
            return value.ToString("F0", CultureInfo.InvariantCulture);
        }

        return value.ToString("G15", CultureInfo.InvariantCulture).Replace("E+", "e+", StringComparison.Ordinal).Replace("E-", "e-", StringComparison.Ordinal);
    }

    /// <summary>
    /// For people: about four significant digits, plain with thousands separators below 1e15 (a
    /// budget reads as <c>11,143,210</c>, never <c>1.114e+7</c>), an exponent at or above 1e15 and
    /// below 1e-3, where plain digits would run long.
    /// </summary>
    public static string Readable(double value) => Readable(value, NeedsExponent(value));

    /// <summary>Several numbers that share a line, all in one style: exponents for all when one needs it.</summary>
    public static string[] ReadableAll(params double[] values)
    {
        var exponent = values.Any(NeedsExponent);
        return [.. values.Select(v => Readable(v, exponent))];
    }

    /// <summary>A value with the unit it is shown in: <c>2.5 USD/h</c>, and a percentage as <c>40%</c>, without a space.</summary>
    public static string WithUnit(string number, string unit) =>
        unit.Length == 0 ? number : unit == "%" ? number + "%" : $"{number} {unit}";

    private static bool NeedsExponent(double value)
    {
        var magnitude = Math.Abs(value);
        return magnitude != 0 && (magnitude >= 1e15 || magnitude < 1e-3);
    }

    private static string Readable(double value, bool exponent)
    {
        var magnitude = Math.Abs(value);
        if (exponent && magnitude != 0)
        {
            return value.ToString("0.###e+0", CultureInfo.InvariantCulture);
        }

        if (magnitude >= 1000)
        {
            return Math.Round(value).ToString("#,0", CultureInfo.InvariantCulture);
        }

        // Below 1: keep three digits after the leading zeros (0.448, 0.0123), at most 15 decimals.
        var digits = magnitude >= 100 ? 1 : magnitude >= 10 ? 2 : magnitude >= 1 || magnitude == 0 ? 3
            : Math.Min(15, 2 - (int)Math.Floor(Math.Log10(magnitude)));
        return Math.Round(value, digits).ToString("0." + new string('#', digits), CultureInfo.InvariantCulture);
    }
}
