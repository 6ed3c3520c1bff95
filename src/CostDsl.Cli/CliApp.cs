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

    /// <summary>
    /// Every command, by the name it is typed with (the name its Create gives it), in the order help lists them.
    /// Listed here rather than built, so that a command line that names one can build that one alone.
    /// </summary>
    private static readonly (string Name, Func<CliIO, Command> Create)[] Commands =
    [
        ("eval", EvalCommand.Create),
        ("check", CheckCommand.Create),
        ("batch", BatchCommand.Create),
        ("explain", ExplainCommand.Create),
        ("fmt", FmtCommand.Create),
        ("diff", DiffCommand.Create),
        ("lsp", LspCommand.Create),
        ("model", ModelCommand.Create),
        ("validate", ValidateCommand.Create),
        ("report", ReportCommand.Create),
        ("plan-training", PlanTrainingCommand.Create),
        ("merge", MergeCommand.Create),
    ];

    // The root's own options (System.CommandLine's HelpOption and VersionOption, whose aliases these are):
    // a command line with one of them is read by the whole tree.
    private static readonly string[] RootOptionTokens = ["--help", "-h", "/h", "-?", "/?", "--version"];

    // No response files: "@x" is an argument as typed (diff @{-1}:x.cost), never a file of more arguments.
    private static ParserConfiguration Parsing => new() { ResponseFileTokenReplacer = null };

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var io = new CliIO(output, error);
        try
        {
            return RunNamedCommand(args, io) ?? RunWholeTree(args, io);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            error.WriteLine($"costdsl: internal error: {e.GetType().Name}: {e.Message}. Please report it with the input.");
            return ExitCodes.Failure;
        }
    }

    /// <summary>
    /// Start-up (bench/aot/phases.sh): the whole tree cost a cold run a tenth of its CPU, most of it in
    /// RootCommand's constructor (its help option's description is read through a ResourceManager) and in
    /// building eleven commands that are not used. A command line that names a command is parsed against a
    /// bare root holding that command alone; only when that parse is clean is it run. Anything else (help,
    /// --version, a usage error, a command line naming no command) is left to <see cref="RunWholeTree"/>,
    /// which reads it as before, so what a user sees is the same either way. Null: not handled here.
    /// </summary>
    private static int? RunNamedCommand(string[] args, CliIO io)
    {
        if (args.Length == 0 || Array.Find(Commands, c => c.Name == args[0]).Create is not { } create
            || args.Any(a => RootOptionTokens.Contains(a, StringComparer.Ordinal)))
        {
            return null;
        }

        var command = create(io);
        ParseResult parse;
        try
        {
            parse = new Command(RootCommand.ExecutableName) { command }.Parse(args, Parsing);
        }
        catch (InvalidOperationException)
        {
            return null; // a value no validator could convert: the whole tree says so
        }

        return parse.Errors.Count == 0 ? Invoke(parse, io) : null;
    }

    private static int RunWholeTree(string[] args, CliIO io)
    {
        var root = new RootCommand("costdsl: estimate what AI compute costs, from plain-text .cost specs, with units checked.");
        foreach (var (_, create) in Commands)
        {
            root.Subcommands.Add(create(io));
        }

        ParseResult parse;
        try
        {
            parse = root.Parse(args, Parsing);
        }
        catch (InvalidOperationException e)
        {
            // A value the parser could not convert, met by a validator: bad usage, said in one line.
            io.Error.WriteLine($"costdsl: {Plain(e.Message.Split('\n')[0].Trim())}");
            io.Error.WriteLine("Run 'costdsl --help' for usage.");
            return ExitCodes.Usage;
        }

        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors.Select(p => UsageHints.Explain(Plain(p.Message), parse)).Distinct().OrderBy(UsageHints.Rank))
            {
                io.Error.WriteLine($"costdsl: {problem}");
            }

            io.Error.WriteLine("Run 'costdsl --help' for usage.");
            return ExitCodes.Usage;
        }

        return Invoke(parse, io);
    }

    private static int Invoke(ParseResult parse, CliIO io) =>
        parse.Invoke(new InvocationConfiguration { Output = io.Output, Error = io.Error, EnableDefaultExceptionHandler = false });
}
