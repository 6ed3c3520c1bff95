using System.CommandLine;
using CostDsl.Diagnostics;
using CostDsl.Engine;
using CostDsl.Text;
using CostDsl.Tooling.Diffing;
using CostDsl.Tooling.Formatting;

namespace CostDsl.Cli;

/// <summary><c>costdsl fmt FILE... [--check]</c>: rewrite specs in the canonical layout, or (for CI) list those that are not.</summary>
internal static class FmtCommand
{
    public static Command Create(CliIO io)
    {
        var files = new Argument<string[]>("FILE") { Description = "The .cost files to format.", Arity = ArgumentArity.OneOrMore };
        files.Validators.Add(r =>
        {
            foreach (var token in r.Tokens.Where(t => t.Value.StartsWith('-')))
            {
                r.AddError($"unknown option '{token.Value}'");
            }
        });
        var check = new Option<bool>("--check") { Description = "Change nothing: list the files fmt would change and exit with 1 if there are any." };

        var command = new Command("fmt", "Rewrite specs in the canonical layout; comments stay where they were.");
        command.Arguments.Add(files);
        command.Options.Add(check);
        command.SetAction(parse =>
        {
            var exit = ExitCodes.Success;
            foreach (var path in parse.GetValue(files)!)
            {
                exit = Math.Max(exit, FormatOne(io, path, parse.GetValue(check)));
            }

            return exit;
        });
        return command;
    }

    private static int FormatOne(CliIO io, string path, bool checkOnly)
    {
        var source = SpecReader.ReadFile(path, out var problem);
        if (source is null)
        {
            io.Error.Write(DiagnosticRenderer.Render(problem!));
            return ExitCodes.Failure;
        }

        var result = DeepStack.Run(() => Formatter.Format(source));
        if (result.HasErrors)
        {
            io.Error.Write(DiagnosticRenderer.RenderAll(result.Diagnostics));
            io.Error.WriteLine($"{path}: not formatted: it has errors");
            return ExitCodes.Failure;
        }

        if (!result.Changed)
        {
            return ExitCodes.Success;
        }

        if (checkOnly)
        {
            io.Output.WriteLine(path);
            return ExitCodes.Failure;
        }

        return io.TryWriteFile(path, result.Text) ? ExitCodes.Success : ExitCodes.Failure;
    }
}
