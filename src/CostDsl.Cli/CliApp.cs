using System.CommandLine;

namespace CostDsl.Cli;

/// <summary>The <c>costdsl</c> command line. Bad usage exits with 2 and says why; nothing ever ends in a stack trace.</summary>
public static class CliApp
{
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
        };

        try
        {
            // No response files: "@x" is an argument as typed (diff @{-1}:x.cost), never a file of more arguments.
            var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
            if (parse.Errors.Count > 0)
            {
                foreach (var problem in parse.Errors)
                {
                    error.WriteLine($"costdsl: {problem.Message}");
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
