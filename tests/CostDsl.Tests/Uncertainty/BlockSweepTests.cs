using CostDsl.Diagnostics;
using CostDsl.Engine;
using CostDsl.Limits;
using CostDsl.Output;
using CostDsl.Runtime;
using CostDsl.Tests.Support;
using CostDsl.Text;
using Newtonsoft.Json.Linq;

namespace CostDsl.Tests.Uncertainty;

/// <summary>
/// Sweeps over blocks (issue 16): <c>let hw = H100_SXM</c> names a block and <c>sweep hw in [L4, ...]</c>
/// (or <c>--sweep 'hw=[...]'</c>) evaluates the spec once per block in one run, beside numeric sweeps.
/// </summary>
public class BlockSweepTests
{
    // Uncertain (so the same draws at every point matter), a block read directly and through a built-in,
    // a numeric sweep beside the block one, and an assert that fails on the slowest device only.
    private const string Base = """
        import "std/hardware/nvidia.cost"
        import "std/models/llama.cost"
        let hw = H100_SXM
        let util = 30% to 60%
        let hours = 10 h
        output tflops = hw.bf16 * util in TFLOP/s
        output energy = hw.power * hours in kWh
        output step = tpot(Llama3_8B, hw, 1000 token, 200 token, 8, 1, 2 B) in ms
        assert P(step < 60 ms) > 50% "a step stays under 60 ms"
        """;

    private const string Devices = "[L4, A100_80GB, H100_SXM]";

    private static readonly string[] Names = ["L4", "A100_80GB", "H100_SXM"];

    private static RunResult Run(string text, string[]? sweeps = null, string[]? sets = null, int samples = 500) =>
        Spec.Run(text, new EvaluationOptions { Sweeps = sweeps ?? [], Sets = sets ?? [], Samples = samples });

    [Test]
    public void EachPointIsExactlyWhatASeparateRunWithSetGives()
    {
        var grid = Run(Base + $"\nsweep hw in {Devices}\n", sweeps: ["hours=[1 h, 2 h]"]);
        Assert.That(grid.Evaluation!.Layout.Points, Is.EqualTo(6));
        for (var block = 0; block < Names.Length; block++)
        {
            var alone = Run(Base, sweeps: ["hours=[1 h, 2 h]"], sets: [$"hw={Names[block]}"]);
            foreach (var name in new[] { "tflops", "energy", "step" })
            {
                var whole = Samples(grid, name);
                var part = Samples(alone, name);
                Assert.That(whole.AsSpan(block * part.Length, part.Length).ToArray(), Is.EqualTo(part), $"{name} at hw = {Names[block]}");
            }
        }
    }

    [Test]
    public void TheCommandLineFormEqualsTheSpecForm()
    {
        var inSpec = JsonReport.Write(Run(Base + $"\nsweep hw in {Devices}\n"));
        var onCommandLine = JsonReport.Write(Run(Base, sweeps: [$"hw={Devices}"]));
        Assert.That(onCommandLine, Is.EqualTo(inSpec));
    }

    [Test]
    public void TheSameSeedGivesTheSameNumbers() =>
        Assert.That(JsonReport.Write(Run(Base, sweeps: [$"hw={Devices}"])), Is.EqualTo(JsonReport.Write(Run(Base, sweeps: [$"hw={Devices}"]))));

    [Test]
    public void BlockAxesAreOutermostAndTheJsonNamesTheBlock()
    {
        // The numeric sweep is written first; the grid still runs through the blocks outermost.
        var json = JObject.Parse(JsonReport.Write(Run(Base + $"\nsweep hours in [1 h, 2 h]\nsweep hw in {Devices}\n")));
        var inputs = json["points"]!.Select(p => p["inputs"]!).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(inputs.Select(i => (string?)i["hw"]), Is.EqualTo(new[] { "L4", "L4", "A100_80GB", "A100_80GB", "H100_SXM", "H100_SXM" }));
            Assert.That(inputs.Select(i => (double)i["hours"]!["value"]!), Is.EqualTo(new[] { 1.0, 2, 1, 2, 1, 2 }));
            Assert.That(((JObject)inputs[0]).Properties().Select(p => p.Name), Is.EqualTo(new[] { "hw", "hours" }));
        });
    }

    [Test]
    public void AFailingAssertNamesTheBlockWhereItFailed()
    {
        var result = Run(Base + $"\nsweep hw in {Devices}\n");
        var failed = result.Diagnostics.Single(d => d.Code == Codes.AssertFailed);
        var outcome = result.Evaluation!.Asserts.Single();
        Assert.Multiple(() =>
        {
            Assert.That(failed.Message, Is.EqualTo("assert failed: a step stays under 60 ms at hw = L4"));
            Assert.That(outcome.FailingPoints, Is.EqualTo(new[] { 0 }));
            Assert.That(JObject.Parse(JsonReport.Write(result))["asserts"]![0]!["failingPoints"]![0]!["inputs"]!["hw"]!.ToString(), Is.EqualTo("L4"));
        });
    }

    [Test]
    public void EveryFormatShowsTheBlocksByName()
    {
        using var folder = new TempFolder();
        var path = folder.Write("gpus.cost", Base.Replace("P(step < 60 ms) > 50%", "P(step < 600 ms) > 50%", StringComparison.Ordinal) + $"\nsweep hw in {Devices}\n");
        var csv = CliRunner.Run("eval", path, "--format", "csv", "--samples", "200").Output.Split('\n');
        var table = CliRunner.Run("eval", path, "--format", "table", "--samples", "200").Output;
        var markdown = CliRunner.Run("eval", path, "--format", "markdown", "--samples", "200").Output;
        Assert.Multiple(() =>
        {
            Assert.That(csv[0], Does.StartWith("hw,tflops [TFLOP/s],"));
            Assert.That(csv.Skip(1).Take(3).Select(row => row.Split(',')[0]), Is.EqualTo(Names));
            Assert.That(table, Does.Contain("  hw = L4\n").And.Contain("  hw = A100_80GB\n").And.Contain("  hw = H100_SXM\n"));
            Assert.That(markdown, Does.Contain("| output | hw = L4 | hw = A100_80GB | hw = H100_SXM |"));
        });
    }

    [TestCase(2)]
    [TestCase(4)]
    public void ShardedAndMergedEqualsUnsharded(int parts)
    {
        using var folder = new TempFolder();
        var spec = folder.Write("gpus.cost", Base + $"\nsweep hw in {Devices}\n");
        string[] options = ["--sweep", "hours=[1 h, 2 h]", "--samples", "300"];
        var whole = CliRunner.Run(["eval", spec, .. options]);
        var files = Enumerable.Range(0, parts).Select(k =>
        {
            var file = folder.PathOf($"part{k}.json");
            CliRunner.Run(["eval", spec, .. options, "--shard", $"{k}/{parts}", "--out", file]);
            return file;
        }).Reverse().ToList();

        var merged = CliRunner.Run(["merge", .. files]);
        Assert.Multiple(() =>
        {
            Assert.That(whole.ExitCode, Is.EqualTo(1), "the assert fails at L4: " + whole.Error);
            Assert.That(merged.Error, Does.Not.Contain("error CD09"));
            Assert.That(merged.Output, Is.EqualTo(whole.Output));
            Assert.That(merged.ExitCode, Is.EqualTo(whole.ExitCode));
        });
    }

    [Test]
    public void AValueThatIsNotABlockIsAnErrorAtTheValue()
    {
        var mixed = Run(Base + "\nsweep hw in [L4, 3]\n");
        var let = Run(Base + "\nlet other = L4\nsweep hw in [A100_80GB, other]\n");
        Assert.Multiple(() =>
        {
            Assert.That(mixed.Errors(), Is.EqualTo(new[] { "10:18 CD0201" }), () => DiagnosticRenderer.RenderAll(mixed.Diagnostics));
            Assert.That(let.Errors(), Is.EqualTo(new[] { "11:25 CD0701" }), () => DiagnosticRenderer.RenderAll(let.Diagnostics));
            Assert.That(let.Diagnostics.Single().Message, Is.EqualTo("sweep hw runs through hardware blocks: each value must name one, as H100_SXM does"));
        });
    }

    [Test]
    public void ABlockOfAnotherKindIsAnErrorAtTheList()
    {
        var model = Run(Base + "\nsweep hw in [Llama3_8B]\n");
        Assert.That(model.Errors(), Is.EqualTo(new[] { "10:13 CD0201" }), () => DiagnosticRenderer.RenderAll(model.Diagnostics));
    }

    [Test]
    public void ABlockLackingAFieldReadThroughTheLetIsAnErrorAtTheValue()
    {
        // A100_80GB has no fp8 (Ampere); Toy has no bandwidth, which tpot reads from hw.
        var result = Run(Base + "\nhardware Toy { bf16 = 100 TFLOP/s; memory = 24 GB; power = 100 W; fp8 = 1 TFLOP/s }\noutput fp8 = hw.fp8\nsweep hw in [L4, A100_80GB, Toy]\n");
        Assert.Multiple(() =>
        {
            Assert.That(result.Errors(), Is.EqualTo(new[] { "12:18 CD0702", "12:29 CD0702" }), () => DiagnosticRenderer.RenderAll(result.Diagnostics));
            Assert.That(result.Diagnostics.Select(d => d.Message), Is.EqualTo(new[]
            {
                "sweep hw: hardware A100_80GB cannot stand for hw: it has no field 'fp8', which hw.fp8 reads (spec.cost:11:17)",
                "sweep hw: hardware Toy cannot stand for hw: tpot needs hardware Toy.bandwidth, which is not set (spec.cost:8:15)",
            }));
            Assert.That(result.Evaluation, Is.Null, "an error in a sweep stops the run");
        });
    }

    [Test]
    public void AnUnknownBlockOnTheCommandLineIsReportedOnceAtTheSweep()
    {
        var result = Run(Base, sweeps: ["hw=[L4, Nope9]"]);
        var error = result.Diagnostics.Single();
        Assert.Multiple(() =>
        {
            Assert.That(error.Code, Is.EqualTo(Codes.UnknownName));
            Assert.That(error.File, Is.EqualTo("--sweep hw"));
        });
    }

    [Test]
    public void TheCostBoundCountsEveryBlockPoint()
    {
        var engine = new CostEngine();
        var one = engine.Check(new SourceFile("spec.cost", Base, Path.Combine(Repository.Root, "spec.cost"))).Program!;
        var three = engine.Check(new SourceFile("spec.cost", Base + $"\nsweep hw in {Devices}\n", Path.Combine(Repository.Root, "spec.cost"))).Program!;
        var (single, swept) = (CostBound.Estimate(one, 100), CostBound.Estimate(three, 100));
        Assert.Multiple(() =>
        {
            Assert.That(swept.Points, Is.EqualTo(3));
            Assert.That(swept.Steps, Is.GreaterThanOrEqualTo(3 * single.Steps), "the program is evaluated once per block");
        });
    }

    private static double[] Samples(RunResult result, string output)
    {
        var value = result.Evaluation!.Outputs.Single(o => o.Name == output).Value;
        var magnitude = ((Quantity)value).Magnitude;
        return magnitude.IsExact ? Enumerable.Repeat(magnitude.Value, result.Evaluation.Layout.Length).ToArray() : magnitude.Samples.ToArray();
    }
}
