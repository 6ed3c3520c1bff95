using System.CommandLine;
using CostDsl.Engine;

namespace CostDsl.Cli;

/// <summary>Options that several commands share, each built once per command line.</summary>
internal sealed class CommonOptions
{
    public Argument<string[]> Files { get; } = new("FILE") { Description = "The .cost files to read.", Arity = ArgumentArity.OneOrMore };

    public Option<string[]> Set { get; } = new("--set")
    {
        Description = "Override a let or a Block.field: PATH=EXPR, e.g. --set 'A100.price=12000 USD'. Repeatable.",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string?> Scenario { get; } = new("--scenario")
    {
        Description = "Apply the spec's scenario of this name (its settings override the base spec; --set still applies after it). eval: 'all' or a list a,b shows the base spec and each scenario side by side.",
    };

    public Option<string[]> Sweep { get; } = new("--sweep")
    {
        Description = "Sweep a let or Block.field over values: PATH=[v1, v2, ...], e.g. --sweep 'chat.users=[1000, 2000]'. Repeatable: several form a grid.",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<int> Samples { get; } = new("--samples")
    {
        Description = "Monte Carlo samples for uncertain values.",
        DefaultValueFactory = _ => EvaluationOptions.DefaultSamples,
    };

    public Option<int> Seed { get; } = new("--seed")
    {
        Description = "Random seed; the same seed gives the same output, byte for byte.",
        DefaultValueFactory = _ => EvaluationOptions.DefaultSeed,
    };

    public Option<string[]> AllowImport { get; } = AllowImportOption.Create();

    public Option<bool> WarningsAsErrors { get; } = new("--warnings-as-errors")
    {
        Description = "Exit 1 when a spec has a warning (a plausibility warning, CD08xx), as on an error.",
    };

    /// <summary>The exit code of one file's run: a warning counts as an error only with --warnings-as-errors.</summary>
    public int ExitCode(ParseResult parse, RunResult result) =>
        parse.GetValue(WarningsAsErrors) && result.Diagnostics.Any(d => d.Severity == Diagnostics.Severity.Warning) ? ExitCodes.Failure : result.ExitCode;

    /// <summary>The engine for this command line, confined to the spec's folder tree and the --allow-import folders.</summary>
    public CostEngine Engine(ParseResult parse) => Limits.Engine(AllowImportOption.Sources(parse, AllowImport), parse);

    /// <summary>--max-steps, --max-memory, --time-limit.</summary>
    public LimitOptions Limits { get; } = new();

    // Whether --sweep, --samples and --seed were added: a command without them (check) gets the
    // defaults, not the zero that reading an absent option gives (0 samples crashed every percentile).
    private bool evaluates;

    public EvaluationOptions Read(ParseResult parse) => evaluates
        ? new()
        {
            Sets = parse.GetValue(Set) ?? [],
            Scenario = parse.GetValue(Scenario),
            Sweeps = parse.GetValue(Sweep) ?? [],
            Samples = parse.GetValue(Samples),
            Seed = parse.GetValue(Seed),
        }
        : new()
        {
            Sets = parse.GetValue(Set) ?? [],
            Scenario = parse.GetValue(Scenario),
        };

    public void AddTo(Command command, bool evaluation)
    {
        command.Arguments.Add(Files);
        Files.Validators.Add(r =>
        {
            foreach (var token in r.Tokens.Where(t => t.Value.StartsWith('-')))
            {
                r.AddError($"unknown option '{token.Value}'");
            }
        });
        command.Options.Add(Set);
        command.Options.Add(Scenario);
        evaluates = evaluation;
        command.Options.Add(AllowImport);
        command.Options.Add(WarningsAsErrors);
        Limits.AddTo(command);
        if (evaluation)
        {
            command.Options.Add(Sweep);
            command.Options.Add(Samples);
            command.Options.Add(Seed);
            WholeNumberRange.Require(Samples, 1, 10_000_000);
        }
    }
}
