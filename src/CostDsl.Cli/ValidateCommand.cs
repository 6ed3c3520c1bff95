using System.CommandLine;
using CostDsl.Estimation;
using CostDsl.Validation;

namespace CostDsl.Cli;

/// <summary>
/// <c>costdsl validate FILE.json...</c>: estimates every measured figure of cost-measurements/1 files and
/// prints how far off the models are. Exit 0 unless a file cannot be read or does not follow the format.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(CliIO io)
    {
        var files = new Argument<string[]>("FILE") { Description = "cost-measurements/1 files (grammar/measurements.md).", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format") { Description = "table (default), json, or markdown (the per-file, per-metric summary README.md shows).", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "markdown");
        var seed = new Option<int>("--seed") { Description = "Random seed of the uncertain efficiencies; the same seed gives the same output.", DefaultValueFactory = _ => 1 };
        var samples = new Option<int>("--samples") { Description = "Monte Carlo samples per estimate.", DefaultValueFactory = _ => EstimationContext.DefaultSamples };
        samples.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 1_000_000)
            {
                r.AddError("--samples must be between 1 and 1000000");
            }
        });
        files.Validators.Add(r =>
        {
            foreach (var token in r.Tokens.Where(t => t.Value.StartsWith('-')))
            {
                r.AddError($"unknown option '{token.Value}'");
            }
        });

        var command = new Command("validate", "Estimate published measurements (cost-measurements/1 files) and report the errors.");
        command.Arguments.Add(files);
        command.Options.Add(format);
        command.Options.Add(seed);
        command.Options.Add(samples);
        command.SetAction(parse =>
        {
            var read = new List<MeasurementFile>();
            foreach (var path in parse.GetValue(files)!)
            {
                try
                {
                    read.Add(MeasurementReader.ReadFile(path));
                }
                catch (MeasurementFormatException e)
                {
                    io.Error.WriteLine($"costdsl: {e.Message}");
                    return ExitCodes.Failure;
                }
            }

            var context = new EstimationContext(DeviceCatalog.LoadBundled(), parse.GetValue(seed), parse.GetValue(samples));
            var report = new ValidationRunner(CaseEstimators.All(), context).Run(read);
            io.Output.Write(parse.GetValue(format) switch
            {
                "json" => ValidationJson.Render(report),
                "markdown" => ValidationMarkdown.Render(report),
                _ => ValidationTable.Render(report),
            });
            return ExitCodes.Success;
        });
        return command;
    }
}
