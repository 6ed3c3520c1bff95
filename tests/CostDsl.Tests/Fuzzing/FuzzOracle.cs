using System.Diagnostics;
using System.Text;
using CostDsl.Diagnostics;
using CostDsl.Engine;
using CostDsl.Output;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CostDsl.Tests.Fuzzing;

/// <summary>
/// What must hold for any file, however hostile: the engine ends in a result (never an exception),
/// never with an internal error (CD0999), every diagnostic points at a file, line and column, the
/// run stays inside the limits (the static bound refuses what would run too long, so the time limit
/// is never what stops it), the JSON parses with no NaN or Infinity, and a rendered diagnostic echoes
/// no raw control character. A broken property throws, with the file's text in the message.
/// </summary>
internal static class FuzzOracle
{
    /// <summary>Far above what a bounded spec needs even on a loaded runner: reaching it means the bound let through runaway work.</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(30);

    public static void Holds(byte[] file, int samples = 100)
    {
        var folder = Path.Combine(Path.GetTempPath(), "costdsl-fuzz-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var path = Path.Combine(folder, "a.cost");
            File.WriteAllBytes(path, file);
            Holds(path, samples);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public static void Holds(string path, int samples = 100)
    {
        var engine = new CostEngine { TimeLimit = TimeLimit };
        var clock = Stopwatch.StartNew();
        RunResult result;
        try
        {
            result = engine.EvaluateFile(path, new EvaluationOptions { Samples = samples });
        }
        catch (Exception e)
        {
            throw new AssertionException($"unhandled {e.GetType().Name}: {e.Message}{Show(path)}");
        }

        foreach (var diagnostic in result.Diagnostics)
        {
            Check(diagnostic.Code != Codes.InternalError, $"internal error: {diagnostic}", path);
            Check(diagnostic.Span is { Line: >= 1, Column: >= 1 } && diagnostic.File.Length > 0, $"diagnostic without a place: {diagnostic}", path);
            Check(!diagnostic.Message.Contains("took longer than the time limit", StringComparison.Ordinal), $"stopped by the time limit after {clock.Elapsed.TotalSeconds:0.0} s, not refused by the bound: {diagnostic}", path);
        }

        var json = JsonReport.Write(result);
        Check(!json.Contains("NaN", StringComparison.Ordinal) && !json.Contains("Infinity", StringComparison.Ordinal), "NaN or Infinity in the JSON", path);
        try
        {
            JToken.Parse(json);
        }
        catch (JsonReaderException e)
        {
            throw new AssertionException($"the JSON does not parse: {e.Message}{Show(path)}");
        }

        var rendered = DiagnosticRenderer.RenderAll(result.Diagnostics);
        Check(!rendered.Any(c => (char.IsControl(c) && c != '\n') || c is '\u2028' or '\u2029'), "a raw control character in a rendered diagnostic", path);
    }

    private static void Check(bool holds, string what, string path)
    {
        if (!holds)
        {
            throw new AssertionException(what + Show(path));
        }
    }

    /// <summary>The file, escaped and cut, to paste into Fuzzing/Regressions/ as a new case.</summary>
    private static string Show(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var text = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 2000));
        var escaped = new StringBuilder();
        foreach (var c in text)
        {
            escaped.Append(c is '\n' ? "\n" : char.IsControl(c) || c == '\uFFFD' ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return $"\n--- the file ({bytes.Length} bytes{(bytes.Length > 2000 ? ", first 2000 shown" : string.Empty)}; keep it in tests/CostDsl.Tests/Fuzzing/Regressions/) ---\n{escaped}";
    }
}
