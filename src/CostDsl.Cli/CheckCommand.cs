using System.CommandLine;
using CostDsl.Diagnostics;
using CostDsl.Engine;

namespace CostDsl.Cli;

/// <summary><c>costdsl check FILE...</c>: parse, resolve, check dimensions and asserts; print diagnostics only.</summary>
internal static class CheckCommand
{
    public static Command Create(CliIO io)
    {
        var common = new CommonOptions();
        var command = new Command("check", "Check specs (syntax, names, units, asserts) and print diagnostics.");
        common.AddTo(command, evaluation: false);
        command.SetAction(parse =>
        {
            var engine = common.Engine(parse);
            var options = common.Read(parse);
            var exit = ExitCodes.Success;
            foreach (var file in parse.GetValue(common.Files)!)
            {
                var result = engine.EvaluateFile(file, options);
                io.Error.Write(DiagnosticRenderer.RenderAll(result.Diagnostics));
                var errors = result.Diagnostics.Count(d => d.Severity == Severity.Error);
                io.Output.WriteLine(errors == 0 ? $"{file}: ok" : $"{file}: {errors} error{(errors == 1 ? string.Empty : "s")}");
                exit = Math.Max(exit, common.ExitCode(parse, result));
            }

            return exit;
        });
        return command;
    }
}
