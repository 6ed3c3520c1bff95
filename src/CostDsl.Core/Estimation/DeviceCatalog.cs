using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using CostDsl.Engine;
using CostDsl.Modules;
using CostDsl.Runtime;
using CostDsl.Semantics;
using CostDsl.Syntax;
using CostDsl.Text;

namespace CostDsl.Estimation;

/// <summary>
/// The bundled hardware catalog (std/hardware/*.cost) as device specs. The figures are read by evaluating
/// the catalog through the engine, so `extends`, units and any formula there mean exactly what they mean in
/// a spec: one place for each figure.
/// </summary>
public sealed class DeviceCatalog
{
    private readonly ImmutableSortedDictionary<string, DeviceSpec> devices;

    private DeviceCatalog(ImmutableSortedDictionary<string, DeviceSpec> devices) => this.devices = devices;

    public IEnumerable<string> Names => devices.Keys;

    public DeviceSpec? Find(string name) => devices.GetValueOrDefault(name);

    /// <summary>A catalog of the given devices (tests, or specs built elsewhere).</summary>
    public static DeviceCatalog Of(IEnumerable<DeviceSpec> specs) =>
        new(specs.ToImmutableSortedDictionary(d => d.Name, d => d, StringComparer.Ordinal));

    /// <summary>Evaluates every bundled std/hardware file; throws if the catalog itself has errors (a defect of the build).</summary>
    public static DeviceCatalog LoadBundled(CostEngine? engine = null)
    {
        engine ??= new CostEngine();
        var imports = string.Concat(BundledLibrary.Paths
            .Where(p => p.StartsWith(BundledLibrary.Prefix + "hardware/", StringComparison.Ordinal))
            .Select(p => $"import \"{p}\"\n"));

        var (program, diagnostics) = engine.Check(new SourceFile("<hardware catalog>", imports));
        if (program is null)
        {
            throw new InvalidOperationException("the bundled hardware catalog does not check: " + string.Join("; ", diagnostics.Select(d => d.Message)));
        }

        var blocks = program.Model.Blocks.Where(b => b.Kind == BlockKind.Hardware).OrderBy(b => b.Name, StringComparer.Ordinal).ToList();
        var fields = DeviceSpec.PeakFields.Concat(DeviceSpec.OtherFields).ToList();
        var spec = new StringBuilder(imports);
        var wanted = new List<(string Output, string Block, string Field)>();
        foreach (var block in blocks)
        {
            foreach (var field in fields.Where(f => block.Field(f) is not null))
            {
                var output = $"o{wanted.Count.ToString(CultureInfo.InvariantCulture)}";
                wanted.Add((output, block.Name, field));
                spec.Append(CultureInfo.InvariantCulture, $"output {output} = {block.Name}.{field}\n");
            }
        }

        var result = engine.Evaluate(new SourceFile("<hardware catalog>", spec.ToString()), new EvaluationOptions { Samples = 1 });
        if (result.Evaluation is not { } evaluation)
        {
            throw new InvalidOperationException("the bundled hardware catalog does not evaluate: " + string.Join("; ", result.Diagnostics.Select(d => d.Message)));
        }

        var values = evaluation.Outputs.ToDictionary(o => o.Name, o => o.Value, StringComparer.Ordinal);
        var specs = wanted.GroupBy(w => w.Block).Select(g =>
        {
            var figures = g.Where(w => values[w.Output] is Quantity { Magnitude.IsExact: true })
                .ToDictionary(w => w.Field, w => ((Quantity)values[w.Output]).Magnitude.Value, StringComparer.Ordinal);
            return new DeviceSpec(
                g.Key,
                figures.GetValueOrDefault("memory") is var m and > 0 ? m : null,
                figures.GetValueOrDefault("bandwidth") is var b and > 0 ? b : null,
                figures.GetValueOrDefault("interconnect") is var i and > 0 ? i : null,
                figures.GetValueOrDefault("network") is var n and > 0 ? n : null,
                figures.GetValueOrDefault("gpus_per_node") is var p and > 0 ? p : null,
                figures.Where(f => DeviceSpec.PeakFields.Contains(f.Key) && f.Value > 0).ToImmutableSortedDictionary(StringComparer.Ordinal));
        });
        return Of(specs);
    }
}
