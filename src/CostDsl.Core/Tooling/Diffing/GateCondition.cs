using System.Globalization;
using System.Text.RegularExpressions;

namespace CostDsl.Tooling.Diffing;

public enum GateComparison
{
    Above,
    AtLeast,
    Below,
    AtMost,
}

/// <summary>
/// One <c>costdsl diff --fail-on</c> condition: <c>assert</c> (an assert that passed now fails, or a new
/// assert fails), or a change of an output (<c>budget</c>, or <c>any</c> output) compared with a relative
/// threshold (<c>+10%</c>) or an absolute one in a unit (<c>+1000 USD</c>, <c>-2 h</c>; no unit for a
/// unitless output). A condition is only ever checked on outputs that changed, so a spec diffed with
/// itself never trips one.
/// </summary>
/// <param name="Output">The output's name, <c>any</c>, or null for <c>assert</c>.</param>
/// <param name="Threshold">A fraction when <see cref="Relative"/> (10% is 0.1), else in <see cref="Unit"/>.</param>
/// <param name="Unit">The threshold's unit as written, or empty; resolved against the new version's units.</param>
public sealed partial record GateCondition(string Text, string? Output, GateComparison Comparison, double Threshold, bool Relative, string Unit)
{
    public const string AnyOutput = "any";

    public bool IsAssert => Output is null;

    /// <summary>Parses one condition; null with <paramref name="problem"/> saying why (a usage error).</summary>
    public static GateCondition? Parse(string text, out string? problem)
    {
        problem = null;
        var trimmed = text.Trim();
        if (trimmed == "assert")
        {
            return new GateCondition(trimmed, null, GateComparison.Above, 0, false, string.Empty);
        }

        var match = Shape().Match(trimmed);
        if (!match.Success)
        {
            problem = $"--fail-on '{text}': expected 'assert' or 'OUTPUT > +10%', 'any > +25%', 'OUTPUT > +1000 USD', 'OUTPUT < -5%'";
            return null;
        }

        var number = match.Groups["number"].Value.Replace("_", string.Empty, StringComparison.Ordinal);
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var threshold) || !double.IsFinite(threshold))
        {
            problem = $"--fail-on '{text}': '{match.Groups["number"].Value}' is not a finite number";
            return null;
        }

        var unit = match.Groups["unit"].Value.Trim();
        var relative = unit == "%";
        var comparison = match.Groups["op"].Value switch
        {
            ">" => GateComparison.Above,
            ">=" => GateComparison.AtLeast,
            "<" => GateComparison.Below,
            _ => GateComparison.AtMost,
        };
        return new GateCondition(trimmed, match.Groups["output"].Value, comparison, relative ? threshold / 100 : threshold, relative, relative ? string.Empty : unit);
    }

    /// <summary>Whether a change of <paramref name="change"/> (a fraction, or in the threshold's unit) meets the condition.</summary>
    public bool Holds(double change) => Comparison switch
    {
        GateComparison.Above => change > Threshold,
        GateComparison.AtLeast => change >= Threshold,
        GateComparison.Below => change < Threshold,
        _ => change <= Threshold,
    };

    public override string ToString() => Text;

    [GeneratedRegex(@"^(?<output>[\p{L}_][\p{L}\p{N}_]*)\s*(?<op>>=|<=|>|<)\s*(?<number>[+-]?[0-9][0-9_]*(\.[0-9_]+)?([eE][+-]?[0-9]+)?)\s*(?<unit>%|[\p{L}][\p{L}\p{N}_*/^ -]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
