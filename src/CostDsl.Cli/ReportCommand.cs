using System.CommandLine;
using CostDsl.Diagnostics;
using CostDsl.Reporting;

namespace CostDsl.Cli;

/// <summary><c>costdsl report FILE... -o report.html</c>: one self-contained HTML page with the results, their plots and derivations.</summary>
internal static class ReportCommand
{
    public static Command Create(CliIO io)
    {
        var common = new CommonOptions();
        var output = new Option<string>("--out", "-o") { Description = "The HTML file to write.", Required = true };
        var sensitivity = new Option<string?>("--sensitivity") { Description = "Add a tornado chart ranking the uncertain inputs by the share of this output's variance each explains." };

        var command = new Command("report", "Write an HTML report (opens offline): outputs, distribution and sweep plots, sensitivity, asserts, diagnostics and derivations.");
        common.AddTo(command, evaluation: true);
        command.Options.Add(output);
        command.Options.Add(sensitivity);
        command.SetAction(parse =>
        {
            var engine = common.Engine(parse);
            var options = common.Read(parse) with { Sensitivity = parse.GetValue(sensitivity) };
            var sections = ReportBuilder.Build(engine, parse.GetValue(common.Files)!, options);
            foreach (var section in sections)
            {
                io.Error.Write(DiagnosticRenderer.RenderAll(section.Result.Diagnostics));
            }

            // The report is written also when a file has errors: it lists them.
            if (!io.TryWriteFile(parse.GetValue(output)!, HtmlReport.Write(sections, new ReportSettings(options))))
            {
                return ExitCodes.Failure;
            }

            return sections.Max(s => s.Result.ExitCode);
        });
        return command;
    }
}
