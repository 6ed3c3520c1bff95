using System.Text;
using CostDsl.Diagnostics;
using CostDsl.Engine;
using CostDsl.Semantics;
using CostDsl.Text;

namespace CostDsl.Benchmarks;

/// <summary>The workload of issue 4, as a spec and as the numbers a hand-written loop needs.</summary>
public static class UncertaintyWorkload
{
    public const double Params = 6.2e9;
    public const double Int8 = 624e12;
    public const double InputTokens = 50;
    public const double Overhead = 0.20;

    public const string MonteCarloSpec = """
        workload chat {
          users    = 1000
          interval = 2 s to 5 s
          output   = 300 token to 2000 token
          input    = 50 token
          util     = 25% to 55%
          overhead = 20%
        }
        model M { params = 6.2e9 }
        hardware G { int8 = 624 TOPS }
        output gpus = (2 FLOP/token * M.params * (chat.input + chat.output)) * (chat.users / chat.interval) / (G.int8 * chat.util) / (1 - chat.overhead)
        """;

    /// <summary>The same chain at fixed values, swept over <paramref name="points"/> user counts.</summary>
    public static string SweepSpec(int points)
    {
        var text = new StringBuilder("""
            workload chat {
              users    = 1000
              interval = 3.5 s
              output   = 1000 token
              input    = 50 token
              util     = 40%
              overhead = 20%
            }
            model M { params = 6.2e9 }
            hardware G { int8 = 624 TOPS }
            output gpus = (2 FLOP/token * M.params * (chat.input + chat.output)) * (chat.users / chat.interval) / (G.int8 * chat.util) / (1 - chat.overhead)
            sweep chat.users in [
            """);
        text.AppendJoin(", ", Enumerable.Range(1, points));
        text.Append("]\n");
        return text.ToString();
    }

    public static CheckedProgram Check(string text)
    {
        var (program, diagnostics) = new CostEngine().Check(new SourceFile("workload.cost", text));
        return program ?? throw new InvalidOperationException(DiagnosticRenderer.RenderAll(diagnostics));
    }
}
