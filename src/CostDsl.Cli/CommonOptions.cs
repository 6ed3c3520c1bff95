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

    public EvaluationOptions Read(ParseResult parse) => new()
    {
        Sets = parse.GetValue(Set) ?? [],
        Samples = parse.GetValue(Samples),
        Seed = parse.GetValue(Seed),
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
        if (evaluation)
        {
            command.Options.Add(Samples);
            command.Options.Add(Seed);
            Samples.Validators.Add(r =>
            {
                if (r.GetValueOrDefault<int>() is < 1 or > 10_000_000)
                {
                    r.AddError("--samples must be between 1 and 10000000");
                }
            });
        }
    }
}
