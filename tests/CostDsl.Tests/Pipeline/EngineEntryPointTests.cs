using CostDsl.Diagnostics;
using CostDsl.Engine;
using CostDsl.Modules;
using CostDsl.Semantics;
using CostDsl.Tests.Support;
using CostDsl.Text;

namespace CostDsl.Tests.Pipeline;

/// <summary>The engine's entry points behave alike whatever provides the sources, and check says what eval would.</summary>
public class EngineEntryPointTests
{
    /// <summary>A host's provider that is not the file system: specs held in memory, std/... from the bundled library.</summary>
    private sealed class InMemorySources(Dictionary<string, string> files) : SourceProvider
    {
        private readonly FileSystemSources bundled = new();

        public override SourceLookup Resolve(string importPath, SourceFile importer) =>
            importPath.StartsWith("std/", StringComparison.Ordinal) ? bundled.Resolve(importPath, importer)
            : files.TryGetValue(importPath, out var text) ? SourceLookup.Found(new SourceFile(importPath, text))
            : SourceLookup.Missing($"file not found: {importPath}");
    }

    private static readonly InMemorySources Memory = new(new()
    {
        ["plan.cost"] = "import \"part.cost\"\nimport \"std/hardware/nvidia.cost\"\noutput x = y * 2\noutput memory = A100.memory in GB",
        ["part.cost"] = "let y = 21",
        ["failing.cost"] = "output x = 2\nassert x > 3 \"x is large\"",
    });

    [Test]
    public void AnEngineOnAnotherProviderEvaluatesAFileByItsPath()
    {
        var result = new CostEngine(Memory).EvaluateFile("plan.cost");
        Assert.Multiple(() =>
        {
            Assert.That(result.Diagnostics, Is.Empty, () => DiagnosticRenderer.RenderAll(result.Diagnostics));
            Assert.That(result.Output("x"), Is.EqualTo((42.0, string.Empty)));
            Assert.That(result.Output("memory").Unit, Is.EqualTo("GB"));
        });
    }

    [Test]
    public void AFileTheProviderDoesNotHaveIsReportedWithItsPath()
    {
        var result = new CostEngine(Memory).EvaluateFile("nowhere.cost");
        Assert.Multiple(() =>
        {
            Assert.That(result.Diagnostics.Single().Code, Is.EqualTo(Codes.FileNotFound));
            Assert.That(result.Diagnostics.Single().Message, Does.Contain("nowhere.cost"));
        });
    }

    [Test]
    public async Task CheckReportsWhatEvaluationWouldWithoutTheValues()
    {
        var engine = new CostEngine(Memory);
        var file = Memory.OpenRoot("failing.cost").File!;

        var checkedOnly = await engine.CheckAsync(file);
        var evaluated = await engine.EvaluateAsync(file);

        Assert.Multiple(() =>
        {
            Assert.That(checkedOnly.Evaluation, Is.Null);
            Assert.That(checkedOnly.Errors(), Is.EqualTo(new[] { "2:8 CD0404" }));
            Assert.That(checkedOnly.Errors(), Is.EqualTo(evaluated.Errors()));
        });
    }
}
