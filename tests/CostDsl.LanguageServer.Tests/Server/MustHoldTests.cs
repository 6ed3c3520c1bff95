using CostDsl.LanguageServer.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CostDsl.LanguageServer.Tests.Server;

/// <summary>The issue's must-holds, driven as an editor drives the server.</summary>
public sealed class MustHoldTests
{
    [Test]
    public async Task AddingComputeToMemoryPublishesCD0201AtThePlusAndFixingTheLineClearsIt()
    {
        using var folder = new TempFolder();
        await using var client = LspClient.InProcess();
        await client.InitializeAsync(folder.Root);
        var uri = folder.UriOf("spec.cost");
        const string Line = "let x = A100.int8 + A100.memory";
        await client.OpenAsync(uri, $"import \"std/hardware/nvidia.cost\"\n{Line}\n");

        var diagnostics = await client.DiagnosticsAsync(uri, d => d.Count > 0);
        Assert.That(diagnostics, Has.Count.EqualTo(1));
        var error = diagnostics[0];
        Assert.That((string?)error["code"], Is.EqualTo("CD0201"));
        Assert.That((int)error["severity"]!, Is.EqualTo(1));
        Assert.That((string?)error["message"], Does.Contain("cannot add"));
        Assert.That((int)error["range"]!["start"]!["line"]!, Is.EqualTo(1));
        Assert.That((int)error["range"]!["start"]!["character"]!, Is.EqualTo(Line.IndexOf('+', StringComparison.Ordinal)));

        await client.ChangeAsync(uri, "import \"std/hardware/nvidia.cost\"\nlet x = A100.memory + A100.memory\n", 2);
        var cleared = await client.DiagnosticsAsync(uri, d => d.Count == 0);
        Assert.That(cleared, Is.Empty);
        Assert.That((int?)client.LastDiagnostics(uri)!["version"], Is.EqualTo(2));
    }

    [Test]
    public async Task HoverOnH100Bf16ShowsItsValueInFlopPerSecondAndItsDatasheetComment()
    {
        using var folder = new TempFolder();
        await using var client = LspClient.InProcess();
        await client.InitializeAsync(folder.Root);
        var uri = folder.UriOf("spec.cost");
        const string Line = "let rate = H100_SXM.bf16";
        await client.OpenAsync(uri, $"import \"std/hardware/nvidia.cost\"\n{Line}\n");

        var hover = await client.ResultAsync("textDocument/hover", LspClient.At(uri, 1, Line.IndexOf("bf16", StringComparison.Ordinal) + 1));
        var text = (string)hover!["contents"]!["value"]!;
        Assert.That(text, Does.Contain("**989.5 TFLOP/s**"));
        Assert.That(text, Does.Contain("9.895e+14 FLOP/s").Or.Contain("989500000000000 FLOP/s"));
        Assert.That(text, Does.Contain("Source: H100 datasheet (2022)"));
        // The hover names the catalog line the figure is written on; that line is H100_SXM's bf16 figure.
        var cited = System.Text.RegularExpressions.Regex.Match(text, @"std/hardware/nvidia\.cost:(\d+)");
        Assert.That(cited.Success, Is.True, text);
        var catalogLine = File.ReadAllLines(Path.Combine(Repository.Root, "rules", "hardware", "nvidia.cost"))[int.Parse(cited.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) - 1];
        Assert.That(catalogLine, Does.StartWith("  bf16").And.Contain("989.5 TFLOP/s"));
        Assert.That((int)hover["range"]!["start"]!["character"]!, Is.EqualTo(Line.IndexOf("bf16", StringComparison.Ordinal)));
    }

    [Test]
    public async Task DefinitionOnLlama3_70BOpensTheBundledModelFileAtItsBlock()
    {
        using var folder = new TempFolder();
        await using var client = LspClient.InProcess();
        await client.InitializeAsync(folder.Root);
        var uri = folder.UriOf("spec.cost");
        await client.OpenAsync(uri, "import \"std/models/llama.cost\"\nlet p = Llama3_70B.params\n");

        var location = await client.ResultAsync("textDocument/definition", LspClient.At(uri, 1, 10));
        Assert.That((string?)location!["uri"], Is.EqualTo("costdsl-std:/std/models/llama.cost"));
        var line = (int)location["range"]!["start"]!["line"]!;

        // The editor opens that URI with the server's costdsl/stdFile request, read-only.
        var file = await client.ResultAsync("costdsl/stdFile", new { uri = (string)location["uri"]! });
        var text = (string)file!["text"]!;
        Assert.That(text, Is.EqualTo(File.ReadAllText(Repository.PathTo("rules", "models", "llama.cost"))));
        var declaration = text.Split('\n')[line];
        Assert.That(declaration, Does.StartWith("model Llama3_70B"));
        Assert.That((int)location["range"]!["start"]!["character"]!, Is.EqualTo(declaration.IndexOf("Llama3_70B", StringComparison.Ordinal)));
    }

    [Test]
    public async Task HoverShowsTheNumbersCostdslEvalPrintsForTheSameFileAndSeed()
    {
        using var folder = new TempFolder();
        const string Spec = """
            import "std/hardware/nvidia.cost"
            workload chat {
              users    = 800 to 1500
              interval = 2 s to 5 s
              util     = 25% to 55%
            }
            let flop_per_req = 1.3e13 FLOP
            output gpus = flop_per_req * (chat.users / chat.interval) / (A100.int8 * chat.util)
            output cost = gpus * A100.price in kUSD
            output rate = A100.int8
            """;
        folder.Write("spec.cost", Spec);
        var table = EvalTable(folder.Root, "spec.cost", "--samples", "1000", "--seed", "7");

        await using var client = LspClient.InProcess(new() { Samples = 1000, Seed = 7 });
        await client.InitializeAsync(folder.Root);
        var uri = folder.UriOf("spec.cost");
        await client.OpenAsync(uri, File.ReadAllText(folder.PathOf("spec.cost")));
        var lines = Spec.Split('\n');
        foreach (var output in new[] { "gpus", "cost", "rate" })
        {
            var row = table.Single(r => r.Name == output);
            var line = Array.FindIndex(lines, l => l.StartsWith($"output {output}", StringComparison.Ordinal));
            var hover = await client.ResultAsync("textDocument/hover", LspClient.At(uri, line, 8));
            Assert.That((string)hover!["contents"]!["value"]!, Does.Contain($"**{row.Value}**"), $"hover on {output}");
        }

        Assert.That(table.Single(r => r.Name == "gpus").Value, Does.Contain(".."), "the test needs an uncertain output");
    }

    /// <summary>The rows of <c>costdsl eval --format table</c>, run in <paramref name="folder"/> as a user would.</summary>
    private static List<(string Name, string Value)> EvalTable(string folder, string file, params string[] options)
    {
        var outcome = CliProcess.Run(folder, ["eval", file, "--format", "table", .. options]);
        Assert.That(outcome.ExitCode, Is.Zero, outcome.Error);
        return [.. outcome.Output.Split('\n').Skip(1).Where(l => l.StartsWith("  ", StringComparison.Ordinal))
            .Select(l => l.Trim()).Select(l => (l[..l.IndexOf(' ', StringComparison.Ordinal)], l[l.IndexOf(' ', StringComparison.Ordinal)..].Trim()))];
    }
}
