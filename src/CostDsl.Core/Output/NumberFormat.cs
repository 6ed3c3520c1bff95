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

        if (value == Math.Floor(value) && Math.Abs(value) < 1e15)
        {
            return value.ToString("F0", CultureInfo.InvariantCulture);
        }

        return value.ToString("G15", CultureInfo.InvariantCulture).Replace("E+", "e+", StringComparison.Ordinal).Replace("E-", "e-", StringComparison.Ordinal);
    }

    /// <summary>For people: four significant digits, plain notation while it stays short.</summary>
    public static string Readable(double value)
    {
        var magnitude = Math.Abs(value);
        if (magnitude != 0 && (magnitude >= 1e7 || magnitude < 1e-3))
        {
            return value.ToString("0.###e+0", CultureInfo.InvariantCulture);
        }

        var digits = magnitude >= 1000 ? 0 : magnitude >= 100 ? 1 : magnitude >= 10 ? 2 : 3;
        return Math.Round(value, digits).ToString(magnitude >= 1000 ? "#,0" : "0.###", CultureInfo.InvariantCulture);
    }
}
