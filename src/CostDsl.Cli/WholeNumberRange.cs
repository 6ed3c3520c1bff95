using System.CommandLine;
using System.Globalization;

namespace CostDsl.Cli;

/// <summary>
/// Keeps a whole-number option within bounds. A token that is not a number is left to the parser,
/// which reports it as bad usage: reading the value here would throw (and once printed "internal error").
/// </summary>
internal static class WholeNumberRange
{
    public static void Require(Option option, int min, int max) => option.Validators.Add(result =>
    {
        foreach (var token in result.Tokens)
        {
            if (long.TryParse(token.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && (value < min || value > max))
            {
                result.AddError($"{option.Name} must be between {min} and {max}, not {token.Value}");
            }
        }
    });
}
