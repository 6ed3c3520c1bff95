using System.CommandLine;

namespace CostDsl.Cli;

/// <summary>The <c>costdsl</c> command line. Bad usage exits with 2 and says why; nothing ever ends in a stack trace.</summary>
public static class CliApp
{
    /// <summary>The parser's "Cannot parse argument 'x' for option '--n' as expected type 'System.Int32'." said for people.</summary>
    private static string Plain(string message)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message, @"^Cannot parse argument '(?<value>.*)' for option '(?<option>[^']+)' as expected type '(?<type>[^']+)'\.*$");
        if (!match.Success)
        {
            return message;
        }

        var kind = match.Groups["type"].Value.Contains("Int32", StringComparison.Ordinal) ? "a whole number" : "a value of another kind";
        return $"{match.Groups["option"].Value} needs {kind}, not '{match.Groups["value"].Value}'";
    }

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var io = new CliIO(output, error);
        var root = new RootCommand("costdsl: estimate what AI compute costs, from plain-text .cost specs, with units checked.")
        {
            EvalCommand.Create(io),
            CheckCommand.Create(io),
            BatchCommand.Create(io),
            ExplainCommand.Create(io),
            FmtCommand.Create(io),
            DiffCommand.Create(io),
            LspCommand.Create(io),
            ModelCommand.Create(io),
            ValidateCommand.Create(io),
            ReportCommand.Create(io),
            PlanTrainingCommand.Create(io),
            MergeCommand.Create(io),
        };

        try
        {
            ParseResult parse;
            try
            {
                // No response files: "@x" is an argument as typed (diff @{-1}:x.cost), never a file of more arguments.
                parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
            }
            catch (InvalidOperationException e)
            {
                // A value the parser could not convert, met by a validator: bad usage, said in one line.
                error.WriteLine($"costdsl: {Plain(e.Message.Split('\n')[0].Trim())}");
                error.WriteLine("Run 'costdsl --help' for usage.");
                return ExitCodes.Usage;
            }

            if (parse.Errors.Count > 0)
            {
                foreach (var problem in parse.Errors.Select(p => UsageHints.Explain(Plain(p.Message), parse)).Distinct().OrderBy(UsageHints.Rank))
                {
                    error.WriteLine($"costdsl: {problem}");
                }

                error.WriteLine("Run 'costdsl --help' for usage.");
                return ExitCodes.Usage;
            }

            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            error.WriteLine($"costdsl: internal error: {e.GetType().Name}: {e.Message}. Please report it with the input.");
            return ExitCodes.Failure;
        }
    }
}
