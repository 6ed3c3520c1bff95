using CostDsl.Diagnostics;
using CostDsl.Engine;
using CostDsl.Tests.Support;
using CostDsl.Text;

namespace CostDsl.Tests.Robustness;

/// <summary>
/// Bad input never crashes: every .cost file the repository ships, mutated at random (with a fixed
/// seed, so a failure reproduces), gives diagnostics with a place and a code, never an internal error.
/// </summary>
public class MutationFuzzTests
{
    private const string Alphabet = "(){}[]+-*/^<>=!.,;:\"#%_ \n\t0123456789eE abcxyzGBTFLOPs to in if then else";

    public static IEnumerable<string> Files() =>
        Directory.EnumerateFiles(Repository.PathTo("rules"), "*.cost", SearchOption.AllDirectories)
            .Concat(Directory.Exists(Repository.PathTo("examples")) ? Directory.EnumerateFiles(Repository.PathTo("examples"), "*.cost", SearchOption.AllDirectories) : [])
            .Select(path => Path.GetRelativePath(Repository.Root, path))
            .Order(StringComparer.Ordinal);

    [TestCaseSource(nameof(Files))]
    public void MutatedFilesGiveLocatedDiagnosticsNeverACrash(string relative)
    {
        var original = File.ReadAllText(Repository.PathTo(relative));
        var random = new Random(relative.Length * 7919);
        var engine = new CostEngine();
        for (var round = 0; round < 60; round++)
        {
            var text = Mutate(original, random, 1 + random.Next(4));
            var result = engine.Evaluate(new SourceFile(relative, text, Repository.PathTo(relative)));
            var unlocated = result.Diagnostics.Where(d => d.Span is null || d.Line < 1 || d.Column < 1).ToList();
            Assert.Multiple(() =>
            {
                Assert.That(result.Diagnostics.Select(d => d.Code), Has.None.EqualTo(Codes.InternalError), () => $"round {round}:\n{DiagnosticRenderer.RenderAll(result.Diagnostics)}");
                Assert.That(unlocated, Is.Empty, $"round {round}: every diagnostic has a file, line and column");
            });
        }
    }

    private static string Mutate(string text, Random random, int edits)
    {
        var chars = text.ToList();
        for (var i = 0; i < edits && chars.Count > 0; i++)
        {
            var at = random.Next(chars.Count);
            switch (random.Next(3))
            {
                case 0:
                    chars.RemoveAt(at);
                    break;
                case 1:
                    chars.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                    break;
                default:
                    chars[at] = Alphabet[random.Next(Alphabet.Length)];
                    break;
            }
        }

        return new string(chars.ToArray());
    }
}
