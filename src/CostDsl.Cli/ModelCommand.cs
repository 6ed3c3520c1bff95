using System.CommandLine;
using CostDsl.Catalog;
using CostDsl.Diagnostics;
using CostDsl.Tooling.Diffing;

namespace CostDsl.Cli;

/// <summary><c>costdsl model import CONFIG [--name NAME]</c>: print a catalog `model` block from a Hugging Face config.json.</summary>
internal static class ModelCommand
{
    public static Command Create(CliIO io)
    {
        var config = new Argument<string>("CONFIG") { Description = "A Hugging Face config.json (the file beside a model's weights)." };
        var name = new Option<string>("--name") { Description = "The block's name (default: from the folder or file name)." };
        name.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<string>();
            if (value is not null && !ModelBlockWriter.IsValidName(value))
            {
                r.AddError($"--name '{value}' cannot name a block: use letters, digits and '_', not starting with a digit, and not a keyword");
            }
        });

        var import = new Command("import", "Print a `model` block for a Hugging Face config.json, with params counted from its shapes.");
        import.Arguments.Add(config);
        import.Options.Add(name);
        import.SetAction(parse => Import(io, parse.GetValue(config)!, parse.GetValue(name)));

        return new Command("model", "Work with model blocks.") { import };
    }

    private static int Import(CliIO io, string path, string? name)
    {
        var source = SpecReader.ReadFile(path, out var problem);
        if (source is null)
        {
            io.Error.Write(DiagnosticRenderer.Render(problem!));
            return ExitCodes.Failure;
        }

        var diagnostics = new DiagnosticBag();
        var model = HuggingFaceConfig.Read(source, diagnostics);
        if (model is null)
        {
            io.Error.Write(DiagnosticRenderer.RenderAll(diagnostics.Sorted()));
            return ExitCodes.Failure;
        }

        io.Output.Write(ModelBlockWriter.Write(model, name ?? DefaultName(path), path));
        return ExitCodes.Success;
    }

    /// <summary>A config.json is named for nothing; the folder it sits in usually names the model (Llama-3.1-8B/config.json).</summary>
    private static string DefaultName(string path)
    {
        var file = Path.GetFileNameWithoutExtension(path);
        var folder = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path)));
        return ModelBlockWriter.NameFrom(file.Equals("config", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(folder) ? folder : file);
    }
}
