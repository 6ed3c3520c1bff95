using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using CostDsl.Engine;
using CostDsl.Runtime;
using CostDsl.Syntax;
using CostDsl.Text;

namespace CostDsl.Estimation.Training;

/// <summary>
/// Reads one model block and one hardware block of a spec (a user's file, or the bundled catalogs) as a
/// <see cref="ModelShape"/> and a <see cref="DeviceSpec"/>, by evaluating their fields through the engine, so that
/// `extends`, units and formulas mean what they mean in the spec. Used by `costdsl plan-training`.
/// </summary>
public static class SpecBlocks
{
    /// <summary>The bundled model and hardware catalogs, imported: the spec used when the user names none.</summary>
    public static SourceFile Bundled() => new(
        "<bundled catalogs>",
        string.Concat(Modules.BundledLibrary.Paths
            .Where(p => p.StartsWith(Modules.BundledLibrary.Prefix + "hardware/", StringComparison.Ordinal) || p.StartsWith(Modules.BundledLibrary.Prefix + "models/", StringComparison.Ordinal))
            .Select(p => $"import \"{p}\"\n")));

    /// <summary>The two blocks, or the diagnostics / the problem that stops reading them.</summary>
    public static (ModelShape? Model, DeviceSpec? Device, string? Problem, IReadOnlyList<Diagnostics.Diagnostic> Diagnostics) Read(
        CostEngine engine, SourceFile file, string modelName, string hardwareName)
    {
        var (program, diagnostics) = engine.Check(file);
        if (program is null)
        {
            return (null, null, null, diagnostics);
        }

        var model = program.Model.Blocks.FirstOrDefault(b => b.Kind == BlockKind.Model && b.Name == modelName);
        var hardware = program.Model.Blocks.FirstOrDefault(b => b.Kind == BlockKind.Hardware && b.Name == hardwareName);
        if (model is null || hardware is null)
        {
            var kind = model is null ? "model" : "hardware";
            var known = program.Model.Blocks.Where(b => b.Kind == (model is null ? BlockKind.Model : BlockKind.Hardware)).Select(b => b.Name).Order(StringComparer.Ordinal);
            return (null, null, $"no {kind} block '{(model is null ? modelName : hardwareName)}' (known: {string.Join(", ", known)})", []);
        }

        var wanted = new List<(string Output, bool IsModel, string Field)>();
        var text = new StringBuilder(file.Text).Append('\n');
        void Want(Semantics.BlockSymbol block, bool isModel, IEnumerable<string> fields)
        {
            foreach (var field in fields.Where(f => block.Field(f) is not null))
            {
                var output = $"plan_field_{wanted.Count.ToString(CultureInfo.InvariantCulture)}";
                wanted.Add((output, isModel, field));
                text.Append(CultureInfo.InvariantCulture, $"output {output} = {block.Name}.{field}\n");
            }
        }

        Want(model, true, ModelShape.Fields);
        Want(hardware, false, DeviceSpec.PeakFields.Concat(DeviceSpec.OtherFields));
        var result = engine.Evaluate(new SourceFile(file.Path, text.ToString(), file.Location), new EvaluationOptions { Samples = 1 });
        if (result.Evaluation is not { } evaluation)
        {
            return (null, null, null, result.Diagnostics);
        }

        var values = evaluation.Outputs.ToDictionary(o => o.Name, o => o.Value, StringComparer.Ordinal);
        var modelFields = new Dictionary<string, double>(StringComparer.Ordinal);
        var deviceFields = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (output, isModel, field) in wanted)
        {
            if (values.GetValueOrDefault(output) is not Quantity { Magnitude.IsExact: true } q)
            {
                return (null, null, $"{(isModel ? modelName : hardwareName)}.{field} must be an exact number to plan a layout", []);
            }

            (isModel ? modelFields : deviceFields)[field] = q.Magnitude.Value;
        }

        var (shape, problem) = ModelShape.Read(modelName, f => modelFields.TryGetValue(f, out var v) ? v : null);
        double? Device(string f) => deviceFields.TryGetValue(f, out var v) && v > 0 ? v : null;
        var device = new DeviceSpec(
            hardwareName,
            Device("memory"),
            Device("bandwidth"),
            Device("interconnect"),
            Device("network"),
            Device("gpus_per_node"),
            deviceFields.Where(f => DeviceSpec.PeakFields.Contains(f.Key) && f.Value > 0).ToImmutableSortedDictionary(StringComparer.Ordinal));
        return (shape, device, problem, []);
    }
}
