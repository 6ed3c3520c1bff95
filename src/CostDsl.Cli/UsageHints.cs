using System.CommandLine;
using System.Text.RegularExpressions;
using CostDsl.Semantics;

namespace CostDsl.Cli;

/// <summary>
/// Did-you-mean for the command line itself: a misspelt command (<c>costdsl evl</c>) or option
/// (<c>--sampels</c>) gets the closest name the command it was given to knows. Said on the usage
/// line, with no file position: the mistake is in the arguments.
/// </summary>
internal static partial class UsageHints
{
    /// <summary>The parser's message, with "; did you mean 'x'?" when a command or option is close.</summary>
    public static string Explain(string message, ParseResult parse)
    {
        var match = Unrecognized().Match(message);
        if (!match.Success)
        {
            return message;
        }

        var token = match.Groups["token"].Value;
        var command = parse.CommandResult.Command;
        IEnumerable<string> candidates = token.StartsWith('-')
            ? command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name))
            : command.Subcommands.Where(c => !c.Hidden).SelectMany(c => c.Aliases.Prepend(c.Name));
        return NameSuggestions.Closest(token, candidates.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)) is { } close
            ? $"{message.TrimEnd('.')}; did you mean '{close}'?"
            : message;
    }

    /// <summary>A message with a suggestion first: "did you mean 'eval'?" says more than "Required command was not provided."</summary>
    public static int Rank(string message) => message.Contains("; did you mean '", StringComparison.Ordinal) ? 0 : 1;

    [GeneratedRegex(@"^(Unrecognized command or argument|unknown option) '(?<token>[^']*)'\.?$")]
    private static partial Regex Unrecognized();
}
