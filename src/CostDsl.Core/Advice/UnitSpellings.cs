using System.Collections.Frozen;
using CostDsl.Semantics;

namespace CostDsl.Advice;

/// <summary>
/// Common spellings of units that are not units of the prelude, and what to write instead. Three
/// spellings are accepted outright, as aliases in rules/units.cost (<c>hour</c>, <c>hr</c>, <c>sec</c>);
/// the rest are suggested, not accepted, because a prelude unit is a reserved name in every spec (and
/// with a prefix, <c>Mtokens</c>, too): plurals such as <c>hours</c> and <c>tokens</c> are exactly the
/// names people give their quantities (examples/finetune-budget.cost has <c>let hours</c>), and words
/// like <c>second</c> or <c>byte</c> read as ordinary names. grammar/language.md ("Unit spellings") says the same.
/// </summary>
public static class UnitSpellings
{
    private static readonly FrozenDictionary<string, string> Instead = new Dictionary<string, string>
    {
        ["hours"] = "h",
        ["hrs"] = "h",
        ["secs"] = "s",
        ["second"] = "s",
        ["seconds"] = "s",
        ["minute"] = "min",
        ["minutes"] = "min",
        ["mins"] = "min",
        ["days"] = "day",
        ["weeks"] = "week",
        ["months"] = "month",
        ["years"] = "year",
        ["yr"] = "year",
        ["yrs"] = "year",
        ["tokens"] = "token",
        ["tok"] = "token",
        ["toks"] = "token",
        ["byte"] = "B",
        ["bytes"] = "B",
        ["watt"] = "W",
        ["watts"] = "W",
        ["dollar"] = "USD",
        ["dollars"] = "USD",
        ["usd"] = "USD",
        ["joule"] = "J",
        ["joules"] = "J",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The suffix for "unknown unit 'x'": the unit to write instead, or the closest unit's name, or nothing.</summary>
    public static string Hint(string name, IEnumerable<string> units)
    {
        var known = units as IReadOnlyCollection<string> ?? units.ToList();
        if (Instead.GetValueOrDefault(name) is { } unit && known.Contains(unit))
        {
            return $"; write '{unit}' (units are symbols, singular: '{name}' stays free as a name)";
        }

        if (name is "flops" or "FLOPs" or "flop")
        {
            return "; write 'FLOP' for an amount of work or 'FLOP/s' (FLOPS) for a rate";
        }

        return NameSuggestions.Hint(name, known);
    }
}
