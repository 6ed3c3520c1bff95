namespace CostDsl.Hosting.Tests.Support;

/// <summary>Spec texts the tests share.</summary>
public static class Specs
{
    public const string Catalogs = "import \"std/hardware/nvidia.cost\"\nimport \"std/models/llama.cost\"\n";

    /// <summary>A clean spec over the bundled catalogs whose output <c>users</c> is <paramref name="users"/>.</summary>
    public static string Good(int users) =>
        Catalogs + $"""
        let users = {users}
        let flops = inference_flops(Llama2_7B, 1050 token) * users / 3 s
        output users
        output gpus = ceil(flops / (A100.int8 * 40%))
        """ + "\n";

    /// <summary>A clean spec whose evaluation takes 2^depth calls, with no recursion and little memory: a way to run past a time limit.</summary>
    public static string Slow(int depth)
    {
        var lines = new List<string> { "fn f0(x) = x + 1" };
        for (var i = 1; i <= depth; i++)
        {
            lines.Add($"fn f{i}(x) = f{i - 1}(x) + f{i - 1}(x)");
        }

        lines.Add($"output y = f{depth}(1)");
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>
    /// A doubling chain whose innermost function draws, so no call can share another's result: 2^depth
    /// real calls. The static cost bound refuses it unless MaxSteps is raised, which tests of the time
    /// limit and of cancellation do.
    /// </summary>
    public static string Forever(int depth) => Slow(depth).Replace("fn f0(x) = x + 1", "fn f0(x) = x + (1 to 2)", StringComparison.Ordinal);

    /// <summary>A step budget that lets <see cref="Forever"/> start, so that only the clock or the caller stops it.</summary>
    public const long UnboundedSteps = 1_000_000_000_000_000;

    public static string Deep(int depth) => "let x = " + new string('(', depth) + "1" + new string(')', depth) + "\n";
}
