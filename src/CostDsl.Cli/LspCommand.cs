using System.CommandLine;
using CostDsl.LanguageServer.Server;

namespace CostDsl.Cli;

/// <summary><c>costdsl lsp</c>: the language server, speaking LSP over stdin and stdout; it logs to stderr.</summary>
internal static class LspCommand
{
    public static Command Create(CliIO io)
    {
        var samples = new Option<int>("--samples")
        {
            Description = "Monte Carlo samples for the values hover shows (few, to stay quick while typing); costdsl eval --samples N gives the same numbers.",
            DefaultValueFactory = _ => ServerOptions.DefaultSamples,
        };
        samples.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 10_000_000)
            {
                r.AddError("--samples must be between 1 and 10000000");
            }
        });
        var seed = new Option<int>("--seed") { Description = "Random seed, as for costdsl eval.", DefaultValueFactory = _ => Engine.EvaluationOptions.DefaultSeed };
        var debounce = new Option<int>("--debounce") { Description = "Milliseconds to wait after a change before checking it.", DefaultValueFactory = _ => 50 };
        debounce.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 0 or > 10_000)
            {
                r.AddError("--debounce must be between 0 and 10000");
            }
        });
        var root = new Option<string?>("--root") { Description = "The folder paths are shown relative to, as if costdsl ran there (default: the editor's workspace folder)." };
        var stdio = new Option<bool>("--stdio") { Description = "Talk over stdin and stdout (the only transport; editors pass it)." };

        var command = new Command("lsp", "Run the language server (LSP over stdin/stdout) for editors: diagnostics, hover, definition, completion, formatting, outline.");
        command.Options.Add(samples);
        command.Options.Add(seed);
        command.Options.Add(debounce);
        command.Options.Add(root);
        command.Options.Add(stdio);
        command.SetAction(parse =>
        {
            var options = new ServerOptions
            {
                Samples = parse.GetValue(samples),
                Seed = parse.GetValue(seed),
                Debounce = TimeSpan.FromMilliseconds(parse.GetValue(debounce)),
                WorkspaceRoot = parse.GetValue(root),
            };
            using var input = Console.OpenStandardInput();
            using var output = Console.OpenStandardOutput();
            return LanguageServerHost.RunAsync(input, output, options, io.Error).GetAwaiter().GetResult();
        });
        return command;
    }
}
